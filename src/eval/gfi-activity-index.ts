/**
 * A repository's history as `loupe eval gfi` can rebuild it from a file's own records: records are
 * added in a first pass (date, labels and the text the analysis job keeps: title and the first
 * 2,000 characters of the body), then each issue's history is its repository's as of the first day
 * of its month, so an issue never sees its own label or its month's. The history is built by the
 * job's own summariseRepoHistory, so its good-first-issue activity and, unless turned off, the
 * repository's adjustment of the shipped model (gfiAdaptation) are exactly what the job would use.
 */
import { historyAsOf, summariseRepoHistory } from '../core/difficulty/index.ts';
import type { PastIssue, RepoHistory } from '../core/difficulty/index.ts';
import type { IssueRecord } from '../sources/files/index.ts';
import { toDifficultyInput } from './record-inputs.ts';

/** The analysis job reads this much of each past issue's body (analysis.repository.ts pastIssues). */
const PAST_BODY_CHARS = 2000;

export interface GfiActivityIndex {
  /** Records one record; `labels` replaces its labels (e.g. to name a custom target label as a good first issue). */
  add(record: IssueRecord, labels?: string[]): void;
  /** The history to score `record` with, or undefined when its date is unknown; `adapt: false` leaves the adjustment out. */
  historyFor(record: IssueRecord, options?: { adapt?: boolean }): RepoHistory | undefined;
}

const createdAtOf = (record: IssueRecord): string | null =>
  record.createdAt && !Number.isNaN(Date.parse(record.createdAt))
    ? new Date(record.createdAt).toISOString()
    : null;

export function createGfiActivityIndex(): GfiActivityIndex {
  const byRepo = new Map<string, PastIssue[]>();
  const snapshots = new Map<string, RepoHistory>();
  return {
    add(record, labels) {
      const createdAt = createdAtOf(record);
      if (!createdAt) return;
      const key = record.repo ?? '';
      const past = byRepo.get(key) ?? byRepo.set(key, []).get(key)!;
      const input = toDifficultyInput(
        { ...record, body: record.body.slice(0, PAST_BODY_CHARS) },
        { labels: labels ?? record.labels },
      );
      past.push({ ...input, createdAt, isPullRequest: record.isPullRequest ?? false });
      snapshots.clear();
    },
    historyFor(record, options = {}) {
      const createdAt = createdAtOf(record);
      if (!createdAt) return undefined;
      const repo = record.repo ?? '';
      const asOf = historyAsOf(createdAt);
      const adapt = options.adapt ?? true;
      const key = `${repo}\u0000${asOf}\u0000${adapt}`;
      let history = snapshots.get(key);
      if (!history) {
        const { gfiActivity, gfiAdaptation } = summariseRepoHistory(byRepo.get(repo) ?? [], { asOf, adapt });
        // Only the activity and the adjustment: without closing times the rest of a summary would misread every issue as open.
        history = {
          ...summariseRepoHistory([], { asOf, adapt: false }),
          ...(gfiActivity ? { gfiActivity } : {}),
          ...(gfiAdaptation ? { gfiAdaptation } : {}),
        };
        snapshots.set(key, history);
      }
      return history;
    },
  };
}
