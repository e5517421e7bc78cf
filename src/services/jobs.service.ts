import { LoupeError } from '../core/errors.ts';
import type { SqlClient } from '../store/db.ts';
import { createJobRepository, type JobRecord, type JobState } from '../store/job.repository.ts';

export interface JobsServiceDeps {
  db: SqlClient;
  /** The queues that exist (jobs/job-registry.ts). */
  queues: readonly string[];
  /** Sends a failed job back to its queue (jobs/job-queue.ts); throws NOT_FOUND / JOB_NOT_RETRYABLE. */
  retry: (queue: string, jobId: string) => Promise<unknown>;
}

export interface QueueJobs {
  queue: string;
  /** Current (not archived) jobs by state. */
  counts: Partial<Record<JobState, number>>;
  jobs: JobRecord[];
}

/** What the jobs page shows and does: recent jobs per queue, and retrying a failed one. */
export function createJobsService(deps: JobsServiceDeps) {
  const jobs = createJobRepository(deps.db);
  const checkQueue = (queue: string) => {
    if (!deps.queues.includes(queue))
      throw new LoupeError(
        'NOT_FOUND',
        `No job queue named "${queue}"; the queues are ${deps.queues.join(', ')}.`,
      );
  };
  return {
    /** The workspace's jobs (those about its repositories). */
    async list(
      workspaceId: number,
      query: { queue?: string; state?: JobState; limit: number },
    ): Promise<QueueJobs[]> {
      if (query.queue !== undefined) checkQueue(query.queue);
      const queues = query.queue !== undefined ? [query.queue] : deps.queues;
      const [records, counts] = await Promise.all([
        jobs.recent({
          queues,
          limit: query.limit,
          workspaceId,
          ...(query.state ? { state: query.state } : {}),
        }),
        jobs.countsByState(queues, workspaceId),
      ]);
      return queues.map((queue) => ({
        queue,
        counts: Object.fromEntries(counts.filter((c) => c.queue === queue).map((c) => [c.state, c.count])),
        jobs: records.filter((r) => r.queue === queue),
      }));
    },

    /** Current jobs of every queue and workspace by state, for /metrics. */
    countsByState: () => jobs.countsByState(deps.queues),

    async retry(workspaceId: number, queue: string, jobId: string): Promise<void> {
      checkQueue(queue);
      if (!(await jobs.belongsTo(queue, jobId, workspaceId)))
        throw new LoupeError('NOT_FOUND', `No job ${jobId} in queue ${queue} of this workspace.`);
      await deps.retry(queue, jobId);
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
