import PgBoss from 'pg-boss';
import type { Database } from '../store/db.ts';
import { createWorkerLivenessRepository } from '../store/worker-liveness.repository.ts';

export const SYNC_REPO_QUEUE = 'sync-repo';
export const ANALYZE_REPO_QUEUE = 'analyze-repo';
export const QUEUE_NAMES = [SYNC_REPO_QUEUE, ANALYZE_REPO_QUEUE] as const;
const POLL_SECONDS = 1;
type QueueName = (typeof QUEUE_NAMES)[number];

export interface RepoJobData {
  repoId: number;
}

export interface JobQueue {
  /** Queues a sync unless one for the repository is already waiting; returns the job id or null. */
  enqueueSync(repoId: number): Promise<string | null>;
  /** Queues (re-)analysis of a repository's changed issues unless one is already waiting. */
  enqueueAnalysis(repoId: number): Promise<string | null>;
  /** Starts `count` workers for sync jobs in this process. */
  workSyncs(handler: (data: RepoJobData, jobId: string) => Promise<void>, count?: number): Promise<void>;
  workAnalyses(handler: (data: RepoJobData, jobId: string) => Promise<void>, count?: number): Promise<void>;
  /**
   * Fails a job whose worker died, so pg-boss retries it (or fails it for good after its retry
   * limit). When a waiting copy of the job makes the retry impossible (stately: one per state), the
   * dead one is cancelled instead and the waiting one carries on.
   */
  failAbandoned(queue: string, jobId: string, reason: string): Promise<'retried' | 'cancelled' | 'gone'>;
  stop(): Promise<void>;
}

/**
 * Durable jobs on pg-boss, in the same database as everything else: on PGlite through pg-boss's
 * `db.executeSql` hook, on PostgreSQL with its own pool. The sync queue uses the `stately` policy
 * keyed by repository: at most one sync of a repository waits and one runs, however often it is asked for.
 */
export async function startJobQueue(db: Database, options: { onError?: (error: Error) => void; workerId?: string } = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(db.bossOptions as PgBoss.ConstructorOptions),
    schema: 'pgboss',
    // Cron scheduling is unused; its clock checks would only add load to the single PGlite connection.
    schedule: false,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  // A dead worker's job is freed by process-liveness.ts within about 25 s, not by expiry; the expiry
  // only bounds a handler that hangs in a live process. Retries start after 5 s (then 10, 20): a
  // resumed sync continues from its saved cursor, so an early retry costs nothing.
  for (const name of QUEUE_NAMES) {
    const policy = { policy: 'stately', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 6 * 3600 } as const;
    await boss.createQueue(name, { name, ...policy });
    // createQueue leaves an existing queue as it was; a data dir from an earlier version keeps its settings otherwise.
    await boss.updateQueue(name, { name, ...policy });
  }
  const leases = createWorkerLivenessRepository(db);
  const work = async (name: QueueName, handler: (data: RepoJobData, jobId: string) => Promise<void>, count: number) => {
    for (let i = 0; i < count; i++) {
      // One job per fetch: these jobs are long, and batching would hold a second repository back behind the first.
      await boss.work<RepoJobData>(name, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
        for (const job of jobs) {
          // The lease names this process as the job's holder: if the process dies, its heartbeat stops
          // and another process (or this one restarted) fails the job so that pg-boss retries it.
          if (options.workerId) await leases.acquireLease({ jobId: job.id, queue: name, workerId: options.workerId });
          try {
            await handler(job.data, job.id);
          } finally {
            if (options.workerId) await leases.releaseLease(job.id).catch(() => undefined);
          }
        }
      });
    }
  };
  const send = (name: QueueName, repoId: number) => boss.send(name, { repoId } satisfies RepoJobData, { singletonKey: String(repoId) });
  return {
    enqueueSync: (repoId) => send(SYNC_REPO_QUEUE, repoId),
    enqueueAnalysis: (repoId) => send(ANALYZE_REPO_QUEUE, repoId),
    workSyncs: (handler, count = 1) => work(SYNC_REPO_QUEUE, handler, count),
    workAnalyses: (handler, count = 1) => work(ANALYZE_REPO_QUEUE, handler, count),
    async failAbandoned(queue, jobId, reason) {
      const job = await boss.getJobById(queue, jobId);
      if (!job || job.state !== 'active') return 'gone';
      try {
        await boss.fail(queue, jobId, { message: reason });
        return 'retried';
      } catch (error) {
        // 23505: a job of the same key already waits in the retry state (stately allows one).
        if ((error as { code?: string }).code !== '23505') throw error;
        await boss.cancel(queue, jobId);
        return 'cancelled';
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      // A worker whose poll was in flight when stop() began still runs what that poll returned (our
      // handlers return at once once aborted) and records the outcome: give it that moment before
      // the caller closes the database under it.
      await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 + 250));
    },
  };
}
