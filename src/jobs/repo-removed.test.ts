/**
 * Sync and analysis jobs of a repository removed before or while they run: they complete with a log
 * line, write nothing (no issue, analysis, run record or event of it), and are not retried.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import { waitFor } from '../../test/wait-for.ts';
import type { Issue } from '../core/issue.ts';
import { LlmError, type LlmProvider } from '../guidance/providers/llm-provider.ts';
import { createReposService } from '../services/repos.service.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import { READ_ONLY, type ChangePage, type Source } from '../sources/source.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createJobRepository } from '../store/job.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { analyzeRepoJob } from './analyze-repo.job.ts';
import type { JobContext } from './job-definition.ts';
import { startJobQueue } from './job-queue.ts';
import { syncRepoJob } from './sync-repo.job.ts';

const makeIssue = (number: number): Issue =>
  testIssue(
    number,
    {
      externalId: `w${number}`,
      title: `Widget ${number} crashes on start`,
      body: 'TypeError at start',
      createdAt: `2024-01-0${number}T00:00:00.000Z`,
      updatedAt: `2024-02-0${number}T00:00:00.000Z`,
    },
    'acme/widgets',
  );

const page = (numbers: number[], complete: boolean): ChangePage => ({
  kind: 'changes',
  items: numbers.map((n) => ({ type: 'issue' as const, issue: makeIssue(n) })),
  cursor: { page: numbers[0] },
  complete,
  requests: 1,
});

/** A source with one stream of two pages; `between` runs after the first page was handed over. */
function twoPageSource(between: () => Promise<void>): SourceRegistry {
  const source: Source = {
    kind: 'github',
    streams: [{ name: 'issues', read: 'always' }],
    capabilities: READ_ONLY,
    describeContainer: () => Promise.reject(new Error('not asked')),
    async *listChanges() {
      yield page([1, 2], false);
      await between();
      yield page([3], true);
    },
    fetchItem: async () => null,
  };
  return { get: () => source, kinds: () => ['github'] };
}

describe('jobs of a removed repository', () => {
  let db: Database;
  let repoId: number;
  let logs: string[];

  const remove = (id: number) =>
    createReposService({
      db,
      sources: {
        get: () => {
          throw new Error('not asked');
        },
      },
      githubApiUrl: 'http://127.0.0.1:1',
    }).remove(1, id);
  const context = (sources: SourceRegistry, llm: LlmProvider | null = null): JobContext => ({
    db,
    sources,
    llm,
    jobId: 'job-1',
    log: (m) => logs.push(m),
    enqueue: () => Promise.resolve(null),
  });
  const count = async (sql: string, params: unknown[]) =>
    Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);
  /** What the repository has in the store, and the events about it after the removal's. */
  async function traces(id: number) {
    const events = (await createEventRepository(db).list({ after: 0, limit: 1000 })).events.filter(
      (e) => e.repoId === id,
    );
    const removal = events.findIndex((e) => e.type === 'container.removed');
    return {
      repositories: await count('SELECT count(*) AS n FROM repositories WHERE id = $1', [id]),
      issues: await count('SELECT count(*) AS n FROM issues WHERE repo_id = $1', [id]),
      analyses: await count(
        'SELECT count(*) AS n FROM issue_analysis a JOIN issues i ON i.id = a.issue_id WHERE i.repo_id = $1',
        [id],
      ),
      syncRuns: await count('SELECT count(*) AS n FROM sync_runs WHERE repo_id = $1', [id]),
      cursors: await count('SELECT count(*) AS n FROM sync_cursors WHERE repo_id = $1', [id]),
      removed: removal >= 0,
      eventsAfterRemoval: removal >= 0 ? events.slice(removal + 1).map((e) => e.type) : [],
    };
  }
  const nothingLeft = {
    repositories: 0,
    issues: 0,
    analyses: 0,
    syncRuns: 0,
    cursors: 0,
    removed: true,
    eventsAfterRemoval: [],
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());
  beforeEach(async () => {
    logs = [];
    repoId = (
      await createRepoRepository(db).add({
        owner: 'acme',
        name: `widgets-${Date.now()}`,
        apiUrl: 'http://127.0.0.1:1',
      })
    ).repo.id;
  });

  it('a sync job whose repository was removed while it waited completes with a log line and writes nothing', async () => {
    await remove(repoId);
    await syncRepoJob.handler({ repoId }, context(twoPageSource(async () => undefined)));
    expect(logs).toEqual([`repository ${repoId} was removed; its sync ends without writing anything`]);
    expect(await traces(repoId)).toEqual(nothingLeft);
  });

  it('a sync job whose repository is removed between two pages completes; the later page is not stored', async () => {
    await syncRepoJob.handler({ repoId }, context(twoPageSource(() => remove(repoId).then(() => undefined))));
    expect(logs).toEqual([`repository ${repoId} was removed; its sync ends without writing anything`]);
    // Without the removal, the same job stores all three issues (the source is not what stops it).
    expect(await traces(repoId)).toEqual(nothingLeft);
  });

  it('the same sync job stores every page when nothing is removed (control)', async () => {
    await syncRepoJob.handler({ repoId }, context(twoPageSource(async () => undefined)));
    expect(logs).toEqual([`synced repository ${repoId}: 3 issues, 0 comments`]);
    expect(await traces(repoId)).toMatchObject({ repositories: 1, issues: 3, syncRuns: 1, removed: false });
  });

  it('an analysis job whose repository was removed while it waited completes with a log line', async () => {
    await createIssueRepository(db).upsertIssues(repoId, [makeIssue(1)]);
    await remove(repoId);
    await analyzeRepoJob.handler({ repoId }, context(twoPageSource(async () => undefined)));
    expect(logs).toEqual([`repository ${repoId} was removed; its analysis ends without writing anything`]);
    expect(await traces(repoId)).toEqual(nothingLeft);
  });

  it('an analysis job whose repository is removed while it analyses completes; its batch is not stored', async () => {
    await createIssueRepository(db).upsertIssues(repoId, [1, 2, 3].map(makeIssue));
    // The LLM second opinion is asked per issue, outside the batch's transaction: the removal lands there.
    let asked = 0;
    const llm: LlmProvider = {
      name: 'test',
      model: 'removes-the-repository',
      async completeJson() {
        if (asked++ === 0) await remove(repoId);
        throw new LlmError('LLM_UNAVAILABLE', 'no opinion');
      },
    };
    await analyzeRepoJob.handler(
      { repoId },
      context(
        twoPageSource(async () => undefined),
        llm,
      ),
    );
    expect(asked).toBeGreaterThan(0);
    expect(logs).toEqual([`repository ${repoId} was removed; its analysis ends without writing anything`]);
    expect(await traces(repoId)).toEqual(nothingLeft);
  });

  it('through the job queue, a sync job of a removed repository ends completed, not failed or retried', async () => {
    const queue = await startJobQueue(db);
    try {
      await remove(repoId);
      await queue.work('sync-repo', (payload, { id }) =>
        syncRepoJob.handler(payload, { ...context(twoPageSource(async () => undefined)), jobId: id }),
      );
      const jobId = (await queue.enqueue('sync-repo', { repoId }))!;
      const job = await waitFor(
        async () =>
          (await createJobRepository(db).recent({ queues: ['sync-repo'], limit: 10 })).find(
            (j) => j.id === jobId && j.state !== 'created' && j.state !== 'active',
          ),
        30,
        'the job to end',
      );
      expect(job).toMatchObject({ state: 'completed', retryCount: 0 });
      expect(logs).toEqual([`repository ${repoId} was removed; its sync ends without writing anything`]);
    } finally {
      await queue.stop();
    }
  });
});
