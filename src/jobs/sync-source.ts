import { LoupeError } from '../core/errors.ts';
import type { Issue, IssueComment } from '../core/issue.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { ingestItems } from '../services/item-ingest.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import type { ChangeItem, ContainerRef, Source } from '../sources/source.ts';

export interface SyncCounters {
  /** Distinct items stored (keyset paging re-reads the boundary item of a page; it counts once). */
  issuesSynced: number;
  commentsSynced: number;
  /** Requests made per stream; 304s are included (they cost no rate limit on GitHub). */
  requests: Record<string, number>;
  notModified: number;
}

export interface SyncProgress extends SyncCounters {
  /** The stream being read, or 'done'. */
  phase: string;
  repo: string;
}

export interface SyncResult extends SyncCounters {
  /** True when the source said nothing changed since the last sync. */
  upToDate: boolean;
}

export interface SyncSourceDeps {
  db: Database;
  source: Source;
  onProgress?: (progress: SyncProgress) => void;
  /** Checked between pages: the process is shutting down; stop with the cursor saved. */
  signal?: AbortSignal;
  /** The container's connection credentials, opened; absent: the process's own. */
  credentials?: string | null;
}

/** Every request a sync made, over all streams. */
export function totalRequests(counters: Pick<SyncCounters, 'requests'>): number {
  return Object.values(counters.requests).reduce((sum, n) => sum + n, 0);
}

/**
 * The sync engine every source shares. For each of the source's streams in order, it reads pages
 * from the stored cursor and commits each page together with the cursor after it, so a sync killed
 * at any point (even SIGKILL) resumes where it stopped and replays are idempotent upserts (an older
 * copy never overwrites a newer one). Each stream has its own completion state: a stream read
 * 'when-stale' is skipped while complete, and a page of changes marks the streams it invalidates
 * stale in the same transaction, so no crash can leave "issues changed" without "comments due".
 */
export async function syncContainer(deps: SyncSourceDeps, repo: RepoRecord): Promise<SyncResult> {
  const counters: SyncCounters = { issuesSynced: 0, commentsSynced: 0, requests: {}, notModified: 0 };
  const seenIssues = new Set<string>();
  const seenComments = new Set<string>();
  const report = (phase: string) =>
    deps.onProgress?.({ ...counters, requests: { ...counters.requests }, phase, repo: repo.fullName });
  const ref: ContainerRef = {
    kind: deps.source.kind,
    apiUrl: repo.apiUrl,
    key: repo.fullName,
    ...(deps.credentials !== undefined ? { credentials: deps.credentials } : {}),
  };
  const syncState = createSyncStateRepository(deps.db);
  let changed = false;

  for (const stream of deps.source.streams) {
    const saved = await syncState.getStream(repo.id, stream.name);
    if (stream.read === 'when-stale' && saved.complete) continue;
    counters.requests[stream.name] ??= 0;
    report(stream.name);
    for await (const page of deps.source.listChanges(
      ref,
      stream.name,
      saved.cursor,
      deps.signal ? { signal: deps.signal } : {},
    )) {
      counters.requests[stream.name]! += page.requests;
      if (page.kind === 'unchanged') {
        counters.notModified++;
        // The repeat of the last complete read: nothing arrived since, so the stream is complete again.
        if (!saved.complete)
          await syncState.saveStream(repo.id, stream.name, { cursor: page.cursor, complete: true });
        continue;
      }
      await deps.db.transaction(async (tx) => {
        await storeItems(tx, repo, page.items);
        const state = createSyncStateRepository(tx);
        await state.saveStream(repo.id, stream.name, { cursor: page.cursor, complete: page.complete });
        if (page.items.length > 0)
          for (const stale of stream.invalidates ?? []) await state.markStale(repo.id, stale);
      });
      for (const item of page.items) {
        if (item.type === 'issue') seenIssues.add(item.issue.externalId);
        if (item.type === 'comment') seenComments.add(item.comment.externalId);
      }
      counters.issuesSynced = seenIssues.size;
      counters.commentsSynced = seenComments.size;
      if (page.items.length > 0) changed = true;
      report(stream.name);
      if (deps.signal?.aborted) break;
    }
    if (deps.signal?.aborted) {
      throw new LoupeError(
        'SYNC_FAILED',
        `sync of ${repo.fullName} stopped: Loupe is shutting down; the next sync resumes from the saved cursor`,
      );
    }
  }
  report('done');
  return { ...counters, requests: { ...counters.requests }, upToDate: !changed };
}

/** Writes one page's items with the store's idempotent upserts. */
async function storeItems(tx: SqlClient, repo: RepoRecord, items: ChangeItem[]): Promise<void> {
  const issues: Issue[] = [];
  const comments: (IssueComment & { issueNumber: number })[] = [];
  for (const item of items) {
    if (item.type === 'issue') issues.push(item.issue);
    else if (item.type === 'comment') comments.push(item.comment);
    else await createRepoRepository(tx).saveMetadata(repo.id, item.info);
  }
  if (issues.length === 0 && comments.length === 0) return;
  // The one ingest path (services/item-ingest.ts): the items and the events of what they changed, in
  // this page's transaction, so subscribers (analysis, lexicon, automation) see exactly what was stored.
  await ingestItems(tx, 'sync', async (writer) => ({
    issues: issues.length > 0 ? await writer.upsertIssues(repo.id, issues) : 0,
    comments: comments.length > 0 ? await writer.upsertComments(repo.id, comments) : 0,
  }));
}
