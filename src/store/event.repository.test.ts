import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { NewEvent } from '../core/event.ts';
import type { Database } from './db.ts';
import { createEventRepository, EVENTS_CHANNEL } from './event.repository.ts';

const changed = (number: number, repoId = 1): NewEvent => ({
  type: 'item.changed',
  repoId,
  payload: { key: `#${number}`, number, origin: 'sync' },
});

describe('event outbox', () => {
  let db: Database;
  const events = () => createEventRepository(db);

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  beforeEach(async () => {
    await db.exec('DELETE FROM events; DELETE FROM event_consumers;');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('appends a batch in order, filters by type, and reports the head of the same read', async () => {
    const last = await db.transaction((tx) =>
      createEventRepository(tx).append([
        changed(1),
        { type: 'sync.started', repoId: 1, payload: { runId: 7, jobId: null } },
        changed(2),
      ]),
    );
    const all = await events().list({ after: 0, limit: 10 });
    expect(all.events.map((e) => e.type)).toEqual(['item.changed', 'sync.started', 'item.changed']);
    expect(all.events.at(-1)!.id).toBe(last);
    expect(all.head).toBe(last);
    expect(all.events[0]).toMatchObject({
      repoId: 1,
      payload: { key: '#1', number: 1, origin: 'sync' },
      createdAt: expect.stringMatching(/Z$/),
    });
    const items = await events().list({ after: 0, limit: 10, types: ['item.changed'] });
    expect(items.events.map((e) => (e.payload as { number: number }).number)).toEqual([1, 2]);
    expect((await events().list({ after: last!, limit: 10 })).events).toEqual([]);
  });

  it('an append rolled back with its transaction leaves no event', async () => {
    await expect(
      db.transaction(async (tx) => {
        await createEventRepository(tx).append([changed(1)]);
        throw new Error('the page write failed');
      }),
    ).rejects.toThrow('the page write failed');
    expect((await events().list({ after: 0, limit: 10 })).events).toEqual([]);
  });

  it('NOTIFYs the last id of each append after commit', async () => {
    const heard: string[] = [];
    const unlisten = await db.listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    const last = await db.transaction((tx) => createEventRepository(tx).append([changed(1), changed(2)]));
    const deadline = Date.now() + 5000;
    while (heard.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await unlisten();
    expect(heard).toEqual([String(last)]);
  });

  it('a consumer lease admits one holder at a time; the cursor only moves for the holder', async () => {
    await db.transaction((tx) => createEventRepository(tx).append([changed(1)]));
    expect(await events().claimConsumer('c', 'process-a', 'earliest')).toBe(0);
    expect(await events().claimConsumer('c', 'process-b', 'earliest')).toBeNull();
    expect(await events().advanceConsumer('c', 'process-b', 5)).toBe(false);
    expect(await events().advanceConsumer('c', 'process-a', 5)).toBe(true);
    // A lease whose holder stopped renewing it runs out, and another process carries on from the cursor.
    await db.query(`UPDATE event_consumers SET leased_until = now() - interval '1 second' WHERE name = 'c'`);
    expect(await events().claimConsumer('c', 'process-b', 'earliest')).toBe(5);
    await events().releaseConsumer('c', 'process-b');
    expect(await events().claimConsumer('c', 'process-a', 'earliest')).toBe(5);
  });

  it('a new consumer starts at the head with from: latest', async () => {
    const last = await db.transaction((tx) => createEventRepository(tx).append([changed(1), changed(2)]));
    expect(await events().claimConsumer('late', 'p', 'latest')).toBe(last);
  });

  it('prunes by age and by row count, in bounded batches', async () => {
    await db.transaction((tx) => createEventRepository(tx).append([1, 2, 3, 4, 5].map((n) => changed(n))));
    const ids = (await events().list({ after: 0, limit: 10 })).events.map((e) => e.id);
    await db.query(`UPDATE events SET created_at = now() - interval '8 days' WHERE id = $1`, [ids[0]]);
    expect(await events().prune({ maxAgeDays: 7, maxRows: 100, batch: 100 })).toBe(1);
    // Keep the newest 2: of the 4 left, 2 go, one per batch.
    expect(await events().prune({ maxAgeDays: 7, maxRows: 2, batch: 1 })).toBe(1);
    expect(await events().prune({ maxAgeDays: 7, maxRows: 2, batch: 1 })).toBe(1);
    expect(await events().prune({ maxAgeDays: 7, maxRows: 2, batch: 1 })).toBe(0);
    expect((await events().list({ after: 0, limit: 10 })).events.map((e) => e.id)).toEqual(ids.slice(3));
    expect(await events().oldestId()).toBe(ids[3]);
  });
});
