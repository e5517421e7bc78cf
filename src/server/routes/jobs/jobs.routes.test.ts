import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouteApp } from '../../../../test/route-app.ts';
import { createRepoRepository } from '../../../store/repo.repository.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import { startJobQueue, type JobQueue } from '../../../jobs/job-queue.ts';
import { QUEUE_NAMES } from '../../../jobs/job-registry.ts';
import { createJobsService } from '../../../services/jobs.service.ts';
import type { Database } from '../../../store/db.ts';
import { jobsRoutes } from './jobs.routes.ts';

interface JobJson {
  id: string;
  queue: string;
  state: string;
  error: string | null;
  retryable: boolean;
  attempts: number;
  durationMs: number | null;
}
type QueuesJson = {
  queues: { queue: string; counts: Record<string, number>; jobs: JobJson[] }[];
  error?: { code: string; message: string };
};

describe('GET /api/jobs and POST /api/jobs/:queue/:id/retry', () => {
  let db: Database;
  let app: FastifyInstance;
  let queue: JobQueue;
  let failedId: string;
  let runs = 0;
  const list = async (query = '') => {
    const response = await app.inject({ method: 'GET', url: `/api/jobs${query}` });
    return { status: response.statusCode, json: response.json() as QueuesJson };
  };
  const retry = async (path: string) => {
    const response = await app.inject({ method: 'POST', url: `/api/jobs/${path}/retry` });
    return {
      status: response.statusCode,
      json: response.json() as Record<string, unknown> & { error?: { code: string; message: string } },
    };
  };
  const waitForState = async (id: string, state: string) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (await list('?queue=analyze-repo')).json.queues[0]!.jobs.find((j) => j.id === id);
      if (job?.state === state) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not become ${state} (is ${job?.state})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    // Jobs are shown to the workspace of the repository they are about: repositories 1..3 of "default".
    for (const name of ['a', 'b', 'c'])
      await createRepoRepository(db).add({ owner: 'acme', name, apiUrl: 'http://127.0.0.1:1' });
    queue = await startJobQueue(db);
    app = await buildRouteApp(
      db,
      jobsRoutes(createJobsService({ db, queues: QUEUE_NAMES, retry: (name, id) => queue.retry(name, id) })),
    );
    await queue.work('analyze-repo', async ({ repoId }) => {
      runs++;
      if (runs === 1) throw new Error(`analysis of repository ${repoId} ran out of memory`);
    });
    failedId = (await queue.enqueue('analyze-repo', { repoId: 3 }))!;
    await db.query('UPDATE pgboss.job SET retry_limit = 0 WHERE id = $1', [failedId]);
  });
  afterAll(async () => {
    await queue?.stop();
    await app?.close();
    await db?.close();
  });

  it('lists every queue, and a failed job with its error, timings and retryable', async () => {
    const failed = await waitForState(failedId, 'failed');
    expect(failed).toMatchObject({
      queue: 'analyze-repo',
      error: 'analysis of repository 3 ran out of memory',
      retryable: true,
      attempts: 1,
      durationMs: expect.any(Number),
    });
    const { status, json } = await list();
    expect(status).toBe(200);
    expect(json.queues.map((q) => q.queue)).toEqual([...QUEUE_NAMES]);
    expect(json.queues.find((q) => q.queue === 'analyze-repo')!.counts).toMatchObject({ failed: 1 });
    expect((await list('?state=failed&queue=analyze-repo')).json.queues[0]!.jobs.map((j) => j.id)).toEqual([
      failedId,
    ]);
  });

  it('retries a failed job (202), which then runs; a job that is not failed is 409', async () => {
    await waitForState(failedId, 'failed');
    const retried = await retry(`analyze-repo/${failedId}`);
    expect(retried.status).toBe(202);
    expect(retried.json).toEqual({ queue: 'analyze-repo', id: failedId, state: 'retry' });
    await waitForState(failedId, 'completed');
    expect(runs).toBe(2);
    const again = await retry(`analyze-repo/${failedId}`);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: 'JOB_NOT_RETRYABLE',
      message: expect.stringMatching(/is completed; only failed jobs can be retried/),
    });
  });

  it('answers 400 for a malformed id or query, 404 for an unknown queue or job', async () => {
    expect((await retry('analyze-repo/42')).json.error?.message).toMatch(/id must be a job id \(a UUID/);
    expect((await retry('analyze-repo/42')).status).toBe(400);
    const unknownQueue = await retry(`nonsense/${failedId}`);
    expect(unknownQueue.status).toBe(404);
    expect(unknownQueue.json.error?.message).toMatch(
      /No job queue named "nonsense"; the queues are sync-repo, analyze-repo/,
    );
    const unknownJob = await retry('analyze-repo/00000000-0000-4000-8000-000000000000');
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.json.error?.message).toMatch(
      /No job 00000000-0000-4000-8000-000000000000 in queue analyze-repo/,
    );
    expect((await list('?queue=nonsense')).status).toBe(404);
    expect((await list('?state=exploded')).status).toBe(400);
    expect((await list('?limit=1e3')).status).toBe(400);
  });
});
