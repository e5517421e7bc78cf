import type { SqlClient } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';

/**
 * Whether the repository a job names is gone (removed while the job waited or ran). Such a job ends
 * with a log line: a retry could never succeed, and every write it tried failed its foreign key, so
 * it brought nothing back.
 */
export async function isRepoRemoved(db: SqlClient, repoId: number): Promise<boolean> {
  return (await createRepoRepository(db).findById(repoId)) === null;
}
