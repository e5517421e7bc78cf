import { splitTraceContext } from '../../jobs/job-trace-context.ts';
import type { JobRecord } from '../../store/job.repository.ts';

/** A job as the API shows it: timings in ISO-8601 and ms, the error message of a failure (never its stack). */
export function presentJob(job: JobRecord) {
  const output = job.output as { message?: unknown } | null;
  const durationMs =
    job.startedAt && job.completedAt ? Date.parse(job.completedAt) - Date.parse(job.startedAt) : null;
  return {
    id: job.id,
    queue: job.queue,
    state: job.state,
    // The trace context a job carries is plumbing, not part of what was asked for.
    payload: splitTraceContext(job.payload).payload,
    attempts: job.state === 'created' ? 0 : job.retryCount + (job.state === 'retry' ? 0 : 1),
    retryLimit: job.retryLimit,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    durationMs,
    error: job.state === 'failed' && output && typeof output.message === 'string' ? output.message : null,
    retryable: job.state === 'failed' && !job.archived,
  };
}
