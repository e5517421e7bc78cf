import type { LabelHistory, PastIssue, RepoHistory } from './difficulty.types.ts';
import { addGfiActivity, summariseGfiActivity, type GfiActivityAccumulator } from './gfi-activity.ts';
import { isMaintainerAssociation } from './author-association.ts';
import { fitGfiAdaptation } from './fit-gfi-adaptation.ts';
import { isGoodFirstIssueLabel } from './gfi-labels.ts';

const DAY_MS = 86_400_000;
const STALE_DAYS = 365;
// Re-exported: callers have long imported it from here.
export { isMaintainerAssociation };

/** Median of a non-empty list (the list is sorted in place). */
export function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  if (values.length % 2 === 1) return values[mid] ?? 0;
  return ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

interface LabelAccumulator {
  days: number[];
  byMaintainer: number;
  closerKnown: number;
}

interface Accumulator {
  issueCount: number;
  closeDays: number[];
  byMaintainer: number;
  closerKnown: number;
  merged: number;
  mergedByNewcomer: number;
  openCreatedMs: number[];
  /** Latest instant seen in the data: "now" for backlog age when no asOf is given. */
  latestMs: number;
  labels: Map<string, LabelAccumulator>;
  gfi: GfiActivityAccumulator;
}

function addClosedLabels(acc: Accumulator, issue: PastIssue, days: number): void {
  for (const raw of issue.labels) {
    if (isGoodFirstIssueLabel(raw)) continue;
    const name = raw.toLowerCase();
    let entry = acc.labels.get(name);
    if (!entry) {
      entry = { days: [], byMaintainer: 0, closerKnown: 0 };
      acc.labels.set(name, entry);
    }
    entry.days.push(days);
    if (issue.closedByMaintainer != null) {
      entry.closerKnown += 1;
      if (issue.closedByMaintainer) entry.byMaintainer += 1;
    }
  }
}

function addIssue(acc: Accumulator, issue: PastIssue, asOfMs: number): void {
  const created = Date.parse(issue.createdAt);
  const closed = issue.closedAt ? Date.parse(issue.closedAt) : Number.NaN;
  acc.latestMs = Math.max(acc.latestMs, created, closed <= asOfMs ? closed : created);
  if (issue.isPullRequest) {
    const merged = issue.mergedAt ? Date.parse(issue.mergedAt) : Number.NaN;
    if (merged <= asOfMs) {
      acc.merged += 1;
      if (!isMaintainerAssociation(issue.authorAssociation)) acc.mergedByNewcomer += 1;
    }
    return;
  }
  acc.issueCount += 1;
  addGfiActivity(acc.gfi, issue, created);
  if (closed <= asOfMs) {
    const days = Math.max(0, (closed - created) / DAY_MS);
    acc.closeDays.push(days);
    if (issue.closedByMaintainer != null) {
      acc.closerKnown += 1;
      if (issue.closedByMaintainer) acc.byMaintainer += 1;
    }
    addClosedLabels(acc, issue, days);
  } else {
    acc.openCreatedMs.push(created);
  }
}

function summariseLabels(labels: Map<string, LabelAccumulator>): Record<string, LabelHistory> {
  const out: Record<string, LabelHistory> = {};
  for (const [name, entry] of [...labels].sort(([a], [b]) => a.localeCompare(b))) {
    out[name] = {
      closedCount: entry.days.length,
      medianDaysToClose: median(entry.days),
      closedByMaintainerShare: entry.closerKnown > 0 ? entry.byMaintainer / entry.closerKnown : null,
    };
  }
  return out;
}

/**
 * The instant an issue's repository history is taken at: the first day (UTC) of the month the issue
 * was opened. The GFI weights were fitted on histories taken so, which keeps an issue's own label,
 * and the rest of its month's batch, out of the history it is scored with.
 */
export function historyAsOf(openedAt: string): string {
  return `${new Date(openedAt).toISOString().slice(0, 7)}-01T00:00:00Z`;
}

/**
 * Summarises how a repository's past issues and pull requests went: median time to close, who
 * closed them, per-label close times, how often outsiders' pull requests were merged, backlog age,
 * and how actively issues were labelled good first issues lately.
 * With `asOf`, only what was already known at that instant counts (issues created before it,
 * closures and merges before it), which is what a score at labelling time may use.
 * Unless `adapt` is false, it also fits the repository's own adjustment of the shipped model on
 * its issues labelled before asOf (`gfiAdaptation`, see fit-gfi-adaptation.ts).
 */
export function summariseRepoHistory(
  pastIssues: readonly PastIssue[],
  options: { asOf?: string; adapt?: boolean } = {},
): RepoHistory {
  const asOfMs = options.asOf ? Date.parse(options.asOf) : Number.POSITIVE_INFINITY;
  const acc: Accumulator = {
    issueCount: 0,
    closeDays: [],
    byMaintainer: 0,
    closerKnown: 0,
    merged: 0,
    mergedByNewcomer: 0,
    openCreatedMs: [],
    latestMs: 0,
    labels: new Map(),
    gfi: { issueCreatedMs: [], gfiCreatedMs: [] },
  };
  for (const issue of pastIssues) {
    if (!(Date.parse(issue.createdAt) < asOfMs)) continue;
    addIssue(acc, issue, asOfMs);
  }
  const nowMs = Number.isFinite(asOfMs) ? asOfMs : acc.latestMs;
  const adaptation =
    options.adapt === false
      ? undefined
      : fitGfiAdaptation(pastIssues, options.asOf ? { asOf: options.asOf } : {});
  const staleOpen = acc.openCreatedMs.filter((created) => nowMs - created > STALE_DAYS * DAY_MS).length;
  return {
    asOf: options.asOf ?? null,
    issueCount: acc.issueCount,
    closedIssueCount: acc.closeDays.length,
    medianDaysToClose: acc.closeDays.length > 0 ? median(acc.closeDays) : null,
    closedByMaintainerShare: acc.closerKnown > 0 ? acc.byMaintainer / acc.closerKnown : null,
    newcomerMergedShare: acc.merged > 0 ? acc.mergedByNewcomer / acc.merged : null,
    mergedPullRequestCount: acc.merged,
    staleOpenShare: acc.openCreatedMs.length > 0 ? staleOpen / acc.openCreatedMs.length : null,
    labels: summariseLabels(acc.labels),
    gfiActivity: summariseGfiActivity(acc.gfi, nowMs),
    ...(adaptation ? { gfiAdaptation: adaptation } : {}),
  };
}
