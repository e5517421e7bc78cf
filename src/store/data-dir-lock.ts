import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { LoupeError } from '../core/errors.ts';

/**
 * PGlite is one process's database: two processes opening the same data directory would corrupt
 * it. A pid file guards it; a lock left by a dead process (SIGKILL, crash) is taken over.
 */
export async function lockDataDir(dataDir: string, purpose: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'loupe.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new LoupeError(
          'INVALID_INPUT',
          `The data directory ${dataDir} is in use by another Loupe process (pid ${holder.pid}, ${holder.purpose}). ` +
            'Stop it first, use its web UI/API (e.g. POST /api/repos), or run Loupe on PostgreSQL (DATABASE_URL) to share one database between processes.',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${file}`);
}

async function readHolder(file: string): Promise<{ pid: number; purpose: string } | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { pid: number; purpose: string };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
