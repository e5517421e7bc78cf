import type { SqlClient } from './db.ts';

export interface JobLease {
  jobId: string;
  queue: string;
}

const INTERRUPTED =
  'interrupted: the process running this sync stopped (no heartbeat); its job is retried and resumes from the saved cursor';

/**
 * Heartbeats of the processes that run syncs and jobs, and which job each holds. All times are the
 * database's `now()`, so clocks of different hosts never disagree about who is dead.
 */
export function createWorkerLivenessRepository(db: SqlClient) {
  return {
    /** Registers or refreshes a process; recreates its row if another process reaped it by mistake. */
    async heartbeat(worker: { id: string; role: string; hostname: string; pid: number }): Promise<void> {
      await db.query(
        `INSERT INTO worker_processes (id, role, hostname, pid) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
        [worker.id, worker.role, worker.hostname, worker.pid],
      );
    },

    async remove(workerId: string): Promise<void> {
      await db.query('DELETE FROM worker_processes WHERE id = $1', [workerId]);
    },

    /** Processes other than `self` silent for longer than `deadAfterSeconds` (0: every other one). */
    async findDead(self: string, deadAfterSeconds: number): Promise<string[]> {
      const result = await db.query<{ id: string }>(
        `SELECT id FROM worker_processes WHERE id <> $1 AND heartbeat_at <= now() - make_interval(secs => $2)`,
        [self, deadAfterSeconds],
      );
      return result.rows.map((r) => r.id);
    },

    async acquireLease(lease: JobLease & { workerId: string }): Promise<void> {
      await db.query(
        `INSERT INTO job_leases (job_id, queue, worker_id) VALUES ($1, $2, $3)
         ON CONFLICT (job_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, started_at = now()`,
        [lease.jobId, lease.queue, lease.workerId],
      );
    },

    async releaseLease(jobId: string): Promise<void> {
      await db.query('DELETE FROM job_leases WHERE job_id = $1', [jobId]);
    },

    /**
     * Gives back the event-consumer leases (jobs/event-dispatcher.ts) of a dead process at once, so
     * delivery resumes now instead of when the lease runs out. `exceptHolder`: every lease but
     * that holder's (an exclusive database, where every other holder is dead).
     */
    async releaseConsumerLeases(holder: { of: string } | { exceptHolder: string }): Promise<number> {
      const result =
        'of' in holder
          ? await db.query(
              'UPDATE event_consumers SET leased_by = NULL, leased_until = NULL WHERE leased_by = $1',
              [holder.of],
            )
          : await db.query(
              'UPDATE event_consumers SET leased_by = NULL, leased_until = NULL WHERE leased_by IS NOT NULL AND leased_by <> $1',
              [holder.exceptHolder],
            );
      return result.rowCount;
    },

    async leasesOf(workerId: string): Promise<JobLease[]> {
      const result = await db.query<JobLease>(
        'SELECT job_id AS "jobId", queue FROM job_leases WHERE worker_id = $1',
        [workerId],
      );
      return result.rows;
    },

    /**
     * Runs marked running by no live process: from a process that died before heartbeats existed, or
     * whose row is already gone. Returns how many were failed.
     */
    async failOrphanRuns(): Promise<number> {
      const result = await db.query(
        `UPDATE sync_runs SET status = 'failed', finished_at = now(), error = $1
         WHERE status = 'running' AND (worker_id IS NULL OR worker_id NOT IN (SELECT id FROM worker_processes))`,
        [INTERRUPTED],
      );
      return result.rowCount;
    },

    /**
     * pg-boss jobs active for longer than `olderThanSeconds` that no live process holds a lease on:
     * left by a process that died between fetching a job and taking its lease, or by a version of
     * Loupe before leases. Reads pg-boss's own table (schema `pgboss`, jobs/job-queue.ts).
     */
    async findUnleasedActiveJobs(queues: readonly string[], olderThanSeconds: number): Promise<JobLease[]> {
      const result = await db.query<JobLease>(
        `SELECT j.id::text AS "jobId", j.name AS queue FROM pgboss.job j
         WHERE j.name = ANY($1::text[]) AND j.state = 'active' AND j.started_on <= now() - make_interval(secs => $2)
           AND NOT EXISTS (SELECT 1 FROM job_leases l JOIN worker_processes w ON w.id = l.worker_id WHERE l.job_id = j.id::text)`,
        [queues, olderThanSeconds],
      );
      return result.rows;
    },
  };
}

export type WorkerLivenessRepository = ReturnType<typeof createWorkerLivenessRepository>;
