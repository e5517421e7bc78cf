import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface JobMetrics {
  /** Records one finished run of a job of `queue`. */
  observe(queue: string, outcome: 'succeeded' | 'failed', seconds: number): void;
}

/**
 * Per-job Prometheus metrics of the jobs this process runs: `loupe_job_runs_total` and
 * `loupe_job_failures_total` by queue, `loupe_job_duration_seconds` by queue and outcome. Syncs take
 * minutes and analyses seconds to minutes: the buckets span 50 ms to an hour. With `countsByState`,
 * also `loupe_jobs` by queue and state, read from the database when scraped (covers `loupe worker`
 * processes, which serve no /metrics of their own).
 */
export function createJobMetrics(
  registry: Registry,
  options: { countsByState?: () => Promise<{ queue: string; state: string; count: number }[]> } = {},
): JobMetrics {
  const counts = options.countsByState;
  if (counts) {
    // Read from the queue's tables at scrape time: the jobs of every process, not only this one's.
    new Gauge({
      name: 'loupe_jobs',
      help: 'Jobs in the queue now (all processes), by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await counts().catch(() => []))
          this.set({ queue: row.queue, state: row.state }, row.count);
      },
    });
  }
  const runs = new Counter({
    name: 'loupe_job_runs_total',
    help: 'Job runs finished, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'loupe_job_failures_total',
    help: 'Job runs that failed, by queue',
    labelNames: ['queue'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'loupe_job_duration_seconds',
    help: 'Job run duration, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  return {
    observe(queue, outcome, seconds) {
      runs.inc({ queue, outcome });
      if (outcome === 'failed') failures.inc({ queue });
      duration.observe({ queue, outcome }, seconds);
    },
  };
}
