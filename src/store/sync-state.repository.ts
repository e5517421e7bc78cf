import type { SqlClient } from './db.ts';

/** Where a stream of a container has got to: the source's opaque cursor and whether it is complete. */
export interface StreamState {
  cursor: Record<string, unknown> | null;
  /** Read to its last page, and not marked stale since. */
  complete: boolean;
}

export interface SyncRunTotals {
  issuesSynced: number;
  commentsSynced: number;
  requests: number;
  notModified: number;
}

/** Cursors (how far each stream has got) and the history of sync runs. */
export function createSyncStateRepository(db: SqlClient) {
  return {
    /**
     * Whether the repository's first sync is still queued or running (none has succeeded yet): its
     * issues are still arriving, so what is stored is not yet its history.
     */
    async firstSyncInProgress(repoId: number): Promise<boolean> {
      const result = await db.query<{ in_progress: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM sync_runs WHERE repo_id = $1 AND status IN ('queued', 'running'))
            AND NOT EXISTS (SELECT 1 FROM sync_runs WHERE repo_id = $1 AND status = 'succeeded') AS in_progress`,
        [repoId],
      );
      return result.rows[0]?.in_progress === true;
    },

    async getStream(repoId: number, stream: string): Promise<StreamState> {
      const result = await db.query<StreamState>(
        'SELECT cursor, complete FROM sync_cursors WHERE repo_id = $1 AND stream = $2',
        [repoId, stream],
      );
      return result.rows[0] ?? { cursor: null, complete: false };
    },

    async saveStream(repoId: number, stream: string, state: StreamState): Promise<void> {
      await db.query(
        `INSERT INTO sync_cursors (repo_id, stream, cursor, complete, updated_at) VALUES ($1, $2, $3::jsonb, $4, now())
         ON CONFLICT (repo_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, complete = EXCLUDED.complete, updated_at = now()`,
        [repoId, stream, state.cursor === null ? null : JSON.stringify(state.cursor), state.complete],
      );
    },

    /**
     * Marks a stream as needing a read, keeping where it has got to. Called in the transaction that
     * stores a changed issue page, so a crash can never leave "issues changed" without "comments due".
     */
    async markStale(repoId: number, stream: string): Promise<void> {
      await db.query(
        `INSERT INTO sync_cursors (repo_id, stream, complete) VALUES ($1, $2, false)
         ON CONFLICT (repo_id, stream) DO UPDATE SET complete = false WHERE sync_cursors.complete`,
        [repoId, stream],
      );
    },

    async queueRun(repoId: number, jobId: string | null): Promise<number> {
      const result = await db.query<{ id: number }>(
        `INSERT INTO sync_runs (repo_id, status, job_id) VALUES ($1, 'queued', $2) RETURNING id`,
        [repoId, jobId],
      );
      return result.rows[0]!.id;
    },

    /** Forgets a queued run whose job was never queued (one already waited, or queueing failed). */
    async dropQueuedRun(runId: number): Promise<void> {
      await db.query(`DELETE FROM sync_runs WHERE id = $1 AND status = 'queued'`, [runId]);
    },

    /**
     * Marks the job's queued run (else the repository's newest queued one, else a new one) as
     * running; returns its id.
     */
    async startRun(repoId: number, jobId: string | null, workerId: string | null = null): Promise<number> {
      const result = await db.query<{ id: number }>(
        `UPDATE sync_runs SET status = 'running', started_at = now(), job_id = COALESCE($2, job_id), worker_id = $3
         WHERE id = (SELECT id FROM sync_runs WHERE repo_id = $1 AND status = 'queued'
                     ORDER BY job_id IS NOT DISTINCT FROM $2 DESC, id DESC LIMIT 1)
         RETURNING id`,
        [repoId, jobId, workerId],
      );
      if (result.rows[0]) return result.rows[0].id;
      const inserted = await db.query<{ id: number }>(
        `INSERT INTO sync_runs (repo_id, status, job_id, worker_id, started_at) VALUES ($1, 'running', $2, $3, now()) RETURNING id`,
        [repoId, jobId, workerId],
      );
      return inserted.rows[0]!.id;
    },

    async recordProgress(runId: number, totals: SyncRunTotals): Promise<void> {
      await db.query(
        `UPDATE sync_runs SET issues_synced = $2, comments_synced = $3, requests = $4, not_modified = $5 WHERE id = $1`,
        [runId, totals.issuesSynced, totals.commentsSynced, totals.requests, totals.notModified],
      );
    },

    async finishRun(
      runId: number,
      outcome: { status: 'succeeded' | 'failed'; error?: string | null; totals: SyncRunTotals },
    ): Promise<void> {
      await db.query(
        `UPDATE sync_runs SET status = $2, error = $3, finished_at = now(), issues_synced = $4, comments_synced = $5,
           requests = $6, not_modified = $7 WHERE id = $1`,
        [
          runId,
          outcome.status,
          outcome.error ?? null,
          outcome.totals.issuesSynced,
          outcome.totals.commentsSynced,
          outcome.totals.requests,
          outcome.totals.notModified,
        ],
      );
    },
  };
}

export type SyncStateRepository = ReturnType<typeof createSyncStateRepository>;
