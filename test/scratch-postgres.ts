import pg from 'pg';
import { openDatabase, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';

/**
 * Creates a fresh database on the PostgreSQL server of `adminUrl` and returns its URL and a function
 * that drops it (with FORCE, so a leaked connection cannot keep it alive). For tests and benches.
 */
export async function createScratchPostgresDatabase(
  adminUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A migrated Database on a fresh scratch database; closing it also drops the database. */
export async function openScratchPostgres(adminUrl: string, name: string, poolSize = 10): Promise<Database> {
  const scratch = await createScratchPostgresDatabase(adminUrl, name);
  const db = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}
