import { existsSync } from 'node:fs';
import path from 'node:path';
import { sharedDataDir } from './nlbse-data.ts';

/** ../shared/data/gitbugs (Jira duplicate pairs), or null when absent. Read with src/sources/files. */
export function gitbugsDir(): string | null {
  const dir = path.join(sharedDataDir, 'gitbugs');
  return existsSync(dir) ? dir : null;
}
