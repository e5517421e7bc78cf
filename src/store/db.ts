import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { mkdir } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The one SQL surface Loupe's repositories use. Both engines speak the PostgreSQL dialect; this
 * interface hides only how a connection is held. Rows come back with the same JS types on both:
 * int8 as number (ids stay below 2^53), timestamps as ISO-8601 strings.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs several statements with no parameters (migrations, maintenance). */
  exec(text: string): Promise<void>;
}

export interface Database extends SqlClient {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** What pg-boss needs to run its queue on this same database (see jobs/job-queue.ts). */
  readonly bossOptions:
    | { db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } }
    | { connectionString: string };
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` (sent by any process, delivered
   * after its transaction commits); returns the function that stops listening. On PostgreSQL one
   * dedicated connection carries every channel and is reopened after it drops; notifications sent
   * while it was down are lost, so listeners also poll (jobs/event-dispatcher.ts).
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  { engine: 'pglite'; dataDir: string | null } | { engine: 'postgres'; url: string; poolSize?: number };

const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const pgTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ);
const toIso = (value: string): string => (pgTimestamptz(value) as Date).toISOString();
const toIsoUtc = (value: string): string => toIso(`${value}+00`);

/** Opens the embedded PGlite (dataDir null = in memory) or a PostgreSQL pool. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.engine === 'pglite'
    ? openPglite(target.dataDir)
    : openPostgres(target.url, target.poolSize ?? 10);
}

/**
 * `db` for background work (jobs, event consumers) in a process that also answers HTTP requests.
 * PGlite runs each statement synchronously in this thread and settles its promise as a microtask, so
 * code that awaits nothing but PGlite never returns to the event loop: a sync or an analysis held
 * every request and timer until it finished (up to 30 s in the first demo load). Here every statement
 * and transaction first waits for the event loop's next turn (after pending I/O), so requests are
 * answered between a job's statements. A transaction still runs in one go, so keep it short. On
 * PostgreSQL statements go over the network and yield anyway: `db` is returned as it is.
 */
export function yieldingDatabase(db: Database): Database {
  if (db.engine !== 'pglite') return db;
  return {
    ...db,
    async query<Row>(text: string, params?: unknown[]) {
      await nextTurn();
      return db.query<Row>(text, params);
    },
    async exec(text: string) {
      await nextTurn();
      return db.exec(text);
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>) {
      await nextTurn();
      return db.transaction(fn);
    },
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const parsers = { [INT8]: Number, [TIMESTAMPTZ]: toIso, [TIMESTAMP]: toIsoUtc };
  const lite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm }, parsers });
  // PGlite's pages live in this process's memory or page cache: a random read costs about what a
  // sequential one does. With the default 4.0 the planner scans every row to test a full-text match
  // instead of using the GIN index.
  await lite.exec('SET random_page_cost = 1.1');
  const wrap = (client: PGlite | Transaction): SqlClient => ({
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await client.query<Row>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await client.exec(text);
    },
  });
  return {
    engine: 'pglite',
    ...wrap(lite),
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    bossOptions: {
      db: {
        // pg-boss sends parameterless multi-statement scripts (migrations, maintenance): those must go
        // through exec, which PGlite runs as a simple-protocol batch.
        async executeSql(text: string, values?: unknown[]) {
          if (values && values.length > 0) return { rows: (await lite.query(text, values)).rows };
          const results = await lite.exec(text);
          const last = [...results].reverse().find((r) => r.fields.length > 0);
          return { rows: last?.rows ?? [] };
        },
      },
    },
    listen: async (channel, onNotify) => {
      const unlisten = await lite.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => lite.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return Number;
      if (oid === TIMESTAMPTZ) return toIso;
      if (oid === TIMESTAMP) return toIsoUtc;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, options: '-c TimeZone=UTC' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  await pool.query('SELECT 1');
  const listener = createPostgresListener(url);
  const wrap = (client: pg.Pool | pg.PoolClient): SqlClient => ({
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await client.query(text, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    bossOptions: { connectionString: url },
    listen: (channel, onNotify) => listener.listen(channel, onNotify),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * LISTEN on PostgreSQL: a pooled connection cannot hold a LISTEN, so one client of its own is
 * opened on first use, carries every channel, and is reopened (with its LISTENs) after it drops.
 */
function createPostgresListener(url: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      next.on('error', () => {
        // The connection dropped: forget it and reopen it shortly, with every channel.
        if (client === next) client = null;
        next.end().catch(() => undefined);
        if (!closed && handlers.size > 0 && !retry) {
          retry = setTimeout(() => {
            retry = null;
            connect().catch(() => undefined);
          }, 1000);
          retry.unref();
        }
      });
      await next.connect();
      for (const channel of handlers.keys()) await next.query(`LISTEN ${quote(channel)}`);
      client = next;
      return next;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
      const isNew = !handlers.has(channel);
      const set = handlers.get(channel) ?? new Set();
      set.add(onNotify);
      handlers.set(channel, set);
      const current = client ?? (await connect());
      if (isNew && current === client) await current.query(`LISTEN ${quote(channel)}`);
      return async () => {
        set.delete(onNotify);
        if (set.size > 0) return;
        handlers.delete(channel);
        await client?.query(`UNLISTEN ${quote(channel)}`).catch(() => undefined);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      handlers.clear();
      const open = client ?? (connecting ? await connecting.catch(() => null) : null);
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
