import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../store/db.ts';
import { createWorkerLivenessRepository } from '../store/worker-liveness.repository.ts';
import type { JobQueue } from './job-queue.ts';
import { QUEUE_NAMES } from './job-registry.ts';

export interface ProcessLivenessOptions {
  role: 'server' | 'worker' | 'cli';
  /** True when no other process can use this database (PGlite's locked data dir): every other is dead. */
  exclusive: boolean;
  heartbeatSeconds?: number;
  /** Silence after which a process counts as dead: several missed heartbeats, not one slow one. */
  deadAfterSeconds?: number;
  log?: (message: string) => void;
}

export interface ReapResult {
  deadProcesses: number;
  jobsRetried: number;
  runsFailed: number;
}

export interface ProcessLiveness {
  /** This process's id: stored with the sync runs and job leases it holds. */
  readonly workerId: string;
  /**
   * Lets this process fail dead processes' jobs (a process without a queue only fails their runs),
   * and with an exclusive database reaps at once, before this process's workers start.
   */
  attachQueue(queue: JobQueue): Promise<ReapResult | null>;
  /** Looks for dead processes now (also done after every heartbeat). */
  reap(): Promise<ReapResult>;
  /** Stops the heartbeat and removes this process's row (a clean exit is not a death). */
  stop(): Promise<void>;
}

export const HEARTBEAT_SECONDS = 5;
export const DEAD_AFTER_SECONDS = 20;

/**
 * Recovery from processes that die without a word (SIGKILL, OOM, power loss). pg-boss 10 frees an
 * active job only when it expires, and pg-boss 12 (which adds heartbeats) needs Node 22. So every
 * process that runs syncs or jobs writes a heartbeat; any live process that sees another silent for
 * `deadAfterSeconds` fails that process's jobs (pg-boss then retries them, resuming from the saved
 * cursors) and marks its sync runs failed. With PGlite only one process can hold the data dir, so at
 * start every other process is known dead and is reaped at once.
 */
export async function startProcessLiveness(
  db: Database,
  options: ProcessLivenessOptions,
): Promise<ProcessLiveness> {
  const repo = createWorkerLivenessRepository(db);
  const self = { id: randomUUID(), role: options.role, hostname: hostname(), pid: process.pid };
  const heartbeatSeconds = options.heartbeatSeconds ?? HEARTBEAT_SECONDS;
  const deadAfterSeconds = options.deadAfterSeconds ?? DEAD_AFTER_SECONDS;
  const log = options.log ?? (() => undefined);
  let queue: JobQueue | null = null;
  await repo.heartbeat(self);

  const reapWith = async (silentForSeconds: number): Promise<ReapResult> => {
    const result: ReapResult = { deadProcesses: 0, jobsRetried: 0, runsFailed: 0 };
    for (const dead of await repo.findDead(self.id, silentForSeconds)) {
      // Jobs first: if this process dies half-way, the dead row (and its leases) is still there next time.
      if (queue) {
        for (const lease of await repo.leasesOf(dead)) {
          const outcome = await queue.failAbandoned(
            lease.queue,
            lease.jobId,
            `the worker process running it stopped (no heartbeat for ${silentForSeconds} s)`,
          );
          if (outcome !== 'gone') result.jobsRetried++;
        }
      }
      await repo.releaseConsumerLeases({ of: dead });
      await repo.remove(dead);
      result.deadProcesses++;
    }
    // Runs of the processes just removed, and of any other process no longer registered.
    result.runsFailed += await repo.failOrphanRuns();
    if (options.exclusive) await repo.releaseConsumerLeases({ exceptHolder: self.id });
    // pg-boss's tables exist once a queue has started in this database.
    if (queue) {
      for (const job of await repo.findUnleasedActiveJobs(
        QUEUE_NAMES,
        options.exclusive ? 0 : deadAfterSeconds,
      )) {
        const outcome = await queue.failAbandoned(job.queue, job.jobId, 'no live process holds this job');
        if (outcome !== 'gone') result.jobsRetried++;
      }
    }
    if (result.deadProcesses + result.jobsRetried + result.runsFailed > 0) {
      log(
        `recovered from stopped processes: ${result.deadProcesses} process(es), ${result.jobsRetried} job(s) handed back to the queue, ${result.runsFailed} sync run(s) marked interrupted`,
      );
    }
    return result;
  };
  const reap = () => reapWith(options.exclusive ? 0 : deadAfterSeconds);

  if (options.exclusive) await reap();
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating
      .then(() => repo.heartbeat(self))
      .then(() => reap())
      .catch((error: unknown) =>
        log(`heartbeat failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, heartbeatSeconds * 1000);
  timer.unref();

  return {
    workerId: self.id,
    async attachQueue(attached) {
      queue = attached;
      return options.exclusive ? reap() : null;
    },
    reap,
    async stop() {
      clearInterval(timer);
      await beating;
      await repo.remove(self.id).catch(() => undefined);
    },
  };
}
