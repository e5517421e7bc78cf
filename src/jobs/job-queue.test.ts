import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { LoupeError } from '../core/errors.ts';
import type { Database } from '../store/db.ts';
import { createJobRepository } from '../store/job.repository.ts';
import { createJobMetrics } from './job-metrics.ts';
import { startJobQueue, type JobQueue } from './job-queue.ts';
import { JOBS, QUEUE_NAMES } from './job-registry.ts';
import { waitFor } from '../../test/wait-for.ts';

describe('job queue: one definition per job, generic enqueue', () => {
  let db: Database;
  let queue: JobQueue;
  const registry = new Registry();

  beforeAll(async () => {
    db = await openTestDatabase();
    queue = await startJobQueue(db, { metrics: createJobMetrics(registry) });
  });
  afterAll(async () => {
    await queue?.stop();
    await db?.close();
  });

  it('the registry names every queue once, and the reaper watches the same list', () => {
    expect(QUEUE_NAMES).toEqual(JOBS.map((j) => j.name));
    expect(new Set(QUEUE_NAMES).size).toBe(QUEUE_NAMES.length);
    expect(QUEUE_NAMES).toEqual(expect.arrayContaining(['sync-repo', 'analyze-repo', 'prune-events']));
  });

  it('refuses a payload its schema refuses, and an unknown queue, with a message', async () => {
    await expect(queue.enqueue('sync-repo', { repoId: -1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/payload of job sync-repo: repoId/),
    });
    await expect(queue.enqueue('no-such-job' as 'sync-repo', { repoId: 1 })).rejects.toBeInstanceOf(
      LoupeError,
    );
  });

  it('keeps one waiting job per singleton key (stately)', async () => {
    const first = await queue.enqueue('analyze-repo', { repoId: 41 });
    const second = await queue.enqueue('analyze-repo', { repoId: 41 });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
  });

  it('runs a job, records its failure in /metrics, and retries a failed job on request', async () => {
    let runs = 0;
    await queue.work('sync-repo', async ({ repoId }) => {
      runs++;
      if (runs === 1) throw new Error(`repository ${repoId} exploded`);
    });
    // retryLimit 3 would retry on its own; fail it for good so the manual retry is what brings it back.
    const jobId = (await queue.enqueue('sync-repo', { repoId: 7 }))!;
    await db.query(`UPDATE pgboss.job SET retry_limit = 0 WHERE id = $1`, [jobId]);
    const failed = await waitFor(
      async () =>
        (await createJobRepository(db).recent({ queues: ['sync-repo'], limit: 5, state: 'failed' })).find(
          (j) => j.id === jobId,
        ),
      30,
      'the job to fail',
    );
    expect(failed.output).toMatchObject({ message: 'repository 7 exploded' });
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/loupe_job_runs_total\{queue="sync-repo",outcome="failed"\} 1/);
    expect(metrics).toMatch(/loupe_job_failures_total\{queue="sync-repo"\} 1/);
    expect(metrics).toMatch(/loupe_job_duration_seconds_count\{queue="sync-repo",outcome="failed"\} 1/);

    expect(await queue.retry('sync-repo', jobId)).toBe('retried');
    await waitFor(
      async () =>
        (await createJobRepository(db).recent({ queues: ['sync-repo'], limit: 5, state: 'completed' })).find(
          (j) => j.id === jobId,
        ),
      30,
      'the retried job to complete',
    );
    expect(runs).toBe(2);
    expect(await registry.metrics()).toMatch(
      /loupe_job_runs_total\{queue="sync-repo",outcome="succeeded"\} 1/,
    );
    await expect(queue.retry('sync-repo', jobId)).rejects.toMatchObject({
      code: 'JOB_NOT_RETRYABLE',
      message: expect.stringMatching(/is completed; only failed jobs/),
    });
    await expect(queue.retry('sync-repo', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
