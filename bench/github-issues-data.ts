/**
 * Streams the shared GitHub issues dump (../shared/data/github/huggingface-datasets-issues.jsonl.gz):
 * one full GitHub REST issue object per line, gzipped. Shared by the benchmarks that need real
 * issues; a fresh clone has no ../shared, so callers check `githubIssuesDataPath()` first.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');
export const GITHUB_ISSUES_FILE = path.join(SHARED_DATA_DIR, 'github/huggingface-datasets-issues.jsonl.gz');

/** The fields of a GitHub REST issue object that our benchmarks read. */
export interface GithubIssueRecord {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason?: string | null;
  labels: { name: string }[];
  user: { login: string } | null;
  author_association: string;
  assignees?: { login: string }[];
  milestone?: { title: string } | null;
  comments: number;
  reactions?: { total_count: number };
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by?: { login: string } | null;
  pull_request?: { merged_at: string | null } | null;
}

/** A flattened issue: the GitHub record mapped to plain fields. */
export interface PlainGithubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  isPullRequest: boolean;
  state: 'open' | 'closed';
  stateReason: string | null;
  author: string | null;
  authorAssociation: string;
  assigneesCount: number;
  milestone: string | null;
  commentsCount: number;
  reactionsCount: number;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  mergedAt: string | null;
}

/** Path of the dump, or null when ../shared/data is absent (fresh clone). */
export function githubIssuesDataPath(file = GITHUB_ISSUES_FILE): string | null {
  return existsSync(file) ? file : null;
}

/** Streams raw records one line at a time (gunzip + line reader), never holding the whole file. */
export async function* streamGithubIssues(file = GITHUB_ISSUES_FILE): AsyncGenerator<GithubIssueRecord> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') yield JSON.parse(line) as GithubIssueRecord;
  }
}

/** Maps one raw record to plain fields. */
export function toPlainIssue(record: GithubIssueRecord): PlainGithubIssue {
  return {
    number: record.number,
    title: record.title ?? '',
    body: record.body ?? '',
    labels: (record.labels ?? []).map((label) => label.name),
    isPullRequest: record.pull_request != null,
    state: record.state,
    stateReason: record.state_reason ?? null,
    author: record.user?.login ?? null,
    authorAssociation: record.author_association,
    assigneesCount: record.assignees?.length ?? 0,
    milestone: record.milestone?.title ?? null,
    commentsCount: record.comments ?? 0,
    reactionsCount: record.reactions?.total_count ?? 0,
    createdAt: record.created_at,
    closedAt: record.closed_at,
    closedBy: record.closed_by?.login ?? null,
    mergedAt: record.pull_request?.merged_at ?? null,
  };
}

/** Loads every record as plain issues (issues and pull requests), in file order. */
export async function loadPlainGithubIssues(file = GITHUB_ISSUES_FILE): Promise<PlainGithubIssue[]> {
  const out: PlainGithubIssue[] = [];
  for await (const record of streamGithubIssues(file)) out.push(toPlainIssue(record));
  return out;
}
