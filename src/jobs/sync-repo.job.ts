import { LoupeError } from '../core/errors.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { refreshSearchTerms, searchTermsCheckpoint } from '../store/search.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { syncContainer, totalRequests, type SyncProgress, type SyncResult } from './sync-source.ts';

export interface RepoSyncDeps {
  db: Database;
  /** The configured sources; the repository's own kind is used. */
  sources: SourceRegistry;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborting stops the sync after the page in flight (its cursor is saved); the run is marked failed. */
  signal?: AbortSignal;
  /** This process's id (process-liveness.ts): a run whose process dies is marked failed by another. */
  workerId?: string;
}

const PROGRESS_WRITE_INTERVAL_MS = 1000;

/**
 * One sync of one repository with its run record: queued/running/succeeded/failed, counts and the
 * error a user can act on. Used by the `sync-repo` job and by `loupe sync` alike.
 */
export async function runRepoSync(deps: RepoSyncDeps, repoId: number, jobId: string | null = null): Promise<SyncResult> {
  const repo = await createRepoRepository(deps.db).findById(repoId);
  if (!repo) throw new LoupeError('NOT_FOUND', `repository ${repoId} is not in this workspace (was it removed?)`);
  const syncState = createSyncStateRepository(deps.db);
  const runId = await syncState.startRun(repo.id, jobId, deps.workerId ?? null);
  // Titles written from here on are what the spelling lexicon must take in after the sync.
  const checkpoint = await searchTermsCheckpoint(deps.db);
  let lastWrite = 0;
  let latest: SyncProgress | null = null;
  const totalsOf = (p: Pick<SyncProgress, 'issuesSynced' | 'commentsSynced' | 'requests' | 'notModified'>) => ({
    issuesSynced: p.issuesSynced,
    commentsSynced: p.commentsSynced,
    requests: totalRequests(p),
    notModified: p.notModified,
  });
  try {
    const result = await syncContainer(
      {
        db: deps.db,
        source: deps.sources.get(repo.source),
        ...(deps.signal ? { signal: deps.signal } : {}),
        onProgress: (progress) => {
          latest = progress;
          deps.onProgress?.(progress);
          const now = Date.now();
          if (now - lastWrite >= PROGRESS_WRITE_INTERVAL_MS) {
            lastWrite = now;
            void syncState.recordProgress(runId, totalsOf(progress)).catch(() => undefined);
          }
        },
      },
      repo,
    );
    if (!result.upToDate) await refreshSearchTerms(deps.db, { changedSince: checkpoint });
    await syncState.finishRun(runId, { status: 'succeeded', totals: totalsOf(result) });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await syncState.finishRun(runId, { status: 'failed', error: message, totals: latest ? totalsOf(latest) : { issuesSynced: 0, commentsSynced: 0, requests: 0, notModified: 0 } });
    throw error;
  }
}
