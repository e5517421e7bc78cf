import { z } from 'zod';
import { LoupeError } from '../core/errors.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { searchTermsCheckpoint } from '../store/search.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { openConnectionCredentials } from '../services/connections.service.ts';
import type { SecretBox } from '../services/secret-box.ts';
import { syncContainer, totalRequests, type SyncProgress, type SyncResult } from './sync-source.ts';
import { defineJob } from './job-definition.ts';
import { isRepoRemoved } from './repo-removed.ts';

export interface RepoSyncDeps {
  db: Database;
  /** The configured sources; the repository's own kind is used. */
  sources: SourceRegistry;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborting stops the sync after the page in flight (its cursor is saved); the run is marked failed. */
  signal?: AbortSignal;
  /** This process's id (process-liveness.ts): a run whose process dies is marked failed by another. */
  workerId?: string;
  /** Opens the credentials of repositories added through a connection. */
  secrets?: SecretBox | null;
}

const PROGRESS_WRITE_INTERVAL_MS = 1000;

/**
 * One sync of one repository with its run record: queued/running/succeeded/failed, counts and the
 * error a user can act on, and the sync.started / progressed / finished / failed events, each in the
 * transaction of the run record it reports. Used by the `sync-repo` job and by `loupe sync` alike.
 * What follows a sync (the spelling lexicon, analysis) is done by the event consumers.
 */
export async function runRepoSync(
  deps: RepoSyncDeps,
  repoId: number,
  jobId: string | null = null,
): Promise<SyncResult> {
  const repo = await createRepoRepository(deps.db).findById(repoId);
  if (!repo)
    throw new LoupeError('NOT_FOUND', `repository ${repoId} is not in this workspace (was it removed?)`);
  const credentials =
    repo.connectionId !== null
      ? (await openConnectionCredentials(deps.db, deps.secrets ?? null, repo.connectionId)).token
      : undefined;
  // Titles written from here on are what the spelling lexicon must take in after the sync.
  const checkpoint = await searchTermsCheckpoint(deps.db);
  const runId = await deps.db.transaction(async (tx) => {
    const id = await createSyncStateRepository(tx).startRun(repo.id, jobId, deps.workerId ?? null);
    await createEventRepository(tx).append([
      { type: 'sync.started', repoId: repo.id, payload: { runId: id, jobId } },
    ]);
    return id;
  });
  let lastWrite = 0;
  let latest: SyncProgress | null = null;
  const totalsOf = (
    p: Pick<SyncProgress, 'issuesSynced' | 'commentsSynced' | 'requests' | 'notModified'>,
  ) => ({
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
        ...(credentials !== undefined ? { credentials } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
        onProgress: (progress) => {
          latest = progress;
          deps.onProgress?.(progress);
          const now = Date.now();
          if (now - lastWrite >= PROGRESS_WRITE_INTERVAL_MS) {
            lastWrite = now;
            const totals = totalsOf(progress);
            void deps.db
              .transaction(async (tx) => {
                await createSyncStateRepository(tx).recordProgress(runId, totals);
                await createEventRepository(tx).append([
                  { type: 'sync.progressed', repoId: repo.id, payload: { runId, ...totals } },
                ]);
              })
              .catch(() => undefined);
          }
        },
      },
      repo,
    );
    const totals = totalsOf(result);
    await deps.db.transaction(async (tx) => {
      await createSyncStateRepository(tx).finishRun(runId, { status: 'succeeded', totals });
      await createEventRepository(tx).append([
        {
          type: 'sync.finished',
          repoId: repo.id,
          payload: { runId, upToDate: result.upToDate, startedAt: checkpoint, ...totals },
        },
      ]);
    });
    return result;
  } catch (error) {
    // Removed meanwhile: its run record went with it, and no event may name it again.
    if (await isRepoRemoved(deps.db, repo.id))
      throw new LoupeError('NOT_FOUND', `repository ${repo.fullName} was removed during its sync`, {
        repoId: repo.id,
      });
    const message = error instanceof Error ? error.message : String(error);
    const totals = latest
      ? totalsOf(latest)
      : { issuesSynced: 0, commentsSynced: 0, requests: 0, notModified: 0 };
    await deps.db.transaction(async (tx) => {
      await createSyncStateRepository(tx).finishRun(runId, { status: 'failed', error: message, totals });
      await createEventRepository(tx).append([
        { type: 'sync.failed', repoId: repo.id, payload: { runId, error: message, ...totals } },
      ]);
    });
    throw error;
  }
}

/**
 * The `sync-repo` job: one sync of one repository. Stately per repository: at most one sync of it
 * waits and one runs, however often it is asked for. Retries start after 5 s (then 10, 20): a resumed
 * sync continues from its saved cursor, so an early retry costs nothing.
 */
export const syncRepoJob = defineJob({
  name: 'sync-repo',
  payload: z.object({ repoId: z.number().int().positive() }),
  singletonKey: ({ repoId }) => String(repoId),
  policy: 'stately',
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  expireInSeconds: 6 * 3600,
  concurrency: 2,
  async handler({ repoId }, context) {
    let result: SyncResult;
    try {
      result = await runRepoSync(
        {
          db: context.db,
          sources: context.sources,
          secrets: context.secrets ?? null,
          ...(context.signal ? { signal: context.signal } : {}),
          ...(context.workerId ? { workerId: context.workerId } : {}),
        },
        repoId,
        context.jobId,
      );
    } catch (error) {
      if (!(await isRepoRemoved(context.db, repoId))) throw error;
      context.log(`repository ${repoId} was removed; its sync ends without writing anything`);
      return;
    }
    context.log(
      `synced repository ${repoId}: ${result.issuesSynced} issues, ${result.commentsSynced} comments`,
    );
  },
});
