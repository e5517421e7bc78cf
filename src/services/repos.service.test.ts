/**
 * Adding a repository asks its source first (against the bundled GitHub emulator, and a port nothing
 * listens on); removing one takes every row keyed by it, in one transaction with its event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedPort } from '../../test/refused-port.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Issue } from '../core/issue.ts';
import { CHECK_TIMEOUT_MS, createGitHubCheckClient } from '../sources/github/github-client.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.ts';
import { testDataset } from '../emulators/github/test-dataset.fixture.ts';
import { createSourceRegistry } from '../sources/source-registry.ts';
import { createAnalysisRepository } from '../store/analysis.repository.ts';
import type { Database } from '../store/db.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { createReposService } from './repos.service.ts';

const sourcesFor = (token: string | null) => {
  const client = (apiUrl: string) => createGitHubCheckClient({ token, apiUrl });
  return createSourceRegistry({ github: { clientFor: client, checkClientFor: client } });
};

async function rowCount(db: Database, table: string): Promise<number> {
  return Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
}

describe('adding a repository checks it with its source first', () => {
  let db: Database;
  let emulator: GitHubEmulator;
  const queued: number[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    emulator = await startGitHubEmulator({ dataset: testDataset(3) });
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.close();
  });

  const service = (options: { token?: string | null; apiUrl?: string } = {}) =>
    createReposService({
      db,
      sources: sourcesFor(options.token ?? null),
      enqueueSync: async (repoId, jobId) => {
        queued.push(repoId);
        return jobId;
      },
      githubApiUrl: options.apiUrl ?? emulator.url,
    });

  it('adds a repository the source knows, with its description, and queues its sync', async () => {
    const { repo, jobId } = await service().add(1, 'acme/widgets');
    expect(repo).toMatchObject({
      fullName: 'acme/widgets',
      description: 'Widgets',
      language: 'TypeScript',
      topics: ['widgets'],
      apiUrl: emulator.url,
    });
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(queued).toEqual([repo.id]);
    const runs = await db.query<{ status: string; job_id: string }>(
      'SELECT status, job_id FROM sync_runs WHERE repo_id = $1',
      [repo.id],
    );
    expect(runs.rows).toEqual([{ status: 'queued', job_id: jobId }]);
    await expect(service().add(1, 'ACME/Widgets')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('a sync job that starts before its enqueue returns takes its queued run; none is left queued', async () => {
    // A worker in-process or elsewhere may take the job the moment it exists.
    const racing = createReposService({
      db,
      sources: sourcesFor(null),
      enqueueSync: async (repoId, jobId) => {
        await createSyncStateRepository(db).startRun(repoId, jobId);
        return jobId;
      },
      githubApiUrl: emulator.url,
    });
    const [repo] = (await racing.list(1)).filter((r) => r.fullName === 'acme/widgets');
    const { jobId } = await racing.sync(1, repo!.id);
    const runs = await db.query<{ status: string }>('SELECT status FROM sync_runs WHERE job_id = $1', [
      jobId,
    ]);
    expect(runs.rows).toEqual([{ status: 'running' }]);
  });

  it('a sync already waiting records no second run; a failed enqueue leaves none', async () => {
    const waiting = createReposService({
      db,
      sources: sourcesFor(null),
      enqueueSync: async () => null,
      githubApiUrl: emulator.url,
    });
    const [repo] = (await waiting.list(1)).filter((r) => r.fullName === 'acme/widgets');
    const before = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_runs WHERE repo_id = $1',
      [repo!.id],
    );
    expect(await waiting.sync(1, repo!.id)).toEqual({ jobId: null, alreadyQueued: true });
    const failing = createReposService({
      db,
      sources: sourcesFor(null),
      enqueueSync: async () => {
        throw new Error('queue unavailable');
      },
      githubApiUrl: emulator.url,
    });
    await expect(failing.sync(1, repo!.id)).rejects.toThrow('queue unavailable');
    const after = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_runs WHERE repo_id = $1',
      [repo!.id],
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses a repository the source does not know with NOT_FOUND naming it, and stores nothing', async () => {
    const before = await rowCount(db, 'repositories');
    const error = await service()
      .add(1, 'acme/no-such-repo')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/acme\/no-such-repo was not found on 127\.0\.0\.1:\d+.*GITHUB_TOKEN/),
    });
    expect(await rowCount(db, 'repositories')).toBe(before);
  });

  it('says so when the source rejects the credentials', async () => {
    const strict = await startGitHubEmulator({
      dataset: testDataset(3),
      requireToken: true,
      tokens: ['right'],
    });
    try {
      const error = await service({ token: 'wrong', apiUrl: strict.url })
        .add(1, 'acme/widgets-two')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'SOURCE_AUTH_FAILED',
        message: expect.stringMatching(/401 Bad credentials.*GITHUB_TOKEN/),
      });
    } finally {
      await strict.close();
    }
  });

  it('says so when the token may not read the repository (403 that is no rate limit)', async () => {
    const forbidding = await startGitHubEmulator({
      dataset: testDataset(3),
      faults: [{ kind: 'status', status: 403, body: { message: 'Resource not accessible by integration' } }],
    });
    try {
      const error = await service({ token: 't', apiUrl: forbidding.url })
        .add(1, 'acme/widgets-three')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'SOURCE_ACCESS_DENIED',
        message: expect.stringMatching(/403 .*Resource not accessible by integration.*GITHUB_TOKEN/),
      });
    } finally {
      await forbidding.close();
    }
  });

  it('asks again after a passing 502 from GitHub, and adds the repository', async () => {
    const flaky = await startGitHubEmulator({
      dataset: testDataset(3),
      faults: [{ kind: 'status', status: 502, times: 2 }],
    });
    try {
      // Workspace 2: the first test already added acme/widgets to workspace 1.
      const { repo } = await service({ apiUrl: flaky.url }).add(2, 'acme/widgets');
      expect(repo.fullName).toBe('acme/widgets');
    } finally {
      await flaky.close();
    }
  });

  it('gives up on an API that does not answer after one timeout, and says so', async () => {
    const hanging = await startGitHubEmulator({ dataset: testDataset(3), faults: [{ kind: 'timeout' }] });
    try {
      const started = Date.now();
      const error = await service({ apiUrl: hanging.url })
        .add(1, 'acme/widgets-four')
        .catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(CHECK_TIMEOUT_MS + 2000);
      expect(error).toMatchObject({
        code: 'SOURCE_UNREACHABLE',
        message: expect.stringMatching(
          /Could not reach 127\.0\.0\.1:\d+ while reading acme\/widgets-four: no answer before the timeout/,
        ),
      });
    } finally {
      await hanging.close();
    }
  });

  it('fails within seconds, naming the host and the cause, when the API cannot be reached', async () => {
    const port = await refusedPort();
    const before = await rowCount(db, 'repositories');
    const started = Date.now();
    const error = await service({ apiUrl: `http://127.0.0.1:${port}` })
      .add(1, 'acme/gadgets')
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({
      code: 'SOURCE_UNREACHABLE',
      message: expect.stringMatching(
        new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} while reading acme/gadgets: .*ECONNREFUSED`),
      ),
      details: { host: `127.0.0.1:${port}` },
    });
    expect(await rowCount(db, 'repositories')).toBe(before);
  });
});

const makeIssue = (repo: string, number: number): Issue =>
  testIssue(
    number,
    {
      externalId: `${repo}#${number}`,
      title: `Parser crashes on input ${number}`,
      body: 'stack trace',
      isPullRequest: number === 3,
      commentsCount: 1,
      createdAt: `2024-01-0${number}T00:00:00.000Z`,
      updatedAt: `2024-02-0${number}T00:00:00.000Z`,
    },
    repo,
  );

const ANALYSIS = {
  type: 'bug',
  typeConfidence: 0.9,
  typeProbabilities: { bug: 0.9 },
  typeReasons: ['crash'],
  difficulty: 'easy' as const,
  gfiScore: 0.5,
  difficultyReasons: [],
  concepts: [],
};

/**
 * Tables that hold no row of any one repository (workspace-wide settings, the lexicon, webhook
 * delivery ids, processes and job leases, migrations, consumer cursors). Every other table must be
 * checked below: a new table fails this test until it is either keyed by repository (and checked) or
 * listed here with its reason.
 */
const NOT_KEYED_BY_REPOSITORY = [
  'api_tokens',
  'concept_extensions',
  'connections',
  'event_consumers',
  'sessions',
  'users',
  'workspace_members',
  'workspaces',
  'job_leases',
  'loupe_migrations',
  'search_terms',
  'webhook_deliveries',
  'worker_processes',
  'workspace_settings',
];

describe('removing a repository', () => {
  let db: Database;
  let removedId: number;
  let keptId: number;
  const issueIds: Record<'removed' | 'kept', number[]> = { removed: [], kept: [] };

  beforeAll(async () => {
    db = await openTestDatabase();
    const repos = createRepoRepository(db);
    const issues = createIssueRepository(db);
    const state = createSyncStateRepository(db);
    for (const [key, name] of [
      ['removed', 'parser'],
      ['kept', 'docs'],
    ] as const) {
      const { repo } = await repos.add({ owner: 'acme', name, apiUrl: 'http://127.0.0.1:1' });
      if (key === 'removed') removedId = repo.id;
      else keptId = repo.id;
      await issues.upsertIssues(
        repo.id,
        [1, 2, 3, 4].map((n) => makeIssue(repo.fullName, n)),
      );
      await issues.upsertComments(
        repo.id,
        [1, 2].map((n) => ({
          issueNumber: n,
          externalId: `${name}-c${n}`,
          author: 'bob',
          body: 'same here',
          createdAt: '2024-02-09T00:00:00.000Z',
          updatedAt: '2024-02-09T00:00:00.000Z',
        })),
      );
      // Tombstones: a deleted issue and a deleted comment.
      await issues.deleteIssues(repo.id, [4], { deletedAt: '2024-03-01T00:00:00.000Z', reason: 'deleted' });
      await issues.deleteComments(repo.id, [`${name}-c2`], { deletedAt: '2024-03-01T00:00:00.000Z' });
      await state.saveStream(repo.id, 'issues', {
        cursor: { since: '2024-02-03T00:00:00Z' },
        complete: true,
      });
      await state.markStale(repo.id, 'comments');
      const runId = await state.startRun(repo.id, 'job-1');
      await state.finishRun(runId, {
        status: 'succeeded',
        totals: { issuesSynced: 4, commentsSynced: 2, requests: 3, notModified: 0 },
      });
      await state.queueRun(repo.id, 'job-2');
      await createEventRepository(db).append([
        { type: 'sync.started', repoId: repo.id, payload: { runId, jobId: 'job-1' } },
      ]);
      for (const n of [1, 2, 3]) {
        const issue = (await issues.findByNumber(repo.id, n))!;
        issueIds[key].push(issue.id);
        await createAnalysisRepository(db).save(issue, 'v1', ANALYSIS);
      }
    }
    const duplicates = createDuplicateRepository(db);
    // Within each repository, and across them in both directions.
    await duplicates.suggest(issueIds.removed[1]!, [
      { otherId: issueIds.removed[0]!, score: 0.9, evidence: [] },
    ]);
    await duplicates.suggest(issueIds.kept[1]!, [{ otherId: issueIds.kept[0]!, score: 0.9, evidence: [] }]);
    await duplicates.suggest(issueIds.removed[2]!, [
      { otherId: issueIds.kept[2]!, score: 0.8, evidence: [] },
    ]);
    await duplicates.decide(issueIds.kept[2]!, issueIds.removed[0]!, 'confirmed', 'maintainer');
  });
  afterAll(async () => db?.close());

  const service = () =>
    createReposService({
      db,
      sources: {
        get: () => {
          throw new Error('removal asks no source');
        },
      },
      githubApiUrl: 'http://127.0.0.1:1',
    });

  /** Rows of every table that name the repository, or one of its issues. */
  async function rowsOf(repoId: number, ids: number[]): Promise<Record<string, number>> {
    const columns = (
      await db.query<{ table: string; column: string }>(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN ('repo_id', 'repository_id', 'issue_id', 'duplicate_of_id')`,
      )
    ).rows;
    const found: Record<string, number> = {};
    const [repoRow] = (
      await db.query<{ n: number }>('SELECT count(*) AS n FROM repositories WHERE id = $1', [repoId])
    ).rows;
    found['repositories.id'] = Number(repoRow!.n);
    for (const { table, column } of columns) {
      const value = column === 'repo_id' || column === 'repository_id' ? [repoId] : ids;
      const [row] = (
        await db.query<{ n: number }>(
          `SELECT count(*) AS n FROM ${table} WHERE ${column} = ANY($1::bigint[])`,
          [value],
        )
      ).rows;
      found[`${table}.${column}`] = Number(row!.n);
    }
    return found;
  }

  it('checks every table: each is keyed by repository (or issue), or listed as holding no repository rows', async () => {
    const tables = (
      await db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )
    ).rows.map((r) => r.name);
    const keyed = Object.keys(await rowsOf(removedId, issueIds.removed)).map((k) => k.split('.')[0]!);
    expect(tables.filter((t) => !keyed.includes(t) && !NOT_KEYED_BY_REPOSITORY.includes(t))).toEqual([]);
  });

  it('deletes every row keyed by it in one transaction with its container.removed event, and nothing of another repository', async () => {
    const before = await rowsOf(removedId, issueIds.removed);
    // The fixture is worth something only if each kind of row was there to be removed.
    for (const key of [
      'issues.repo_id',
      'issue_comments.repo_id',
      'sync_cursors.repo_id',
      'sync_runs.repo_id',
      'issue_tombstones.repo_id',
      'comment_tombstones.repo_id',
      'issue_analysis.issue_id',
      'duplicate_links.issue_id',
      'duplicate_links.duplicate_of_id',
      'events.repo_id',
    ]) {
      expect(before[key], key).toBeGreaterThan(0);
    }
    const keptBefore = await rowsOf(keptId, issueIds.kept);
    const lastEvent = (await createEventRepository(db).list({ after: 0, limit: 1000 })).head;

    const removed = await service().remove(1, removedId);
    expect(removed).toMatchObject({
      repo: { id: removedId, fullName: 'acme/parser' },
      issues: 3,
      comments: 1,
    });

    const after = await rowsOf(removedId, issueIds.removed);
    // Events outlive what they name until retention prunes them (0009_events.sql): the old ones stay, and the removal's is new.
    expect(after).toEqual(
      Object.fromEntries(Object.keys(before).map((k) => [k, k === 'events.repo_id' ? before[k]! + 1 : 0])),
    );
    const { events } = await createEventRepository(db).list({ after: lastEvent, limit: 10 });
    expect(events).toMatchObject([
      {
        type: 'container.removed',
        repoId: removedId,
        payload: { key: 'acme/parser', source: 'github', issues: 3, comments: 1 },
      },
    ]);

    // The other repository keeps everything but the two links that pointed across.
    const keptAfter = await rowsOf(keptId, issueIds.kept);
    expect(keptAfter).toEqual({
      ...keptBefore,
      'duplicate_links.issue_id': keptBefore['duplicate_links.issue_id']! - 1,
      'duplicate_links.duplicate_of_id': keptBefore['duplicate_links.duplicate_of_id']! - 1,
    });
  });

  it('answers NOT_FOUND for a repository that is not there (any more)', async () => {
    await expect(service().remove(1, removedId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/No repository with id/),
    });
  });
});
