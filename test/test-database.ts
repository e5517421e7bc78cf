import { openDatabase, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { createScratchPostgresDatabase } from './scratch-postgres.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with
 * LOUPE_TEST_ENGINE=postgres, a new database on the server named by DATABASE_URL (dropped on close).
 */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.LOUPE_TEST_ENGINE !== 'postgres') {
    const db = await openDatabase({ engine: 'pglite', dataDir: null });
    await migrate(db);
    return db;
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('LOUPE_TEST_ENGINE=postgres needs DATABASE_URL (a server where the user may CREATE DATABASE)');
  const scratch = await createScratchPostgresDatabase(adminUrl, `loupe_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
  const db = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 5 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

/** A database target for code that opens its own connection (pg-boss, the server). */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.LOUPE_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}
