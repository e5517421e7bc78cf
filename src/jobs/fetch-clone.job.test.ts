import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitFixture, type GitFixture } from '../../test/git-fixture.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import type { LoupeEvent } from '../core/event.ts';
import { createClonesService } from '../services/clones.service.ts';
import { DEFAULT_WORKSPACE_ID } from '../store/access.repository.ts';
import type { Database } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { cloneFetchConsumer } from './event-consumers.ts';
import { fetchCloneJob } from './fetch-clone.job.ts';
import type { JobContext } from './job-definition.ts';

let db: Database;
let fixture: GitFixture;
let root: string;
let cloned: number;
let plain: number;

beforeAll(async () => {
  db = await openTestDatabase();
  fixture = await createGitFixture();
  root = await mkdtemp(path.join(tmpdir(), 'loupe-fetch-'));
  const repos = createRepoRepository(db);
  cloned = (await repos.add({ owner: 'octo', name: 'client', apiUrl: 'http://127.0.0.1:1' })).repo.id;
  plain = (await repos.add({ owner: 'octo', name: 'plain', apiUrl: 'http://127.0.0.1:1' })).repo.id;
  await createClonesService({ db, cloneRoot: root }).clone(DEFAULT_WORKSPACE_ID, 'octo/client', {
    from: fixture.dir,
  });
});
afterAll(async () => {
  await db.close();
  await rm(root, { recursive: true, force: true });
  await rm(fixture.dir, { recursive: true, force: true });
});

function context(enqueued: [string, unknown][]): JobContext {
  return {
    db,
    jobId: 'j1',
    sources: { get: () => undefined as never, kinds: () => [] },
    llm: null,
    log: () => undefined,
    enqueue: async (name, payload) => {
      enqueued.push([name, payload]);
      return 'id';
    },
  };
}

const syncFinished = (id: number, repoId: number): LoupeEvent => ({
  id,
  type: 'sync.finished',
  repoId,
  createdAt: '2025-01-01T00:00:00Z',
  payload: {
    runId: 1,
    upToDate: true,
    startedAt: '2025-01-01T00:00:00Z',
    issuesSynced: 0,
    commentsSynced: 0,
    requests: 1,
    notModified: 1,
  },
});

describe('clone fetching', () => {
  it('is queued after each sync of a repository with a clone, only for those', async () => {
    const enqueued: [string, unknown][] = [];
    await cloneFetchConsumer({ db, enqueue: context(enqueued).enqueue }).handle([
      syncFinished(1, cloned),
      syncFinished(2, plain),
      syncFinished(3, cloned),
    ]);
    expect(enqueued).toEqual([['fetch-clone', { repoId: cloned }]]);
  });

  it('fetch-clone queues the analysis only when the head moved', async () => {
    const enqueued: [string, unknown][] = [];
    await fetchCloneJob.handler({ repoId: cloned }, context(enqueued));
    expect(enqueued).toEqual([]);
    await writeFile(path.join(fixture.dir, 'NEWS.md'), 'news\n');
    execFileSync('git', ['add', '-A'], { cwd: fixture.dir });
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-qm', 'News'], {
      cwd: fixture.dir,
    });
    await fetchCloneJob.handler({ repoId: cloned }, context(enqueued));
    expect(enqueued).toEqual([['analyze-repo', { repoId: cloned }]]);
    await fetchCloneJob.handler({ repoId: plain }, context(enqueued));
    expect(enqueued).toHaveLength(1);
  });
});
