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
  /** Headline the shipped model alone (`--no-adapt`); both figures are measured either way. */
  adapt?: boolean;
}

/** ROC AUC with and without the repository's adjustment of the shipped model (null: one class only). */
export interface GfiAucPair {
  adapted: number | null;
  shipped: number | null;
}

export interface EvalGfiRepositoryResult extends GfiAucPair {
  repo: string;
  issues: number;
  positives: number;
  /** Issues scored with an adjustment in effect (the rest had too little labelled history before them). */
  adaptedIssues: number;
}

export interface EvalGfiResult {
  label: string;
  /** The headline: adapted unless `adapt` was false. */
  auc: number;
  adapt: boolean;
  aucs: GfiAucPair;
  issues: number;
  positives: number;
  adaptedIssues: number;
  perRepository: EvalGfiRepositoryResult[];
  pullRequestsSkipped: number;
  recordsSkipped: number;
}

const normalise = (label: string): string =>
  label
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** The scorer's input for a record, with the target label and its synonyms hidden. */
export function hiddenLabelInput(record: IssueRecord, target: string): DifficultyInput {
  const wanted = normalise(target);
  return toDifficultyInput(record, {
    labels: stripGoodFirstIssueLabels(record.labels.filter((l) => normalise(l) !== wanted)),
  });
}

interface Scored {
  repo: string;
  positive: boolean;
  adapted: number;
  shipped: number;
  hadAdaptation: boolean;
}

const aucOrNull = (scored: readonly Scored[], pick: (s: Scored) => number): number | null => {
  const positives = scored.filter((s) => s.positive).length;
  return positives === 0 || positives === scored.length
    ? null
    : rocAuc(
        scored.map(pick),
        scored.map((s) => s.positive),
      );
};

function summarise(repo: string, scored: readonly Scored[]): EvalGfiRepositoryResult {
  return {
    repo,
    issues: scored.length,
    positives: scored.filter((s) => s.positive).length,
    adaptedIssues: scored.filter((s) => s.hadAdaptation).length,
    adapted: aucOrNull(scored, (s) => s.adapted),
    shipped: aucOrNull(scored, (s) => s.shipped),
  };
}

/**
 * Streams the file and scores every issue with its label hidden, as the analysis job would have
 * when it was opened: its repository's history as of its month (earlier issues only), with and
 * without the repository's adjustment; returns the ROC AUC of both, overall and per repository.
 */
export async function evalGfi(options: EvalGfiOptions): Promise<EvalGfiResult> {
  const label = options.label ?? DEFAULT_GFI_LABEL;
  const wanted = normalise(label);
  if (wanted === '') throw new LoupeError('INVALID_INPUT', '--label must not be empty');
  const scored: Scored[] = [];
  let pullRequestsSkipped = 0;
  // First pass: each repository's history (the target label counts as a good first issue, whatever it is called).
  const index = createGfiActivityIndex();
  for await (const record of readCountedRecords(options.issuesPath, { ...options, onSkip: () => undefined })
    .records) {
    index.add(
      record,
      record.labels.map((l) => (normalise(l) === wanted ? DEFAULT_GFI_LABEL : l)),
    );
  }
  const { records, skipped } = readCountedRecords(options.issuesPath, options);
  for await (const record of records) {
    if (record.isPullRequest) {
      pullRequestsSkipped++;
      continue;
    }
    const input = hiddenLabelInput(record, label);
    const adaptedHistory = index.historyFor(record);
    scored.push({
      repo: record.repo ?? '',
      positive: record.labels.some((l) => normalise(l) === wanted),
      adapted: scoreIssueDifficulty(input, adaptedHistory).gfiScore,
      shipped: scoreIssueDifficulty(input, index.historyFor(record, { adapt: false })).gfiScore,
      hadAdaptation: adaptedHistory?.gfiAdaptation !== undefined,
    });
  }
  const positiveCount = scored.filter((s) => s.positive).length;
  if (positiveCount === 0 || positiveCount === scored.length) {
    throw new LoupeError(
      'INVALID_INPUT',
      `${options.issuesPath}: ${scored.length} issues, ${positiveCount} labelled "${label}"; ROC AUC needs at least one issue with the label and one without (check --label)`,
    );
  }
  const overall = summarise('', scored);
  const repos = [...new Set(scored.map((s) => s.repo))].sort();
  const adapt = options.adapt ?? true;
  return {
    label,
    adapt,
    auc: (adapt ? overall.adapted : overall.shipped) ?? 0.5,
    aucs: { adapted: overall.adapted, shipped: overall.shipped },
    issues: scored.length,
    positives: positiveCount,
    adaptedIssues: overall.adaptedIssues,
    perRepository: repos.map((repo) =>
      summarise(
        repo,
        scored.filter((s) => s.repo === repo),
      ),
    ),
    pullRequestsSkipped,
    recordsSkipped: skipped(),
  };
}
