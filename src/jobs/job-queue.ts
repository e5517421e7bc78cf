import PgBoss from 'pg-boss';
import { LoupeError } from '../core/errors.ts';
import type { Database } from '../store/db.ts';
import { createWorkerLivenessRepository } from '../store/worker-liveness.repository.ts';
import { inSpan } from '../tracing/tracing.ts';
import type { JobMetrics } from './job-metrics.ts';
import { findJob, JOBS, type JobName, type JobPayload } from './job-registry.ts';
import { splitTraceContext, withTraceContext } from './job-trace-context.ts';

const POLL_SECONDS = 1;

/** A handler as a worker runs it: the validated payload and the pg-boss job id. */
export type JobHandler<Name extends JobName> = (
  payload: JobPayload<Name>,
  job: { id: string },
) => Promise<void>;

export type RetryOutcome = 'retried';

export interface JobQueue {
  /**
   * Queues a job after checking its payload against the job's schema (INVALID_INPUT otherwise).
   * Returns the job id, or null when the job's singleton slot is taken (stately: one already waits).
   */
  /**
   * Queues a job; answers its id, or null when a job of the same singleton key already waits. `id`
   * (a UUID) names the job beforehand, so that what records it can be written before it can run.
   */
  enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    options?: { id?: string },
  ): Promise<string | null>;
  /** Starts `concurrency` workers (default 1) for one queue in this process. */
  work<Name extends JobName>(
    name: Name,
    handler: JobHandler<Name>,
    options?: { concurrency?: number },
  ): Promise<void>;
  /**
   * Sends a failed job back to the queue. NOT_FOUND for an unknown queue or job;
   * JOB_NOT_RETRYABLE when it is not failed, or a job of the same key already waits.
   */
  retry(queue: string, jobId: string): Promise<RetryOutcome>;
  /**
   * Fails a job whose worker died, so pg-boss retries it (or fails it for good after its retry
   * limit). When a waiting copy of the job makes the retry impossible (stately: one per state), the
   * dead one is cancelled instead and the waiting one carries on.
   */
  failAbandoned(queue: string, jobId: string, reason: string): Promise<'retried' | 'cancelled' | 'gone'>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  onError?: (error: Error) => void;
  /** This process's liveness id: workers take a lease on each job they run (process-liveness.ts). */
  workerId?: string;
  /** Runs, failures and durations per queue, for /metrics. */
  metrics?: JobMetrics;
}

/**
 * Durable jobs on pg-boss, in the same database as everything else: on PGlite through pg-boss's
 * `db.executeSql` hook, on PostgreSQL with its own pool. One queue per job of job-registry.ts, with
 * the policy its definition declares.
 */
export async function startJobQueue(db: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(db.bossOptions as PgBoss.ConstructorOptions),
    schema: 'pgboss',
    // Cron scheduling is unused; its clock checks would only add load to the single PGlite connection.
    schedule: false,
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  for (const job of JOBS) {
    const policy = {
      policy: job.policy,
      retryLimit: job.retry.limit,
      retryDelay: job.retry.delaySeconds,
      retryBackoff: job.retry.backoff,
      expireInSeconds: job.expireInSeconds,
    } as const;
    await boss.createQueue(job.name, { name: job.name, ...policy });
    // createQueue leaves an existing queue as it was; a data dir from an earlier version keeps its settings otherwise.
    await boss.updateQueue(job.name, { name: job.name, ...policy });
  }
  const leases = createWorkerLivenessRepository(db);
  const definitionOf = (name: string) => {
    const job = findJob(name);
    if (!job)
      throw new LoupeError(
        'NOT_FOUND',
        `No job queue named "${name}"; the queues are ${JOBS.map((j) => j.name).join(', ')}.`,
      );
    return job;
  };

  return {
    async enqueue(name, payload, options = {}) {
      const job = definitionOf(name);
      const parsed = job.payload.safeParse(payload);
      if (!parsed.success)
        throw new LoupeError(
          'INVALID_INPUT',
          `payload of job ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
        );
      const key = job.singletonKey?.(parsed.data);
      // The job carries its producer span's trace, so the handler's span (in whichever process) continues it.
      return inSpan(
        `send ${name}`,
        { kind: 'producer', attributes: messagingAttributes(name, 'send') },
        async (span) => {
          const id = await boss.send(name, withTraceContext(parsed.data as object, span.traceparent()), {
            ...(key === undefined ? {} : { singletonKey: key }),
            ...(options.id ? { id: options.id } : {}),
          });
          span.setAttributes({
            'messaging.message.id': id ?? undefined,
            'loupe.job.already_queued': id === null,
          });
          return id;
        },
      );
    },

    async work(name, handler, workOptions = {}) {
      const job = definitionOf(name);
      for (let i = 0; i < (workOptions.concurrency ?? 1); i++) {
        // One job per fetch: these jobs are long, and batching would hold a second repository back behind the first.
        await boss.work<object>(
          name,
          { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS },
          async (fetched) => {
            for (const item of fetched) {
              const { payload, traceparent } = splitTraceContext(item.data);
              const attributes = { ...messagingAttributes(name, 'process'), 'messaging.message.id': item.id };
              await inSpan(
                `process ${name}`,
                { kind: 'consumer', parent: traceparent, attributes },
                async () => {
                  // The lease names this process as the job's holder: if the process dies, its heartbeat stops
                  // and another process (or this one restarted) fails the job so that pg-boss retries it.
                  if (options.workerId)
                    await leases.acquireLease({ jobId: item.id, queue: name, workerId: options.workerId });
                  const started = performance.now();
                  try {
                    // Validated again: a row written by an older Loupe, or by hand, is a failed job, not a crash.
                    const parsed = job.payload.safeParse(payload);
                    if (!parsed.success)
                      throw new LoupeError(
                        'INVALID_INPUT',
                        `job ${item.id} of ${name} has a payload its schema refuses: ${parsed.error.message}`,
                      );
                    await handler(parsed.data as never, { id: item.id });
                    options.metrics?.observe(name, 'succeeded', (performance.now() - started) / 1000);
                  } catch (error) {
                    options.metrics?.observe(name, 'failed', (performance.now() - started) / 1000);
                    throw error;
                  } finally {
                    if (options.workerId) await leases.releaseLease(item.id).catch(() => undefined);
                  }
                },
              );
            }
          },
        );
      }
    },

    async retry(queue, jobId) {
      definitionOf(queue);
      const job = await boss.getJobById(queue, jobId);
      if (!job)
        throw new LoupeError(
          'NOT_FOUND',
          `No job ${jobId} in queue ${queue} (jobs older than a day or so are archived and cannot be retried; queue a new one).`,
        );
      if (job.state !== 'failed')
        throw new LoupeError(
          'JOB_NOT_RETRYABLE',
          `Job ${jobId} is ${job.state}; only failed jobs can be retried.`,
        );
      try {
        await boss.retry(queue, jobId);
      } catch (error) {
        // 23505: a job of the same key already waits (stately keeps one per state).
        if ((error as { code?: string }).code !== '23505') throw error;
        throw new LoupeError(
          'JOB_NOT_RETRYABLE',
          `Job ${jobId} was not retried: a ${queue} job for the same ${job.singletonKey ? `key (${job.singletonKey})` : 'target'} is already waiting.`,
        );
      }
      return 'retried';
    },

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

/** OpenTelemetry messaging attributes of a job span (the queue is the destination). */
function messagingAttributes(queue: string, operation: 'send' | 'process') {
  return {
    'messaging.system': 'pg-boss',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.destination.name': queue,
  };
}
