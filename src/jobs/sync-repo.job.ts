import { LoupeError } from '../core/errors.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { refreshSearchTerms, searchTermsCheckpoint } from '../store/search.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import type { GitHubOctokit } from '../sources/github/github-client.ts';
import { syncGitHubRepository, type SyncProgress, type SyncResult } from '../sources/github/github.source.ts';

export interface RepoSyncDeps {
  db: Database;
  /** A GitHub client for the API the repository lives on. */
  clientFor: (apiUrl: string) => GitHubOctokit;
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
    requests: p.requests.metadata + p.requests.issues + p.requests.comments,
    notModified: p.notModified,
  });
  try {
    const result = await syncGitHubRepository(
      {
        db: deps.db,
        client: deps.clientFor(repo.apiUrl),
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
