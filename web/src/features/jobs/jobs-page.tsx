import { useEffect, useState } from 'react';
import { listJobs, retryJob } from '../../api-client/api-client.ts';
import type { Job, JobState, QueueJobs } from '../../api-client/api-types.ts';
import { toError } from '../../api-client/http.ts';
import { ErrorMessage, Loading } from '../../components/status-message.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { useApi } from '../../lib/use-api.ts';
import { describePayload, formatDuration, hasPendingJobs } from './job-view.ts';

const POLL_MS = 2000;

/** The pill class of a state, reusing the sync pills' colours. */
const PILL: Record<JobState, string> = {
  created: 'sync-queued',
  retry: 'sync-queued',
  active: 'sync-running',
  completed: 'sync-succeeded',
  cancelled: 'sync-never',
  failed: 'sync-failed',
};

function JobRow({ job, retrying, onRetry }: { job: Job; retrying: boolean; onRetry: (job: Job) => void }) {
  return (
    <tr data-testid="job-row">
      <td>
        <span className={`sync-pill ${PILL[job.state]}`}>{job.state}</span>
      </td>
      <td data-label="Job">
        {describePayload(job.payload)}
        <div className="muted small">
          <code>{job.id}</code>
        </div>
        {job.error ? (
          <p className="small sync-error" role="note">
            {job.error}
          </p>
        ) : null}
      </td>
      <td data-label="Queued">
        <TimeAgo iso={job.createdAt} />
      </td>
      <td className="num" data-label="Ran for">
        {formatDuration(job.durationMs)}
      </td>
      <td className="num" data-label="Attempts">
        {job.attempts} / {job.retryLimit + 1}
      </td>
      <td>
        {job.retryable ? (
          <button
            type="button"
            className="button"
            disabled={retrying}
            onClick={() => onRetry(job)}
            aria-label={`Retry ${job.queue} job ${job.id}`}
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function QueueSection({
  queue,
  retrying,
  onRetry,
}: {
  queue: QueueJobs;
  retrying: ReadonlySet<string>;
  onRetry: (job: Job) => void;
}) {
  const counts = Object.entries(queue.counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(' · ');
  return (
    <section aria-labelledby={`queue-${queue.queue}`}>
      <h2 id={`queue-${queue.queue}`}>
        {queue.queue} <span className="muted small">{counts || 'no current jobs'}</span>
      </h2>
      {queue.jobs.length === 0 ? (
        <p className="muted">No jobs in this queue lately.</p>
      ) : (
        <div className="table-scroll">
          <table className="repo-table stacked-table">
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Job</th>
                <th scope="col">Queued</th>
                <th scope="col" className="num">
                  Ran for
                </th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.jobs.map((job) => (
                <JobRow key={job.id} job={job} retrying={retrying.has(job.id)} onRetry={onRetry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Background jobs: the newest of each queue with state, timings and errors; failed jobs can be retried. */
export function JobsPage() {
  const { data: queues, error, loading, reload } = useApi('jobs', (signal) => listJobs(signal));
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [retryError, setRetryError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Jobs · Loupe';
  }, []);

  const pending = queues ? hasPendingJobs(queues) : false;
  useEffect(() => {
    if (!pending || loading) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, loading, queues, reload]);

  const onRetry = (job: Job): void => {
    setRetrying((ids) => new Set(ids).add(job.id));
    setRetryError(null);
    retryJob(job.queue, job.id)
      .catch((reason: unknown) => setRetryError(`${job.queue} ${job.id}: ${toError(reason).message}`))
      .finally(() => {
        setRetrying((ids) => {
          const next = new Set(ids);
          next.delete(job.id);
          return next;
        });
        reload();
      });
  };

  return (
    <div className="jobs-page">
      <div className="page-heading">
        <h1>Jobs</h1>
        {pending ? (
          <span className="muted small" role="status">
            Refreshing while jobs run…
          </span>
        ) : null}
      </div>
      {retryError ? <ErrorMessage title="Could not retry the job" message={retryError} /> : null}
      {error ? <ErrorMessage title="Could not load jobs" message={error.message} onRetry={reload} /> : null}
      {!queues && loading ? <Loading label="Loading jobs…" /> : null}
      {queues?.map((queue) => (
        <QueueSection key={queue.queue} queue={queue} retrying={retrying} onRetry={onRetry} />
      ))}
    </div>
  );
}
