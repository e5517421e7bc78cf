import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { LoupeEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createEventsService } from './events.service.ts';

describe('following events', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
    await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' });
  });
  afterAll(async () => db?.close());

  it('reads the outbox once per period while commits come faster, and loses none of them', async () => {
    const stop = new AbortController();
    const batches: LoupeEvent[][] = [];
    const follow = await createEventsService({ db }).follow(1, {
      after: null,
      signal: stop.signal,
      minIntervalMs: 400,
      pollMs: 60_000,
    });
    const reading = (async () => {
      for await (const batch of follow) batches.push(batch);
    })();
    for (let number = 1; number <= 10; number++) {
      await db.transaction((tx) =>
        createEventRepository(tx).append([
          { type: 'item.created', repoId: 1, payload: { key: `#${number}`, number, origin: 'sync' } },
        ]),
      );
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const all = () => batches.flat().map((e) => (e.payload as { number?: number }).number);
    for (let waited = 0; all().length < 10 && waited < 5000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await reading;
    expect(all()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Ten commits over about 400 ms: a read per NOTIFY would make up to ten batches.
    expect(batches.length).toBeLessThanOrEqual(3);
  });
});
