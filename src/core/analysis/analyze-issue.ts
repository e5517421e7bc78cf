import { classifyText, type TextClassifierModel } from '../classify/index.ts';
import { tagConcepts, type ConceptTag, type Taxonomy } from '../concepts/index.ts';
import { scoreIssueDifficulty, type RepoHistory } from '../difficulty/index.ts';
import type { Issue } from '../issue.ts';

/**
 * Bumped whenever a model or rule that feeds an analysis changes: every stored analysis with another
 * version is redone by the (resumable) analysis job.
 */
export const ANALYSIS_VERSION = '2026-11-26.2';

export interface IssueAnalysis {
  type: string;
  typeConfidence: number;
  typeProbabilities: Record<string, number>;
  /** The features that pushed toward the type, in words. */
  typeReasons: string[];
  difficulty: 'easy' | 'medium' | 'hard';
  gfiScore: number;
  difficultyReasons: string[];
  concepts: ConceptTag[];
}

export interface AnalysisContext {
  /** The global model, adapted to the repository's own labelled history when it has one. */
  classifier: TextClassifierModel;
  history?: RepoHistory;
  repoLanguages?: string[];
  /** The workspace's effective taxonomy (shipped + its extensions); the shipped one when absent. */
  taxonomy?: Taxonomy;
}

/** Type, difficulty and concepts of one issue, each with its reasons. Pure and deterministic. */
export function analyzeIssue(
  issue: Pick<Issue, 'title' | 'body' | 'labels' | 'isPullRequest' | 'commentsCount' | 'reactionsCount' | 'authorAssociation' | 'assignees' | 'milestone' | 'createdAt' | 'state'>,
  comments: { body: string; authorAssociation?: string | null }[],
  context: AnalysisContext,
): IssueAnalysis {
  const labels = issue.labels.map((l) => l.name);
  const classification = classifyText(context.classifier, { title: issue.title, body: issue.body, labels });
  const difficulty = scoreIssueDifficulty(
    {
      title: issue.title,
      body: issue.body,
      labels,
      isPullRequest: issue.isPullRequest,
      commentsCount: issue.commentsCount,
      reactionsCount: issue.reactionsCount,
      authorAssociation: issue.authorAssociation,
      assigneesCount: issue.assignees.length,
      milestone: issue.milestone,
      createdAt: issue.createdAt,
      state: issue.state,
      comments,
    },
    context.history,
  );
  return {
    type: classification.type,
    typeConfidence: round(classification.probabilities[classification.type] ?? 0),
    typeProbabilities: Object.fromEntries(Object.entries(classification.probabilities).map(([k, v]) => [k, round(v)])),
    typeReasons: classification.reasons.slice(0, 5).map((r) => `${r.feature} (+${r.weight.toFixed(2)})`),
    difficulty: difficulty.level,
    gfiScore: round(difficulty.gfiScore),
    difficultyReasons: difficulty.reasons.slice(0, 6).map((r) => `${r.detail} (${r.effect >= 0 ? '+' : ''}${r.effect.toFixed(2)})`),
    concepts: tagConcepts({ title: issue.title, body: issue.body, labels, ...(context.repoLanguages ? { repoLanguages: context.repoLanguages } : {}) }, context.taxonomy, { limit: 8 }),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
