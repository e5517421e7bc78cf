/**
 * `loupe eval detect`: judges each case (issue, commit) of a cases file against a repository and
 * scores the verdicts against the gold "implemented" column: precision and recall at the default
 * threshold, ROC AUC of the confidence, overall and per kind of issue (bug, feature, docs, other:
 * from the issue's labels, else Loupe's classifier). The history is indexed once for all cases;
 * each case then reads the tree of its commit (cached across cases) and runs the pure detector.
 */
import { classifyText, globalModel, typeFromLabels } from '../core/classify/index.ts';
import { defaultWeights, type DetectWeights } from '../core/detect/detect-confidence.ts';
import { detectImplemented } from '../core/detect/detect-implemented.ts';
import type { DetectIssue, DetectVerdict, PullRequestFacts } from '../core/detect/detect.types.ts';
import { LoupeError } from '../core/errors.ts';
import { rocAuc } from '../core/eval/index.ts';
import type { FileRecordError, IssueFileFormat } from '../sources/files/index.ts';
import { readDetectCases, type DetectCase } from '../sources/files/read-detect-cases.ts';
import { resolveCommit } from '../sources/git/git-cli.ts';
import { indexGitHistory, indexTree, type GitHistoryIndex } from '../sources/git/git-history.index.ts';
import { readDetectCorpus } from './detect-inputs.ts';

export type DetectKind = 'bug' | 'feature' | 'docs' | 'other';
export const DETECT_KINDS: readonly DetectKind[] = ['bug', 'feature', 'docs', 'other'];

export interface EvalDetectOptions {
  repoDir: string;
  issuesPath: string;
  casesPath: string;
  hideReferences?: boolean;
  weights?: DetectWeights;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
}

export interface JudgedCase {
  issue: number;
  commit: string;
  gold: boolean;
  kind: DetectKind;
  verdict: DetectVerdict;
  /** Time to judge this case: its tree (when not yet read) and the detector. */
  ms: number;
}

export interface DetectScores {
  cases: number;
  positives: number;
  precision: number;
  recall: number;
  auc: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EvalDetectResult {
  overall: DetectScores;
  byKind: Partial<Record<DetectKind, DetectScores>>;
  judged: JudgedCase[];
  threshold: number;
  hideReferences: boolean;
  /** Indexing the history (once for all cases). */
  indexMs: number;
  /** Mean time per case after the history index. */
  msPerCase: number;
  commitsIndexed: number;
  /** Cases whose issue is not in the issues file (left out). */
  missingIssues: number[];
  recordsSkipped: number;
}

/** The kind of an issue: its labels when they name one, else the shipped classifier's answer. */
export function kindOf(issue: Pick<DetectIssue, 'title' | 'body' | 'labels'>): DetectKind {
  const type =
    typeFromLabels([...issue.labels]) ??
    classifyText(globalModel, { title: issue.title, body: issue.body }).type;
  return type === 'bug' || type === 'feature' || type === 'docs' ? type : 'other';
}

/** Precision and recall at the threshold, and ROC AUC (NaN without both classes). Pure. */
export function scoreDetect(
  items: readonly { gold: boolean; confidence: number; predicted: boolean }[],
): DetectScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of items) {
    if (item.predicted && item.gold) tp++;
    else if (item.predicted) fp++;
    else if (item.gold) fn++;
  }
  const positives = tp + fn;
  const both = positives > 0 && positives < items.length;
  return {
    cases: items.length,
    positives,
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN,
    recall: positives > 0 ? tp / positives : Number.NaN,
    auc: both
      ? rocAuc(
          items.map((i) => i.confidence),
          items.map((i) => i.gold),
        )
      : Number.NaN,
  };
}

/** Judges every case with an already built index (the bench calls this with a loaded index). */
export async function judgeCases(input: {
  target: Pick<GitHistoryIndex, 'index'> & { addTree: (sha: string) => Promise<void> };
  cases: readonly (DetectCase & { sha: string })[];
  issues: ReadonlyMap<number, DetectIssue>;
  pullRequests: readonly PullRequestFacts[];
  hideReferences: boolean;
  weights?: DetectWeights;
}): Promise<JudgedCase[]> {
  const judged: JudgedCase[] = [];
  for (const c of input.cases) {
    const issue = input.issues.get(c.issue);
    if (!issue) continue;
    const started = performance.now();
    await input.target.addTree(c.sha);
    const verdict = detectImplemented({
      issue,
      commit: c.sha,
      index: input.target.index,
      pullRequests: input.pullRequests,
      options: { hideReferences: input.hideReferences, ...(input.weights ? { weights: input.weights } : {}) },
    });
    judged.push({
      issue: c.issue,
      commit: c.sha,
      gold: c.implemented,
      kind: kindOf(issue),
      verdict,
      ms: performance.now() - started,
    });
  }
  return judged;
}

/** Scores judged cases overall and per kind. */
export function summariseJudged(
  judged: readonly JudgedCase[],
): Pick<EvalDetectResult, 'overall' | 'byKind' | 'msPerCase'> {
  const asItems = (list: readonly JudgedCase[]) =>
    list.map((j) => ({ gold: j.gold, confidence: j.verdict.confidence, predicted: j.verdict.implemented }));
  const byKind: EvalDetectResult['byKind'] = {};
  for (const kind of DETECT_KINDS) {
    const list = judged.filter((j) => j.kind === kind);
    if (list.length > 0) byKind[kind] = scoreDetect(asItems(list));
  }
  const msPerCase = judged.length > 0 ? judged.reduce((s, j) => s + j.ms, 0) / judged.length : 0;
  return { overall: scoreDetect(asItems(judged)), byKind, msPerCase };
}

/** Reads the files, indexes the repository once, judges every case and scores. */
export async function evalDetect(options: EvalDetectOptions): Promise<EvalDetectResult> {
  const corpus = await readDetectCorpus(options.issuesPath, options);
  const cases = await readDetectCases(options.casesPath);
  if (cases.length === 0) throw new LoupeError('INVALID_INPUT', `${options.casesPath}: no cases`);
  const shaOf = new Map<string, string>();
  for (const c of cases)
    if (!shaOf.has(c.commit)) shaOf.set(c.commit, await resolveCommit(options.repoDir, c.commit));
  const target = await indexGitHistory(options.repoDir, [...new Set(shaOf.values())]);
  const missingIssues = [...new Set(cases.filter((c) => !corpus.issues.has(c.issue)).map((c) => c.issue))];
  const judged = await judgeCases({
    target: { index: target.index, addTree: (sha) => indexTree(target, sha) },
    cases: cases.map((c) => ({ ...c, sha: shaOf.get(c.commit)! })),
    issues: corpus.issues,
    pullRequests: corpus.pullRequests,
    hideReferences: options.hideReferences ?? false,
    ...(options.weights ? { weights: options.weights } : {}),
  });
  if (judged.length === 0)
    throw new LoupeError('INVALID_INPUT', `none of the cases' issues is in ${options.issuesPath}`);
  return {
    ...summariseJudged(judged),
    judged,
    threshold: (options.weights ?? defaultWeights).threshold,
    hideReferences: options.hideReferences ?? false,
    indexMs: target.buildMs,
    commitsIndexed: target.index.commits.size,
    missingIssues,
    recordsSkipped: corpus.recordsSkipped,
  };
}
