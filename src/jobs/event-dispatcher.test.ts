import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { LoupeEvent, NewEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { startEventDispatcher, type EventConsumer, type EventDispatcher } from './event-dispatcher.ts';

const changed = (number: number): NewEvent => ({
  type: 'item.changed',
  repoId: 1,
  payload: { key: `#${number}`, number, origin: 'webhook' },
});
const numbers = (events: LoupeEvent[]) =>
  events.map((e) => (e.payload as { number?: number }).number ?? e.type);

async function waitFor(probe: () => boolean, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe('event dispatcher: durable consumers', () => {
  let db: Database;
  const running: EventDispatcher[] = [];
  const append = (events: NewEvent[]) => db.transaction((tx) => createEventRepository(tx).append(events));
  const recorder = (
    name: string,
    seen: LoupeEvent[],
    options: Partial<EventConsumer> = {},
  ): EventConsumer => ({
    name,
    types: ['item.changed'],
    from: 'earliest',
    handle: async (events) => void seen.push(...events),
    ...options,
  });
  const start = async (consumers: EventConsumer[], holder: string, pollSeconds = 60) => {
    const dispatcher = await startEventDispatcher(db, consumers, { holder, pollSeconds });
    running.push(dispatcher);
    return dispatcher;
  };

  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    for (const d of running.splice(0)) await d.stop();
    await db.close();
  });

  it('a NOTIFY wakes a consumer at once (no poll for 60 s), with events of its types only', async () => {
    const seen: LoupeEvent[] = [];
    await start([recorder('live', seen)], 'p1');
    await append([
      changed(1),
      { type: 'sync.started', repoId: 1, payload: { runId: 1, jobId: null } },
      changed(2),
    ]);
    const ms = await waitFor(() => seen.length >= 2, 5000, 'the consumer to see both item events');
    expect(numbers(seen)).toEqual([1, 2]);
    expect(ms).toBeLessThan(1000);
  });

  it('a consumer that was down catches up from its cursor, and is not handed what it already had', async () => {
    const seen: LoupeEvent[] = [];
    const first = await start([recorder('catch-up', seen)], 'p1');
    await append([changed(1)]);
    await first.drain();
    await first.stop();
    running.splice(running.indexOf(first), 1);
    await append([changed(2), changed(3)]);
    const second = await start([recorder('catch-up', seen, { batchSize: 1 })], 'p2');
    await second.drain();
    expect(numbers(seen)).toEqual([1, 2, 3]);
  });

  it('a failing handler gets the same events again (at least once) and the cursor does not pass them', async () => {
    const seen: LoupeEvent[] = [];
    let failures = 1;
    const flaky = recorder('flaky', seen, {
      async handle(events) {
        if (failures-- > 0) throw new Error('downstream unavailable');
        seen.push(...events);
      },
    });
    const dispatcher = await start([flaky], 'p1');
    await append([changed(1), changed(2)]);
    await dispatcher.drain();
    await dispatcher.drain();
    expect(numbers(seen)).toEqual([1, 2]);
    const cursor = await db.query<{ last: number }>(
      `SELECT last_event_id AS last FROM event_consumers WHERE name = 'flaky'`,
    );
    expect(cursor.rows[0]!.last).toBe(seen.at(-1)!.id);
  });

  it('two processes running the same consumer do not both deliver it', async () => {
    const a: LoupeEvent[] = [];
    const b: LoupeEvent[] = [];
    const first = await start([recorder('single', a)], 'p1');
    const second = await start([recorder('single', b)], 'p2');
    await append([changed(1), changed(2)]);
    await first.drain();
    await second.drain();
    await waitFor(() => a.length + b.length >= 2, 5000, 'delivery');
    expect(a.length === 0 || b.length === 0).toBe(true);
    expect(numbers([...a, ...b])).toEqual([1, 2]);
  });
});
