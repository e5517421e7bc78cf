import { openDatabase, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openScratchPostgres } from './scratch-postgres.ts';

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
  if (!adminUrl)
    throw new Error(
      'LOUPE_TEST_ENGINE=postgres needs DATABASE_URL (a server where the user may CREATE DATABASE)',
    );
  return openScratchPostgres(
    adminUrl,
    `loupe_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`,
    5,
  );
}
