import type { RepoHistory } from './difficulty.types.ts';

/** Labels seen on fewer closed issues than this say nothing reliable about close times. */
const MIN_LABEL_SAMPLE = 3;

/** How past issues sharing this labels went, relative to the repository as a whole. */
export interface LabelHistorySignals {
  /** Mean over known labels of ln((label median days + 1) / (repo median days + 1)); 0 when unknown. */
  closeTimeLogRatio: number;
  closeTimeDetail: string;
  /** Mean over known labels of (label share closed by maintainers − repo share); 0 when unknown. */
  maintainerClosedDelta: number;
  maintainerClosedDetail: string;
}

const NONE: LabelHistorySignals = {
  closeTimeLogRatio: 0,
  closeTimeDetail: 'no past issues with these labels',
  maintainerClosedDelta: 0,
  maintainerClosedDetail: 'closers of similar past issues unknown',
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Reads the per-label part of a RepoHistory for one issue's (already GFI-stripped) labels. */
export function labelHistorySignals(labels: readonly string[], history?: RepoHistory): LabelHistorySignals {
  if (!history || history.medianDaysToClose == null) return NONE;
  const repoDays = history.medianDaysToClose;
  const known = labels
    .map((label) => ({ label, entry: history.labels[label.toLowerCase()] }))
    .filter((x) => x.entry !== undefined && x.entry.closedCount >= MIN_LABEL_SAMPLE);
  if (known.length === 0) return NONE;
  const ratios = known.map((x) => Math.log(((x.entry?.medianDaysToClose ?? 0) + 1) / (repoDays + 1)));
  const closeTimeLogRatio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const days = known.map((x) => `${x.label}: ${round1(x.entry?.medianDaysToClose ?? 0)} d`).join(', ');
  const result: LabelHistorySignals = {
    ...NONE,
    closeTimeLogRatio,
    closeTimeDetail: `similar past issues closed in a median of ${days} (repository: ${round1(repoDays)} d)`,
  };
  const repoShare = history.closedByMaintainerShare;
  const shares = known
    .map((x) => x.entry?.closedByMaintainerShare)
    .filter((share): share is number => share != null);
  if (repoShare != null && shares.length > 0) {
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    result.maintainerClosedDelta = mean - repoShare;
    result.maintainerClosedDetail =
      `${Math.round(mean * 100)}% of similar past issues were closed by maintainers ` +
      `(repository: ${Math.round(repoShare * 100)}%)`;
  }
  return result;
}
