/**
 * `loupe eval gfi`: how well the good-first-issue score ranks the issues maintainers labelled as
 * such. Positives carry the target label (default "good first issue"); that label and every
 * synonym the scorer knows (beginner, easy, starter, first-timers-only, up-for-grabs…, see
 * isGoodFirstIssueLabel) are removed from the input before scoring, so the model never reads the
 * verdict it predicts. Pull requests are left out. Metric: ROC AUC (ties count one half).
 *
 * The score uses only what the file states about each issue (no repository history), and the
 * shipped weights were fitted on huggingface/datasets issues: on that file the figure is in-sample.
 */
import { readCountedRecords } from './input-errors.ts';
import { scoreIssueDifficulty, stripGoodFirstIssueLabels } from '../core/difficulty/index.ts';
import type { DifficultyInput } from '../core/difficulty/index.ts';
import { rocAuc } from '../core/eval/index.ts';
import { LoupeError } from '../core/errors.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';
import { toDifficultyInput } from './record-inputs.ts';

export const DEFAULT_GFI_LABEL = 'good first issue';

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
  const { records, skipped } = readCountedRecords(options.issuesPath, options);
  for await (const record of records) {
    if (record.isPullRequest) {
      pullRequestsSkipped++;
      continue;
    }
    positives.push(record.labels.some((l) => normalise(l) === wanted));
    scores.push(scoreIssueDifficulty(hiddenLabelInput(record, label)).gfiScore);
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
