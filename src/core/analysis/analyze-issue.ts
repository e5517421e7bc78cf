import {
  classifyText,
  typePullRequest,
  type Classification,
  type TextClassifierModel,
} from '../classify/index.ts';
import { phraseReasons } from '../classify/reason-phrases.ts';
import { tagConcepts, type ConceptTag, type Taxonomy } from '../concepts/index.ts';
import { describeDifficultyReasons, scoreIssueDifficulty, type RepoHistory } from '../difficulty/index.ts';
import type { Issue } from '../issue.ts';
import { ANALYSIS_VERSION } from './analysis-version.ts';
import {
  describeTeachingExample,
  findTeachingExamples,
  type TeachingExample,
  type TeachingIndex,
  type TeachingLabel,
} from './teaching-examples.ts';

export { ANALYSIS_VERSION };

export interface IssueAnalysis {
  type: string;
  typeConfidence: number;
  typeProbabilities: Record<string, number>;
  /**
   * What pushed toward the type: phrases quoted from the issue, or what a pull request says it is;
   * then the most similar issue of the repository labelled with that type, when one is alike enough.
   */
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
  /** The repository's labelled issues that reasons may cite (teaching-examples.ts). */
  teachers?: TeachingIndex;
}

/** Type, difficulty and concepts of one issue, each with its reasons. Pure and deterministic. */
export function analyzeIssue(
  issue: Pick<
    Issue,
    | 'title'
    | 'body'
    | 'labels'
    | 'isPullRequest'
    | 'commentsCount'
    | 'reactionsCount'
    | 'authorAssociation'
    | 'assignees'
    | 'milestone'
    | 'createdAt'
    | 'state'
  > & {
    /** How reasons refer to this issue ("#123", a file's id): it is never cited as its own example. */
    reference?: string;
  },
  comments: { body: string; authorAssociation?: string | null }[],
  context: AnalysisContext,
): IssueAnalysis {
  const labels = issue.labels.map((l) => l.name);
  // A pull request says what it is (labels, "fix(scope):" prefix, dependency bump); the text
  // classifier, trained on issues, is only the fallback for those that do not.
  const prType = issue.isPullRequest ? typePullRequest({ title: issue.title, labels }) : null;
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
  const type = prType
    ? {
        type: prType.type,
        typeConfidence: 1,
        typeProbabilities: { [prType.type]: 1 },
        typeReasons: [prType.reason],
      }
    : classifyType(context.classifier, { title: issue.title, body: issue.body, labels });
  // A pull request says what it is and is no one's first issue: only issues cite labelled examples.
  const wanted: TeachingLabel[] = [{ type: type.type }, ...(difficulty.level === 'easy' ? [GFI] : [])];
  const [typeExample, gfiExample] =
    context.teachers && !issue.isPullRequest ? findTeachingExamples(context.teachers, issue, wanted) : [];
  return {
    ...type,
    typeReasons: [...type.typeReasons, ...describedExample(typeExample)],
    difficulty: difficulty.level,
    gfiScore: round(difficulty.gfiScore),
    difficultyReasons: [...describeDifficultyReasons(difficulty.reasons), ...describedExample(gfiExample)],
    concepts: tagConcepts(
      {
        title: issue.title,
        body: issue.body,
        labels,
        ...(context.repoLanguages ? { repoLanguages: context.repoLanguages } : {}),
      },
      context.taxonomy,
      { limit: 8 },
    ),
  };
}

function classifyType(
  classifier: TextClassifierModel,
  text: { title: string; body: string; labels: string[] },
): Pick<IssueAnalysis, 'type' | 'typeConfidence' | 'typeProbabilities' | 'typeReasons'> {
  const classification = classifyText(classifier, text);
  return {
    type: classification.type,
    typeConfidence: round(classification.probabilities[classification.type] ?? 0),
    typeProbabilities: Object.fromEntries(
      Object.entries(classification.probabilities).map(([k, v]) => [k, round(v)]),
    ),
    typeReasons: typeReasonsOf(classification, text),
  };
}

/** Phrases quoted from the issue that pushed toward its type; a plain sentence when none can be quoted. */
function typeReasonsOf(classification: Classification, text: { title: string; body: string }): string[] {
  const phrases = phraseReasons(classification.reasons, text);
  return phrases.length > 0
    ? phrases
    : [`worded like the ${classification.type} issues the classifier learned from`];
}

const GFI: TeachingLabel = { goodFirstIssue: true };

function describedExample(example: TeachingExample | null | undefined): string[] {
  return example ? [describeTeachingExample(example)] : [];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
