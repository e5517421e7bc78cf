import { RequestError } from '@octokit/request-error';
import { LoupeError } from '../../core/errors.ts';
import type { Database, SqlClient } from '../../store/db.ts';
import { ingestItems } from '../../services/item-ingest.ts';
import { createRepoRepository, type RepoRecord } from '../../store/repo.repository.ts';
import { createSyncStateRepository } from '../../store/sync-state.repository.ts';
import { z } from 'zod';
import { describeGitHubError, type GitHubOctokit } from './github-client.ts';
import { describeSchemaProblem, gitHubCommentSchema, gitHubIssueSchema, gitHubRepositorySchema } from './github-payload.schema.ts';
import { mapGitHubComment, mapGitHubIssue } from './map-github-issue.ts';

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
  /** First wait before asking again for an answer that failed validation (250 ms; tests shorten it). */
  malformedRetryDelayMs?: number;
}

export interface SyncResult extends SyncCounters {
  /** True when GitHub said nothing changed since the last sync. */
  upToDate: boolean;
}

/**
 * Brings one repository's metadata, issues, pull requests and comments up to date.
 *
 * Each stream is read in `updated_at` order with `since` as a keyset: after every page, the page and
 * the advanced cursor are committed in one transaction, and the next request asks again from the new
 * cursor. So a sync killed at any point resumes where it stopped, an item updated during the sync
 * moves to the end of the stream instead of being skipped, and replayed items are idempotent upserts.
 * The last request's ETag is kept with its exact URL: an unchanged repository costs one 304.
 *
 * Every stream has its own completion state. A new comment bumps its issue's updated_at, so a changed
 * issue page marks the comment stream stale in the same transaction; the comment stream is read
 * whenever it is not complete, whatever the issue stream answered. A sync cut off during comments
 * (kill, 5xx, rate limit) therefore finishes them next time even though the issues now answer 304.
 */
export async function syncGitHubRepository(deps: GitHubSyncDeps, repo: RepoRecord): Promise<SyncResult> {
  const counters: SyncCounters = { issuesSynced: 0, commentsSynced: 0, requests: { metadata: 0, issues: 0, comments: 0 }, notModified: 0 };
  // Keyset paging re-reads the boundary item of a page; a person asks how many distinct items came.
  const seenIssues = new Set<number>();
  const seenComments = new Set<number>();
  const report = (phase: SyncProgress['phase']) => deps.onProgress?.({ ...counters, requests: { ...counters.requests }, phase, repo: repo.fullName });
  const syncState = createSyncStateRepository(deps.db);

  let metadataChanged = false;
  if (!(await syncState.getCursor(repo.id, 'metadata')).complete) {
    report('metadata');
    metadataChanged = await syncMetadata(deps, repo, counters);
  }
  report('issues');
  const issuesChanged = await syncStream(deps, repo, {
    stream: 'issues',
    route: 'GET /repos/{owner}/{repo}/issues',
    extraParams: { state: 'all' },
    schema: gitHubIssueSchema,
    counters,
    store: async (tx, items) => {
      const issues = items.map((item) => mapGitHubIssue(repo.fullName, item));
      // The page's items and their events (one statement for the page), in the page's transaction.
      await ingestItems(tx, 'sync', async (writer) => ({ written: await writer.upsertIssues(repo.id, issues) }));
      if (issues.length > 0) await createSyncStateRepository(tx).markStale(repo.id, 'comments');
      for (const item of items) seenIssues.add(item.id);
      counters.issuesSynced = seenIssues.size;
    },
    onPage: () => report('issues'),
  });
  let commentsChanged = false;
  if (!(await syncState.getCursor(repo.id, 'comments')).complete) {
    report('comments');
    commentsChanged = await syncStream(deps, repo, {
      stream: 'comments',
      route: 'GET /repos/{owner}/{repo}/issues/comments',
      extraParams: {},
      schema: gitHubCommentSchema,
      counters,
      store: async (tx, items) => {
        await ingestItems(tx, 'sync', async (writer) => ({ written: await writer.upsertComments(repo.id, items.map(mapGitHubComment)) }));
        for (const item of items) seenComments.add(item.id);
        counters.commentsSynced = seenComments.size;
      },
      onPage: () => report('comments'),
    });
  }
  // Description, topics and stars change without touching issues; a changed repository is a cheap
  // moment to ask again (a conditional request: 304 when nothing changed).
  if (issuesChanged && counters.requests.metadata === 0) metadataChanged = await syncMetadata(deps, repo, counters);
  report('done');
  return { ...counters, upToDate: !issuesChanged && !commentsChanged && !metadataChanged };
}

const MALFORMED_ANSWER_RETRIES = 3;

/** Reads the repository itself; returns whether it changed. Validated before it is stored. */
async function syncMetadata(deps: GitHubSyncDeps, repo: RepoRecord, counters: SyncCounters): Promise<boolean> {
  const syncState = createSyncStateRepository(deps.db);
  const saved = await syncState.getCursor(repo.id, 'metadata');
  const what = `reading ${repo.fullName}`;
  for (let attempt = 0; ; attempt++) {
    let data: unknown;
    let etag: string | null = null;
    try {
      counters.requests.metadata++;
      const response = await deps.client.request('GET /repos/{owner}/{repo}', {
        owner: repo.owner, repo: repo.name, headers: saved.etag ? { 'if-none-match': saved.etag } : {},
      });
      data = response.data;
      etag = response.headers.etag ?? null;
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        counters.notModified++;
        if (!saved.complete) await syncState.saveCursor(repo.id, 'metadata', { ...saved, complete: true });
        return false;
      }
      throw describeGitHubError(error, what);
    }
    const parsed = gitHubRepositorySchema.safeParse(data);
    if (!parsed.success) {
      await malformedAnswer(deps, attempt, `GitHub sent a malformed repository for ${repo.fullName} (${describeSchemaProblem(parsed.error)})`);
      continue;
    }
    const metadata = parsed.data;
    await deps.db.transaction(async (tx) => {
      await createRepoRepository(tx).saveMetadata(repo.id, {
        externalId: String(metadata.id),
        description: metadata.description ?? null,
        htmlUrl: metadata.html_url ?? null,
        defaultBranch: metadata.default_branch ?? null,
        language: metadata.language ?? null,
        topics: metadata.topics ?? [],
        stars: metadata.stargazers_count ?? 0,
      });
      await createSyncStateRepository(tx).saveCursor(repo.id, 'metadata', { since: null, etag, etagUrl: null, complete: true });
    });
    return true;
  }
}

/** Waits before asking again for an answer that failed validation; gives up with a retryable error. */
async function malformedAnswer(deps: GitHubSyncDeps, attempt: number, problem: string): Promise<void> {
  if (attempt >= MALFORMED_ANSWER_RETRIES) {
    throw new LoupeError('SOURCE_UNAVAILABLE', `${problem}, ${MALFORMED_ANSWER_RETRIES + 1} times; nothing of it was stored. The next sync tries again.`);
  }
  const delayMs = (deps.malformedRetryDelayMs ?? 250) * 2 ** attempt;
  await new Promise((resolve) => setTimeout(resolve, delayMs));
}

interface StreamOptions<Item extends { updated_at: string }> {
  stream: 'issues' | 'comments';
  route: 'GET /repos/{owner}/{repo}/issues' | 'GET /repos/{owner}/{repo}/issues/comments';
  extraParams: Record<string, string>;
  schema: z.ZodType<Item>;
  counters: SyncCounters;
  store: (tx: SqlClient, items: Item[]) => Promise<void>;
  onPage: () => void;
}

/** Reads one stream from its cursor to the end; returns whether anything new arrived. */
async function syncStream<Item extends { updated_at: string }>(deps: GitHubSyncDeps, repo: RepoRecord, options: StreamOptions<Item>): Promise<boolean> {
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
    if (response === 'not-modified') {
      // The repeat of the last complete read: nothing arrived since, so the stream is complete again.
      if (!saved.complete) await syncState.saveCursor(repo.id, options.stream, { ...saved, complete: true });
      return changed;
    }
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
        complete: isLastPage,
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

/**
 * One list request, validated item by item. A 304 means the stream is unchanged. Transport faults
 * are retried by the client (github-retry.ts); an answer of the wrong shape is asked for again here.
 */
async function requestPage<Item extends { updated_at: string }>(
  deps: GitHubSyncDeps,
  options: StreamOptions<Item>,
  params: Record<string, unknown>,
): Promise<'not-modified' | { data: Item[]; headers: { etag?: string } }> {
  const what = `listing ${options.stream} of ${params.owner}/${params.repo}`;
  for (let attempt = 0; ; attempt++) {
    options.counters.requests[options.stream]++;
    let response;
    try {
      response = await deps.client.request(options.route, params as never);
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        options.counters.notModified++;
        return 'not-modified';
      }
      throw describeGitHubError(error, what);
    }
    const parsed = z.array(options.schema).safeParse(response.data);
    if (parsed.success) return { data: parsed.data, headers: response.headers };
    await malformedAnswer(deps, attempt, `GitHub sent a malformed ${options.stream} page for ${params.owner}/${params.repo} (${describeSchemaProblem(parsed.error)})`);
  }
}
/** GitHub's own timestamp form (no milliseconds), so a repeated request is byte-identical. */
function toGitHubTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
