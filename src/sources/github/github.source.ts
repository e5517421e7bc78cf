import { RequestError } from '@octokit/request-error';
import { LoupeError } from '../../core/errors.ts';
import type { Database, SqlClient } from '../../store/db.ts';
import { createIssueRepository } from '../../store/issue.repository.ts';
import { createRepoRepository, type RepoRecord } from '../../store/repo.repository.ts';
import { createSyncStateRepository, type SyncStream } from '../../store/sync-state.repository.ts';
import { describeGitHubError, type GitHubOctokit } from './github-client.ts';
import { mapGitHubComment, mapGitHubIssue, type GitHubCommentPayload, type GitHubIssuePayload } from './map-github-issue.ts';

const PAGE_SIZE = 100;

export interface SyncCounters {
  issuesSynced: number;
  commentsSynced: number;
  /** Requests made per stream; 304s are included (they cost no rate limit on GitHub). */
  requests: { metadata: number; issues: number; comments: number };
  notModified: number;
}

export interface SyncProgress extends SyncCounters {
  phase: 'metadata' | 'issues' | 'comments' | 'done';
  repo: string;
}

export interface GitHubSyncDeps {
  db: Database;
  client: GitHubOctokit;
  onProgress?: (progress: SyncProgress) => void;
  /** Checked between pages: the process is shutting down; stop with the cursor saved. */
  signal?: AbortSignal;
}

export interface SyncResult extends SyncCounters {
  /** True when GitHub said nothing changed since the last sync. */
  upToDate: boolean;
}

/**
 * Brings one repository's issues, pull requests and comments up to date.
 *
 * Each stream is read in `updated_at` order with `since` as a keyset: after every page, the page and
 * the advanced cursor are committed in one transaction, and the next request asks again from the new
 * cursor. So a sync killed at any point resumes where it stopped, an item updated during the sync
 * moves to the end of the stream instead of being skipped, and replayed items are idempotent upserts.
 * The last request's ETag is kept with its exact URL: an unchanged repository costs one 304.
 * Comments are read only when the issue stream changed (a new comment bumps its issue's updated_at).
 */
export async function syncGitHubRepository(deps: GitHubSyncDeps, repo: RepoRecord): Promise<SyncResult> {
  const counters: SyncCounters = { issuesSynced: 0, commentsSynced: 0, requests: { metadata: 0, issues: 0, comments: 0 }, notModified: 0 };
  const report = (phase: SyncProgress['phase']) => deps.onProgress?.({ ...counters, requests: { ...counters.requests }, phase, repo: repo.fullName });
  const syncState = createSyncStateRepository(deps.db);
  const firstSync = (await syncState.getCursor(repo.id, 'issues')).since === null;

  if (firstSync) {
    report('metadata');
    await syncMetadata(deps, repo, counters);
  }
  report('issues');
  const issuesChanged = await syncStream(deps, repo, {
    stream: 'issues',
    route: 'GET /repos/{owner}/{repo}/issues',
    extraParams: { state: 'all' },
    counters,
    store: async (tx, items) => {
      const issues = (items as GitHubIssuePayload[]).map((item) => mapGitHubIssue(repo.fullName, item));
      await createIssueRepository(tx).upsertIssues(repo.id, issues);
      counters.issuesSynced += issues.length;
    },
    onPage: () => report('issues'),
  });
  if (issuesChanged || firstSync) {
    report('comments');
    await syncStream(deps, repo, {
      stream: 'comments',
      route: 'GET /repos/{owner}/{repo}/issues/comments',
      extraParams: {},
      counters,
      store: async (tx, items) => {
        const comments = (items as GitHubCommentPayload[]).map(mapGitHubComment);
        await createIssueRepository(tx).upsertComments(repo.id, comments);
        counters.commentsSynced += comments.length;
      },
      onPage: () => report('comments'),
    });
  }
  report('done');
  return { ...counters, upToDate: !issuesChanged && !firstSync };
}

async function syncMetadata(deps: GitHubSyncDeps, repo: RepoRecord, counters: SyncCounters): Promise<void> {
  try {
    counters.requests.metadata++;
    const { data } = await deps.client.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.name });
    await createRepoRepository(deps.db).saveMetadata(repo.id, {
      externalId: String(data.id),
      description: data.description ?? null,
      htmlUrl: data.html_url ?? null,
      defaultBranch: data.default_branch ?? null,
      language: data.language ?? null,
      topics: data.topics ?? [],
      stars: data.stargazers_count ?? 0,
    });
  } catch (error) {
    throw describeGitHubError(error, `reading ${repo.fullName}`);
  }
}

interface StreamOptions {
  stream: SyncStream;
  route: 'GET /repos/{owner}/{repo}/issues' | 'GET /repos/{owner}/{repo}/issues/comments';
  extraParams: Record<string, string>;
  counters: SyncCounters;
  store: (tx: SqlClient, items: { updated_at: string }[]) => Promise<void>;
  onPage: () => void;
}

/** Reads one stream from its cursor to the end; returns whether anything new arrived. */
async function syncStream(deps: GitHubSyncDeps, repo: RepoRecord, options: StreamOptions): Promise<boolean> {
  const syncState = createSyncStateRepository(deps.db);
  const saved = await syncState.getCursor(repo.id, options.stream);
  let since = saved.since === null ? null : toGitHubTimestamp(saved.since);
  let page = 1;
  let changed = false;
  for (;;) {
    if (deps.signal?.aborted) throw new LoupeError('SYNC_FAILED', `sync of ${repo.fullName} stopped: Loupe is shutting down; the next sync resumes from the saved cursor`);
    const params: Record<string, string | number> = {
      ...options.extraParams, sort: 'updated', direction: 'asc', per_page: PAGE_SIZE,
      ...(since ? { since } : {}), ...(page > 1 ? { page } : {}),
    };
    const requestKey = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const conditional = saved.etag && saved.etagUrl === requestKey ? { 'if-none-match': saved.etag } : {};
    const response = await requestPage(deps, options, { owner: repo.owner, repo: repo.name, ...params, headers: conditional });
    if (response === 'not-modified') return changed;
    const items = response.data;
    const isLastPage = items.length < PAGE_SIZE;
    const newest = items.reduce<string | null>((max, item) => {
      const at = toGitHubTimestamp(item.updated_at);
      return max === null || at > max ? at : max;
    }, since);
    const nextSince = isLastPage ? since : newest;
    // The final request is the one the next sync will repeat, so its URL and ETag are what we keep;
    // `since` stays at that request's value so the repeat is byte-identical and can earn a 304.
    await deps.db.transaction(async (tx) => {
      await options.store(tx, items);
      await createSyncStateRepository(tx).saveCursor(repo.id, options.stream, {
        since: nextSince,
        etag: isLastPage ? (response.headers.etag ?? null) : null,
        etagUrl: isLastPage ? requestKey : null,
      });
    });
    if (items.length > 0) changed = true;
    options.onPage();
    if (isLastPage) return changed;
    if (nextSince === since) page++;
    else {
      since = nextSince;
      page = 1;
    }
  }
}

const MALFORMED_PAGE_RETRIES = 3;

/**
 * One list request. A 304 means the stream is unchanged. A body that is not a JSON array (a connection
 * cut mid-body leaves Octokit with a string) is retried like any other transient failure.
 */
async function requestPage(
  deps: GitHubSyncDeps,
  options: StreamOptions,
  params: Record<string, unknown>,
): Promise<'not-modified' | { data: { updated_at: string }[]; headers: { etag?: string } }> {
  for (let attempt = 0; ; attempt++) {
    options.counters.requests[options.stream]++;
    try {
      const response = await deps.client.request(options.route, params as never);
      if (Array.isArray(response.data)) return { data: response.data as { updated_at: string }[], headers: response.headers };
      if (attempt >= MALFORMED_PAGE_RETRIES) {
        throw new LoupeError('SOURCE_UNAVAILABLE', `GitHub sent a malformed ${options.stream} page ${MALFORMED_PAGE_RETRIES + 1} times for ${params.owner}/${params.repo}; try again later.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        options.counters.notModified++;
        return 'not-modified';
      }
      throw describeGitHubError(error, `listing ${options.stream} of ${params.owner}/${params.repo}`);
    }
  }
}

/** GitHub's own timestamp form (no milliseconds), so a repeated request is byte-identical. */
function toGitHubTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
