import PgBoss from 'pg-boss';
import type { Database } from '../store/db.ts';

export const SYNC_REPO_QUEUE = 'sync-repo';

export interface SyncRepoJobData {
  repoId: number;
}

export interface JobQueue {
  /** Queues a sync unless one for the repository is already waiting; returns the job id or null. */
  enqueueSync(repoId: number): Promise<string | null>;
  /** Starts `count` workers for sync jobs in this process. */
  workSyncs(handler: (data: SyncRepoJobData, jobId: string) => Promise<void>, count?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Durable jobs on pg-boss, in the same database as everything else: on PGlite through pg-boss's
 * `db.executeSql` hook, on PostgreSQL with its own pool. The sync queue uses the `stately` policy
 * keyed by repository: at most one sync of a repository waits and one runs, however often it is asked for.
 */
export async function startJobQueue(db: Database, options: { onError?: (error: Error) => void } = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(db.bossOptions as PgBoss.ConstructorOptions),
    schema: 'pgboss',
    // Cron scheduling is unused; its clock checks would only add load to the single PGlite connection.
    schedule: false,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  await boss.createQueue(SYNC_REPO_QUEUE, {
    name: SYNC_REPO_QUEUE,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 6 * 3600,
  });
  return {
    enqueueSync: (repoId) => boss.send(SYNC_REPO_QUEUE, { repoId } satisfies SyncRepoJobData, { singletonKey: String(repoId) }),
    async workSyncs(handler, count = 1) {
      for (let i = 0; i < count; i++) {
        // One job per fetch: syncs are long, and batching would hold a second repository back behind the first.
        await boss.work<SyncRepoJobData>(SYNC_REPO_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const job of jobs) await handler(job.data, job.id);
        });
      }
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
