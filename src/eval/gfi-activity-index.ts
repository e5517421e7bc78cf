/**
 * A repository's good-first-issue activity, rebuilt from a file's own records (used by `loupe eval
 * gfi` and `loupe analyze`): records are added in a first pass (only repository, date and labels
 * are kept), then each issue's history is its repository's activity as of the first day of its
 * month, so an issue never sees its own label or its month's.
 */
import { historyAsOf, summariseRepoHistory } from '../core/difficulty/index.ts';
import type { PastIssue, RepoHistory } from '../core/difficulty/index.ts';
import type { IssueRecord } from '../sources/files/index.ts';

export interface GfiActivityIndex {
  /** Records one record; `labels` replaces its labels (e.g. to name a custom target label as a good first issue). */
  add(record: IssueRecord, labels?: string[]): void;
  /** The history to score `record` with, or undefined when its date is unknown. */
  historyFor(record: IssueRecord): RepoHistory | undefined;
}

const createdAtOf = (record: IssueRecord): string | null =>
  record.createdAt && !Number.isNaN(Date.parse(record.createdAt)) ? new Date(record.createdAt).toISOString() : null;

export function createGfiActivityIndex(): GfiActivityIndex {
  const byRepo = new Map<string, PastIssue[]>();
  const snapshots = new Map<string, RepoHistory>();
  return {
    add(record, labels) {
      const createdAt = createdAtOf(record);
      if (!createdAt) return;
      const key = record.repo ?? '';
      const past = byRepo.get(key) ?? byRepo.set(key, []).get(key)!;
      past.push({ title: '', body: '', labels: labels ?? record.labels, commentsCount: 0, createdAt, isPullRequest: record.isPullRequest ?? false });
      snapshots.clear();
    },
    historyFor(record) {
      const createdAt = createdAtOf(record);
      if (!createdAt) return undefined;
      const repo = record.repo ?? '';
      const asOf = historyAsOf(createdAt);
      const key = `${repo}\u0000${asOf}`;
      let history = snapshots.get(key);
      if (!history) {
        // Only the activity: without closing times the rest of a summary would misread every issue as open.
        const activity = summariseRepoHistory(byRepo.get(repo) ?? [], { asOf }).gfiActivity;
        history = { ...summariseRepoHistory([], { asOf }), ...(activity ? { gfiActivity: activity } : {}) };
        snapshots.set(key, history);
      }
      return history;
    },
  };
}
