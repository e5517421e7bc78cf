/**
 * `loupe eval gfi`: how well the good-first-issue score ranks the issues maintainers labelled as
 * such. Positives carry the target label (default "good first issue"); that label and every
 * synonym the scorer knows (beginner, easy, starter, first-timers-only, up-for-grabs…, see
 * isGoodFirstIssueLabel) are removed from the input before scoring, so the model never reads the
 * verdict it predicts. Pull requests are left out. Metric: ROC AUC (ties count one half).
 *
 * Besides what the file states about each issue, the score reads one piece of repository history:
 * how actively the issue's repository (the records' repo field) was labelling good first issues in
 * the months before the issue was opened (RepoHistory.gfiActivity). It is built from the file's own
 * records created before the first day of the issue's month, so an issue never sees its own label
 * or its month's. That takes two passes over the file: the first keeps only dates and labels.
 * Files do not state closing times, so the other history signals stay out. The shipped weights were
 * fitted on huggingface/datasets issues: on that file the figure is in-sample.
 */
import { readCountedRecords } from './input-errors.ts';
import { scoreIssueDifficulty, stripGoodFirstIssueLabels } from '../core/difficulty/index.ts';
import type { DifficultyInput } from '../core/difficulty/index.ts';
import { rocAuc } from '../core/eval/index.ts';
import { LoupeError } from '../core/errors.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';
import { createGfiActivityIndex } from './gfi-activity-index.ts';
import { DEFAULT_GFI_LABEL } from './gfi-label.ts';
import { toDifficultyInput } from './record-inputs.ts';

export { DEFAULT_GFI_LABEL };

export interface EvalGfiOptions {
  issuesPath: string;
  /** The label that marks a positive (compared case-insensitively, spaces/-/_ alike). */
  label?: string;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
}

export interface EvalGfiResult {
  label: string;
  auc: number;
  issues: number;
  positives: number;
  pullRequestsSkipped: number;
  recordsSkipped: number;
}

const normalise = (label: string): string => label.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** The scorer's input for a record, with the target label and its synonyms hidden. */
export function hiddenLabelInput(record: IssueRecord, target: string): DifficultyInput {
  const wanted = normalise(target);
  return toDifficultyInput(record, { labels: stripGoodFirstIssueLabels(record.labels.filter((l) => normalise(l) !== wanted)) });
}

/** Streams the file, scores every issue with its label hidden, and returns the ROC AUC. */
export async function evalGfi(options: EvalGfiOptions): Promise<EvalGfiResult> {
  const label = options.label ?? DEFAULT_GFI_LABEL;
  const wanted = normalise(label);
  if (wanted === '') throw new LoupeError('INVALID_INPUT', '--label must not be empty');
  const scores: number[] = [];
  const positives: boolean[] = [];
  let pullRequestsSkipped = 0;
  // First pass: each repository's good-first-issue activity (the target label counts as one, whatever it is called).
  const activity = createGfiActivityIndex();
  for await (const record of readCountedRecords(options.issuesPath, { ...options, onSkip: () => undefined }).records) {
    activity.add(record, record.labels.map((l) => (normalise(l) === wanted ? DEFAULT_GFI_LABEL : l)));
  }
  const { records, skipped } = readCountedRecords(options.issuesPath, options);
  for await (const record of records) {
    if (record.isPullRequest) {
      pullRequestsSkipped++;
      continue;
    }
    positives.push(record.labels.some((l) => normalise(l) === wanted));
    scores.push(scoreIssueDifficulty(hiddenLabelInput(record, label), activity.historyFor(record)).gfiScore);
  }
  const positiveCount = positives.filter(Boolean).length;
  if (positiveCount === 0 || positiveCount === positives.length) {
    throw new LoupeError(
      'INVALID_INPUT',
      `${options.issuesPath}: ${positives.length} issues, ${positiveCount} labelled "${label}"; ROC AUC needs at least one issue with the label and one without (check --label)`,
    );
  }
  return { label, auc: rocAuc(scores, positives), issues: positives.length, positives: positiveCount, pullRequestsSkipped, recordsSkipped: skipped() };
}
