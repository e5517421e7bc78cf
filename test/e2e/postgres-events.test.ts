import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeEvent } from '../../src/core/event.ts';
import { startEventDispatcher, type EventDispatcher } from '../../src/jobs/event-dispatcher.ts';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createRepoRepository } from '../../src/store/repo.repository.ts';
import { createScratchPostgresDatabase } from '../scratch-postgres.ts';

const WRITER = fileURLToPath(new URL('./event-writer.script.ts', import.meta.url));
const onPostgres = process.env.LOUPE_TEST_ENGINE === 'postgres' && Boolean(process.env.DATABASE_URL);

/** Runs the writer script in a child process; resolves with what it printed. */
function writeInAnotherProcess(
  url: string,
  repoId: number,
  number: number,
): Promise<{ lastEventId: number; committedAt: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, url, String(repoId), String(number)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`writer exited with ${code}: ${err}`));
      resolve({
        ...(JSON.parse(out.trim()) as { lastEventId: number; committedAt: number }),
        pid: child.pid!,
      });
    });
  });
}

describe.skipIf(!onPostgres)('events across processes on PostgreSQL (NOTIFY after commit)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>> | undefined;
  let db: Database;
  let dispatcher: EventDispatcher | undefined;
  let repoId: number;
  const seen: { event: LoupeEvent; at: number }[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase(process.env.DATABASE_URL!, `loupe_events_${process.pid}`);
    db = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 3 });
    await migrate(db);
    repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    // Polling is set to 10 minutes: only the NOTIFY can wake this subscriber within the test.
    dispatcher = await startEventDispatcher(
      db,
      [
        {
          name: 'cross-process-probe',
          types: ['item.created'],
          from: 'latest',
          handle: async (events) => void seen.push(...events.map((event) => ({ event, at: Date.now() }))),
        },
      ],
      { holder: `test-${process.pid}`, pollSeconds: 600 },
    );
    await dispatcher.drain();
  }, 60_000);
  afterAll(async () => {
    await dispatcher?.stop();
    await db?.close();
    await scratch?.drop();
  });

  it('an item written by another process reaches a subscriber here within 1 s of its commit', async () => {
    for (const number of [101, 102]) {
      const written = await writeInAnotherProcess(scratch!.url, repoId, number);
      expect(written.pid).not.toBe(process.pid);
      const deadline = Date.now() + 10_000;
      while (!seen.some((s) => s.event.id === written.lastEventId) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const delivered = seen.find((s) => s.event.id === written.lastEventId);
      expect(delivered?.event).toMatchObject({
        type: 'item.created',
        repoId,
        payload: { number, origin: 'webhook' },
      });
      const latencyMs = delivered!.at - written.committedAt;
      console.log(
        `event ${written.lastEventId} written by pid ${written.pid}, seen by pid ${process.pid} ${latencyMs} ms after commit`,
      );
      expect(latencyMs).toBeLessThan(1000);
    }
  });
});
