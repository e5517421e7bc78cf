import type { Job, QueueJobs } from '../../api-client/api-types.ts';

/** Whether a job is still to run or running: the page refreshes itself while there is one. */
export function isPending(job: Pick<Job, 'state'>): boolean {
  return job.state === 'created' || job.state === 'retry' || job.state === 'active';
}

export function hasPendingJobs(queues: readonly QueueJobs[]): boolean {
  return queues.some((q) => q.jobs.some(isPending));
}

/** A duration for people: "850 ms", "12.3 s", "4 min 05 s", "1 h 02 min"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/** What the job is about, from its payload: "repository 3", or nothing for a job without a target. */
export function describePayload(payload: unknown): string {
  if (payload && typeof payload === 'object' && 'repoId' in payload)
    return `repository ${String((payload as { repoId: unknown }).repoId)}`;
  return '';
}
