/** Maps a file record to the inputs of Loupe's pure analyses. */
import type { DifficultyInput } from '../core/difficulty/index.ts';
import type { IssueRecord } from '../sources/files/index.ts';
import { UNKNOWN_DATE, validDate } from './scratch-store.ts';

/**
 * The difficulty scorer's input for a record; `labels` replaces the record's labels (to hide some).
 * Counts a file does not state are 0, an unknown date is UNKNOWN_DATE.
 */
export function toDifficultyInput(record: IssueRecord, options: { labels?: string[] } = {}): DifficultyInput {
  const input: DifficultyInput = {
    title: record.title,
    body: record.body,
    labels: options.labels ?? record.labels,
    commentsCount: record.commentsCount ?? 0,
    createdAt: validDate(record.createdAt) ?? UNKNOWN_DATE,
  };
  if (record.isPullRequest !== undefined) input.isPullRequest = record.isPullRequest;
  if (record.reactionsCount !== undefined) input.reactionsCount = record.reactionsCount;
  if (record.authorAssociation !== undefined) input.authorAssociation = record.authorAssociation;
  if (record.assigneesCount !== undefined) input.assigneesCount = record.assigneesCount;
  if (record.milestone !== undefined) input.milestone = record.milestone;
  if (record.state) input.state = record.state;
  return input;
}
