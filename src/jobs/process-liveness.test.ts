import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { startJobQueue, type JobQueue } from './job-queue.ts';
import { startProcessLiveness, type ProcessLiveness } from './process-liveness.ts';
import { waitFor } from '../../test/wait-for.ts';

describe('jobs and runs of a process that stopped are recovered', () => {
  let db: Database;
  let repoId: number;
  const stops: (() => Promise<void>)[] = [];
  let releaseHungHandler: () => void = () => undefined;

  beforeEach(async () => {
    db = await openTestDatabase();
    repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
  });
  afterEach(async () => {
    releaseHungHandler();
    for (const stop of stops.splice(0).reverse()) await stop();
    await db.close();
  });

  /** A process whose sync handler never returns: what a SIGKILL mid-sync leaves in the database. */
  async function startDoomedProcess(): Promise<{
    liveness: ProcessLiveness;
    queue: JobQueue;
    started: string[];
  }> {
    const liveness = await startProcessLiveness(db, {
      role: 'worker',
      exclusive: false,
      heartbeatSeconds: 3600,
    });
    const queue = await startJobQueue(db, { workerId: liveness.workerId });
    const started: string[] = [];
    const hung = new Promise<void>((resolve) => (releaseHungHandler = resolve));
    await queue.work('sync-repo', async (_payload, { id: jobId }) => {
      started.push(jobId);
      await createSyncStateRepository(db).startRun(repoId, jobId, liveness.workerId);
      await hung;
    });
    stops.push(
      () => queue.stop(),
      () => liveness.stop(),
    );
    return { liveness, queue, started };
  }

  async function startHealthyProcess(deadAfterSeconds: number) {
    const liveness = await startProcessLiveness(db, {
      role: 'worker',
      exclusive: false,
      deadAfterSeconds,
      heartbeatSeconds: 3600,
    });
    const queue = await startJobQueue(db, { workerId: liveness.workerId });
    await liveness.attachQueue(queue);
    const handled: string[] = [];
    await queue.work('sync-repo', async (_payload, { id: jobId }) => void handled.push(jobId));
    stops.push(
      () => queue.stop(),
      () => liveness.stop(),
    );
    return { liveness, handled };
  }

  it("a dead worker's job is handed back within seconds, not 6 hours, and its run is marked interrupted", async () => {
    const doomed = await startDoomedProcess();
    const jobId = (await doomed.queue.enqueue('sync-repo', { repoId }))!;
    await waitFor(async () => doomed.started.includes(jobId), 20, 'the doomed worker to take the job');
    // The process dies: its heartbeat stops (made to look 1 minute old).
    await db.query(`UPDATE worker_processes SET heartbeat_at = now() - interval '1 minute' WHERE id = $1`, [
      doomed.liveness.workerId,
    ]);

    const healthy = await startHealthyProcess(30);
    const reaped = await healthy.liveness.reap();
    expect(reaped).toEqual({ deadProcesses: 1, jobsRetried: 1, runsFailed: 1 });
    const run = await db.query<{ status: string; error: string }>(
      'SELECT status, error FROM sync_runs WHERE job_id = $1',
      [jobId],
    );
    expect(run.rows[0]!.status).toBe('failed');
    expect(run.rows[0]!.error).toMatch(/interrupted.*resumes from the saved cursor/);
    // pg-boss retries it after the queue's retry delay (5 s) and the healthy process runs it.
    await waitFor(
      async () => healthy.handled.includes(jobId),
      20,
      'the healthy worker to run the retried job',
    );
  });

  it('a live worker is left alone', async () => {
    const doomed = await startDoomedProcess();
    const jobId = (await doomed.queue.enqueue('sync-repo', { repoId }))!;
    await waitFor(async () => doomed.started.includes(jobId), 20, 'the worker to take the job');
    const other = await startHealthyProcess(30);
    expect(await other.liveness.reap()).toEqual({ deadProcesses: 0, jobsRetried: 0, runsFailed: 0 });
    const run = await db.query<{ status: string }>('SELECT status FROM sync_runs WHERE job_id = $1', [jobId]);
    expect(run.rows[0]!.status).toBe('running');
  });

  it('an active job that no process holds a lease on (an older Loupe, or a death before the lease) is handed back', async () => {
    const doomed = await startDoomedProcess();
    const jobId = (await doomed.queue.enqueue('sync-repo', { repoId }))!;
    await waitFor(async () => doomed.started.includes(jobId), 20, 'the worker to take the job');
    await db.query('DELETE FROM job_leases WHERE job_id = $1', [jobId]);
    await db.query(`UPDATE pgboss.job SET started_on = now() - interval '1 minute' WHERE id = $1`, [jobId]);
    const healthy = await startHealthyProcess(30);
    expect((await healthy.liveness.reap()).jobsRetried).toBe(1);
    await waitFor(async () => healthy.handled.includes(jobId), 20, 'the retried job to run');
  });

  it("a dead process's event-consumer leases are given back at once, not when they run out", async () => {
    await db.query(
      `INSERT INTO worker_processes (id, role, hostname, pid, heartbeat_at) VALUES ('gone', 'worker', 'here', 1, now() - interval '1 minute')`,
    );
    await db.query(
      `INSERT INTO event_consumers (name, last_event_id, leased_by, leased_until) VALUES ('analysis-enqueue', 0, 'gone', now() + interval '60 seconds')`,
    );
    const healthy = await startHealthyProcess(30);
    expect((await healthy.liveness.reap()).deadProcesses).toBe(1);
    const lease = await db.query<{ leased_by: string | null }>(
      `SELECT leased_by FROM event_consumers WHERE name = 'analysis-enqueue'`,
    );
    expect(lease.rows[0]!.leased_by).toBeNull();
  });

  it('with an exclusive database (PGlite) every other process is dead at once, and so are runs nobody holds', async () => {
    await db.query(
      `INSERT INTO worker_processes (id, role, hostname, pid) VALUES ('earlier', 'cli', 'here', 1)`,
    );
    const runId = await createSyncStateRepository(db).startRun(repoId, null, 'earlier');
    const orphan = await createSyncStateRepository(db).startRun(repoId, null, null);
    const liveness = await startProcessLiveness(db, { role: 'server', exclusive: true });
    stops.push(() => liveness.stop());
    const runs = await db.query<{ id: number; status: string }>(
      'SELECT id, status FROM sync_runs WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[runId, orphan]],
    );
    expect(runs.rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    const rows = await db.query<{ id: string }>('SELECT id FROM worker_processes');
    expect(rows.rows.map((r) => r.id)).toEqual([liveness.workerId]);
  });
});
