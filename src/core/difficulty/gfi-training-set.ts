import { FEATURE_SPECS, collectIssueFacts, featureVector, type FeatureSpec } from './difficulty-features.ts';
import type { DifficultyInput, PastIssue, RepoHistory } from './difficulty.types.ts';
import { historyAsOf, isMaintainerAssociation, summariseRepoHistory } from './repo-history.ts';

/** An issue or pull request of one repository, as read from a tracker dump. */
export type GfiSourceItem = PastIssue & { author?: string | null; closedBy?: string | null };

export interface GfiExample {
  input: DifficultyInput;
  /** What was known about the repository when the issue was opened (start of its month). */
  history: RepoHistory;
  /** 1 when labelled "good first issue". */
  label: 0 | 1;
}

export interface GfiTrainingSet {
  examples: GfiExample[];
  /** Feature rows in `specs` order, one per example. */
  rows: number[][];
  labels: number[];
}

/** Target: the exact "good first issue" label (synonyms are hidden from the model, not targets). */
export function hasGoodFirstIssueLabel(labels: readonly string[]): boolean {
  return labels.some((label) => label.trim().toLowerCase() === 'good first issue');
}

/** Marks who closed each item, using the logins that ever acted with maintainer rights. */
function withClosers(items: readonly GfiSourceItem[]): PastIssue[] {
  const maintainers = new Set(
    items.filter((i) => isMaintainerAssociation(i.authorAssociation) && i.author).map((i) => i.author),
  );
  return items.map((item) => ({
    ...item,
    closedByMaintainer: item.closedBy ? maintainers.has(item.closedBy) : (item.closedByMaintainer ?? null),
  }));
}

/**
 * Turns one repository's items into training examples: issues only (no pull requests), each with
 * the repository history as of historyAsOf(its creation) (so history never contains the issue's
 * own future), and its feature row.
 */
export function buildGfiTrainingSet(
  items: readonly GfiSourceItem[],
  options: { specs?: readonly FeatureSpec[] } = {},
): GfiTrainingSet {
  const specs = options.specs ?? FEATURE_SPECS;
  const past = withClosers(items);
  const snapshots = new Map<string, RepoHistory>();
  const examples: GfiExample[] = [];
  for (const item of past) {
    if (item.isPullRequest) continue;
    const asOf = historyAsOf(item.createdAt);
    let history = snapshots.get(asOf);
    if (!history) {
      // Training features never read the adjustment fitted for the shipped model.
      history = summariseRepoHistory(past, { asOf, adapt: false });
      snapshots.set(asOf, history);
    }
    examples.push({ input: item, history, label: hasGoodFirstIssueLabel(item.labels) ? 1 : 0 });
  }
  const rows = examples.map((e) => featureVector(collectIssueFacts(e.input, e.history), specs));
  return { examples, rows, labels: examples.map((e) => e.label) };
}
