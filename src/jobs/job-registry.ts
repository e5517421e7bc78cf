import { analyzeRepoJob } from './analyze-repo.job.ts';
import { fetchCloneJob } from './fetch-clone.job.ts';
import type { JobDefinition } from './job-definition.ts';
import { pruneEventsJob } from './prune-events.job.ts';
import { syncRepoJob } from './sync-repo.job.ts';

/** Every durable job Loupe runs. A new job is a new definition file and one entry here. */
export const JOBS = [syncRepoJob, analyzeRepoJob, pruneEventsJob, fetchCloneJob] as const;

export type JobName = (typeof JOBS)[number]['name'];
/** The payload a job of this name accepts. */
export type JobPayload<Name extends JobName> =
  Extract<(typeof JOBS)[number], { name: Name }> extends JobDefinition<Name, infer Payload> ? Payload : never;

/** The pg-boss queue names, one per job: what the reaper and GET /api/jobs look at. */
export const QUEUE_NAMES: readonly JobName[] = JOBS.map((job) => job.name);

/** The definition of a job by name, or undefined for a name no job has (e.g. from a URL). */
export function findJob(name: string): JobDefinition<JobName, unknown> | undefined {
  return JOB_LIST.find((job) => job.name === name);
}

/** JOBS with their payload types erased, for code that handles every job alike. */
export const JOB_LIST: readonly JobDefinition<JobName, unknown>[] = JOBS;
