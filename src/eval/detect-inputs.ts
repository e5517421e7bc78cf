/**
 * Issues and pull requests for the detector, read from plain files: GitHub REST issue objects as
 * JSON Lines (pull requests included, for their "fixes #N") or one object in a .json file.
 */
import { readFile } from 'node:fs/promises';
import type { DetectIssue, PullRequestFacts } from '../core/detect/detect.types.ts';
import { LoupeError } from '../core/errors.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';
import { mapJsonIssue } from '../sources/files/map-json-issue.ts';
import { readCountedRecords } from './input-errors.ts';

export interface DetectCorpus {
  issues: Map<number, DetectIssue & { kindLabels: string[] }>;
  pullRequests: PullRequestFacts[];
  recordsSkipped: number;
}

/** The detector's view of one issue record; null when it has no number or date. */
export function detectIssueOf(record: IssueRecord): (DetectIssue & { kindLabels: string[] }) | null {
  const number = Number(record.id);
  if (!Number.isInteger(number) || !record.createdAt) return null;
  return {
    number,
    repo: record.repo,
    title: record.title,
    body: record.body,
    labels: record.labels,
    kindLabels: record.labels,
    createdAt: record.createdAt,
  };
}

/** Reads every issue and pull request of a file (JSONL/CSV, .gz accepted). */
export async function readDetectCorpus(
  path: string,
  options: {
    format?: IssueFileFormat | 'auto';
    skipBad?: boolean;
    onSkip?: (e: FileRecordError) => void;
  } = {},
): Promise<DetectCorpus> {
  const { records, skipped } = readCountedRecords(path, options);
  const corpus: DetectCorpus = { issues: new Map(), pullRequests: [], recordsSkipped: 0 };
  for await (const record of records) {
    if (record.isPullRequest) {
      const number = Number(record.id);
      if (Number.isInteger(number))
        corpus.pullRequests.push({
          number,
          title: record.title,
          body: record.body,
          merged: Boolean(record.mergedAt),
        });
      continue;
    }
    const issue = detectIssueOf(record);
    if (issue) corpus.issues.set(issue.number, issue);
  }
  corpus.recordsSkipped = skipped();
  return corpus;
}

/** One GitHub REST issue object from a .json file (`loupe detect --issue-file`). */
export async function readIssueFile(path: string): Promise<DetectIssue> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new LoupeError(
      'INVALID_INPUT',
      `${path}: cannot read a JSON issue object (${(error as Error).message})`,
    );
  }
  let record: IssueRecord;
  try {
    record = mapJsonIssue(value, { line: 1, ordinal: 1 });
  } catch (error) {
    throw new LoupeError('INVALID_INPUT', `${path}: not a GitHub issue object: ${(error as Error).message}`);
  }
  const issue = detectIssueOf(record);
  if (!issue || !/^\d+$/.test(record.id))
    throw new LoupeError('INVALID_INPUT', `${path}: the issue object needs a "number" and a "created_at"`);
  return issue;
}
