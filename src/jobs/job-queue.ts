import PgBoss from 'pg-boss';
import type { Database } from '../store/db.ts';

export const SYNC_REPO_QUEUE = 'sync-repo';
export const ANALYZE_REPO_QUEUE = 'analyze-repo';
const POLL_SECONDS = 1;
type QueueName = typeof SYNC_REPO_QUEUE | typeof ANALYZE_REPO_QUEUE;

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
  for (const name of [SYNC_REPO_QUEUE, ANALYZE_REPO_QUEUE]) {
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 6 * 3600 });
  }
  const work = async (name: QueueName, handler: (data: RepoJobData, jobId: string) => Promise<void>, count: number) => {
    for (let i = 0; i < count; i++) {
      // One job per fetch: these jobs are long, and batching would hold a second repository back behind the first.
      await boss.work<RepoJobData>(name, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
        for (const job of jobs) await handler(job.data, job.id);
      });
    }
  };
  const send = (name: QueueName, repoId: number) => boss.send(name, { repoId } satisfies RepoJobData, { singletonKey: String(repoId) });
  return {
    enqueueSync: (repoId) => send(SYNC_REPO_QUEUE, repoId),
    enqueueAnalysis: (repoId) => send(ANALYZE_REPO_QUEUE, repoId),
    workSyncs: (handler, count = 1) => work(SYNC_REPO_QUEUE, handler, count),
    workAnalyses: (handler, count = 1) => work(ANALYZE_REPO_QUEUE, handler, count),
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      // A worker whose poll was in flight when stop() began still runs what that poll returned (our
      // handlers return at once once aborted) and records the outcome: give it that moment before
      // the caller closes the database under it.
      await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 + 250));
    },
  };
}
