import { randomUUID } from 'node:crypto';
import { yieldingDatabase } from '../store/db.ts';
import { builtInConsumers } from './event-consumers.ts';
import { startEventDispatcher, type EventConsumer } from './event-dispatcher.ts';
import type { JobDeps } from './job-definition.ts';
import type { JobQueue } from './job-queue.ts';
import { JOB_LIST, type JobName } from './job-registry.ts';

const PRUNE_EVERY_MS = 3600_000;

export interface RunningWorkers {
  /** Stops the event consumers and the prune schedule (the queue's workers stop with the queue). */
  stop(): Promise<void>;
}

/**
 * Starts this process's background work: workers for every job of job-registry.ts (`concurrency`
 * overrides a job's own worker count), the event consumers (built-in ones unless `consumers` is
 * given), and an hourly prune-events job. Used by the server's in-process workers and by
 * `loupe worker` alike.
 */
export async function registerWorkers(
  deps: Omit<JobDeps, 'enqueue' | 'log'> & {
    queue: JobQueue;
    log?: (message: string) => void;
    consumers?: EventConsumer[];
  },
  concurrency: Partial<Record<JobName, number>> = {},
): Promise<RunningWorkers> {
  const { queue, consumers, ...rest } = deps;
  const log = deps.log ?? (() => undefined);
  const enqueue: JobQueue['enqueue'] = (name, payload) => queue.enqueue(name, payload);
  // Jobs and consumers let the event loop run between their statements: requests are answered meanwhile.
  const db = yieldingDatabase(deps.db);
  const jobDeps: JobDeps = { ...rest, db, log, enqueue };
  for (const job of JOB_LIST) {
    await queue.work(job.name, (payload, { id }) => job.handler(payload, { ...jobDeps, jobId: id }), {
      concurrency: concurrency[job.name] ?? job.concurrency,
    });
  }
  const dispatcher = await startEventDispatcher(db, consumers ?? builtInConsumers({ db, enqueue }), {
    holder: deps.workerId ?? randomUUID(),
    log,
  });
  const prune = () =>
    void queue
      .enqueue('prune-events', {})
      .catch((error: unknown) => log(`could not queue prune-events: ${(error as Error).message}`));
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await dispatcher.stop();
    },
  };
}
