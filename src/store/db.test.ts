import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, yieldingDatabase, type Database } from './db.ts';

describe('yieldingDatabase (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ engine: 'pglite', dataDir: null });
  });
  afterAll(async () => db.close());

  /** Counts turns of the event loop until stopped. */
  function countTurns() {
    let turns = 0;
    let handle = setImmediate(function tick() {
      turns++;
      handle = setImmediate(tick);
    });
    return { turns: () => turns, stop: () => clearImmediate(handle) };
  }

  // PGlite settles its promises as microtasks: a loop of statements alone never lets the event loop
  // (a timer, an HTTP request) run before it ends. That is why background work uses the wrapper.
  it('lets the event loop run between statements and before each transaction, where PGlite alone does not', async () => {
    const counter = countTurns();
    try {
      for (let i = 0; i < 20; i++) await db.query('SELECT $1::int AS n', [i]);
      expect(counter.turns()).toBe(0);
      const background = yieldingDatabase(db);
      for (let i = 0; i < 20; i++) await background.query('SELECT $1::int AS n', [i]);
      const afterQueries = counter.turns();
      for (let i = 0; i < 5; i++) await background.transaction(async (tx) => tx.query('SELECT 1'));
      expect(afterQueries).toBeGreaterThanOrEqual(20);
      expect(counter.turns()).toBeGreaterThanOrEqual(afterQueries + 5);
    } finally {
      counter.stop();
    }
  });

  it('answers like the database it wraps', async () => {
    const background = yieldingDatabase(db);
    expect(background.engine).toBe('pglite');
    expect((await background.query<{ n: number }>('SELECT 41 + $1::int AS n', [1])).rows).toEqual([
      { n: 42 },
    ]);
    await expect(
      background.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE t (x int)');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(background.query('SELECT * FROM t')).rejects.toThrow();
  });
});
