import type { GfiActivity, PastIssue } from './difficulty.types.ts';
import { isGoodFirstIssueLabel } from './gfi-labels.ts';

const DAY_MS = 86_400_000;

/** Creation instants of past issues, split by whether they carry a good-first-issue label. */
export interface GfiActivityAccumulator {
  issueCreatedMs: number[];
  gfiCreatedMs: number[];
}

/** Records one past issue (not a pull request). */
export function addGfiActivity(acc: GfiActivityAccumulator, issue: PastIssue, createdMs: number): void {
  acc.issueCreatedMs.push(createdMs);
  if (issue.labels.some(isGoodFirstIssueLabel)) acc.gfiCreatedMs.push(createdMs);
}

/**
 * Recent good-first-issue labelling as of `nowMs`. Labels are read as the tracker reports them,
 * so a label added to an old issue later counts from that issue's creation: summaries used for
 * training are taken at the start of each issue's month, which keeps the issue itself (and its
 * month's batch) out.
 */
export function summariseGfiActivity(acc: GfiActivityAccumulator, nowMs: number): GfiActivity {
  const within = (list: number[], days: number): number =>
    list.filter((ms) => ms <= nowMs && nowMs - ms <= days * DAY_MS).length;
  const latest = acc.gfiCreatedMs.reduce(
    (a, b) => (b <= nowMs ? Math.max(a, b) : a),
    Number.NEGATIVE_INFINITY,
  );
  return {
    last90Days: within(acc.gfiCreatedMs, 90),
    last365Days: within(acc.gfiCreatedMs, 365),
    issuesLast365Days: within(acc.issueCreatedMs, 365),
    daysSinceLast: Number.isFinite(latest) ? Math.max(0, (nowMs - latest) / DAY_MS) : null,
    ...(Number.isFinite(nowMs) && nowMs > 0 ? { asOf: new Date(nowMs).toISOString() } : {}),
  };
}
