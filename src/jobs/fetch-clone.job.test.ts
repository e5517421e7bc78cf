import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openClonedRepositoryStore,
  type ClonedRepositoryStore,
} from '../../test/cloned-repository.fixture.ts';
import type { GitFixture } from '../../test/git-fixture.ts';
import type { LoupeEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { cloneFetchConsumer } from './event-consumers.ts';
import { fetchCloneJob } from './fetch-clone.job.ts';
import type { JobContext } from './job-definition.ts';

let store: ClonedRepositoryStore;
let db: Database;
let fixture: GitFixture;
let cloned: number;
let plain: number;

beforeAll(async () => {
  store = await openClonedRepositoryStore('loupe-fetch-');
  ({ db, fixture, clonedId: cloned, plainId: plain } = store);
});
afterAll(async () => store?.close());

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
