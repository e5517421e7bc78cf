import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClonesService } from '../src/services/clones.service.ts';
import { DEFAULT_WORKSPACE_ID } from '../src/store/access.repository.ts';
import type { Database } from '../src/store/db.ts';
import { createRepoRepository } from '../src/store/repo.repository.ts';
import { createGitFixture, type GitFixture } from './git-fixture.ts';
import { openTestDatabase } from './test-database.ts';

/** A test store with octo/client cloned from a tiny real git repository, and octo/plain without a clone. */
export interface ClonedRepositoryStore {
  db: Database;
  fixture: GitFixture;
  clonedId: number;
  plainId: number;
  close(): Promise<void>;
}

export async function openClonedRepositoryStore(prefix: string): Promise<ClonedRepositoryStore> {
  const db = await openTestDatabase();
  const fixture = await createGitFixture();
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  const repos = createRepoRepository(db);
  const clonedId = (await repos.add({ owner: 'octo', name: 'client', apiUrl: 'http://127.0.0.1:1' })).repo.id;
  const plainId = (await repos.add({ owner: 'octo', name: 'plain', apiUrl: 'http://127.0.0.1:1' })).repo.id;
  await createClonesService({ db, cloneRoot: root }).clone(DEFAULT_WORKSPACE_ID, 'octo/client', {
    from: fixture.dir,
  });
  return {
    db,
    fixture,
    clonedId,
    plainId,
    async close() {
      await db.close();
      await rm(root, { recursive: true, force: true });
      await rm(fixture.dir, { recursive: true, force: true });
    },
  };
}
