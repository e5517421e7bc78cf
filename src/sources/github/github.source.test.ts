import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/test-database.ts';
import type { Database } from '../../store/db.ts';
import { createIssueRepository } from '../../store/issue.repository.ts';
import { createRepoRepository, type RepoRecord } from '../../store/repo.repository.ts';
import { createGitHubClient } from './github-client.ts';
import { syncGitHubRepository } from '../../../test/sync-github.ts';
import {
  generateDemoDataset,
  startGitHubEmulator,
  type EmulatorDataset,
  type GitHubEmulator,
} from '../../emulators/github/index.ts';

const dataset: EmulatorDataset = generateDemoDataset({
  seed: 7,
  repos: 1,
  issuesPerRepo: 260,
  commentsPerIssue: 2,
});
const repoName = `${dataset.repos[0]!.owner}/${dataset.repos[0]!.name}`;
const expectedIssues = dataset.issues.filter((i) => i.repo === repoName).length;
const expectedComments = dataset.comments.filter((c) => c.repo === repoName).length;

describe('GitHub sync against the emulator', () => {
  let db: Database;
  let emulator: GitHubEmulator;
  let repo: RepoRecord;
  const client = () =>
    createGitHubClient({
      token: 'test-token',
      apiUrl: emulator.url,
      retryBaseMs: 5,
      maxRateLimitWaitSeconds: 5,
    });
  const requestsTo = (suffix: string) =>
    emulator.requests.filter((r) => r.path.split('?')[0]!.endsWith(suffix));

  beforeAll(async () => {
    db = await openTestDatabase();
    emulator = await startGitHubEmulator({ dataset: structuredClone(dataset) });
    repo = (
      await createRepoRepository(db).add({
        owner: dataset.repos[0]!.owner,
        name: dataset.repos[0]!.name,
        apiUrl: emulator.url,
      })
    ).repo;
  });
  afterAll(async () => {
    await emulator.close();
    await db.close();
  });
  afterEach(() => emulator.clearFaults());

  it('first sync stores every issue, pull request and comment exactly once, in few requests', async () => {
    emulator.resetRequestLog();
    const result = await syncGitHubRepository({ db, client: client() }, repo);
    const counts = await createIssueRepository(db).countByRepo(repo.id);
    expect(counts).toEqual({ issues: expectedIssues, comments: expectedComments });
    expect(result.issuesSynced).toBeGreaterThanOrEqual(expectedIssues);
    // Keyset paging re-reads at most the boundary item of each page: ceil(n / 99) requests.
    expect(result.requests.issues ?? 0).toBeLessThanOrEqual(Math.ceil(expectedIssues / 99));
    expect(requestsTo('/issues').length).toBe(result.requests.issues ?? 0);
    const prs = dataset.issues.filter((i) => i.repo === repoName && i.pullRequest).length;
    const stored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM issues WHERE is_pull_request',
    );
    expect(stored.rows[0]!.n).toBe(prs);
    const withReason = dataset.issues.find((i) => i.repo === repoName && i.stateReason === 'duplicate');
    if (withReason)
      expect((await createIssueRepository(db).findByNumber(repo.id, withReason.number))?.stateReason).toBe(
        'duplicate',
      );
  });

  it('re-syncing an unchanged repository costs one request, answered 304', async () => {
    emulator.resetRequestLog();
    const result = await syncGitHubRepository({ db, client: client() }, repo);
    expect(result.upToDate).toBe(true);
    expect(emulator.requests.length).toBe(1);
    expect(emulator.requests[0]!.status).toBe(304);
  });

  it('an incremental sync fetches only what changed', async () => {
    const target = dataset.issues.find((i) => i.repo === repoName && !i.pullRequest)!;
    emulator.advanceClock(60_000);
    emulator.updateIssue(repoName, target.number, { title: 'Renamed by the test' });
    emulator.addComment(repoName, target.number, {
      user: dataset.users[0]!.login,
      body: 'A new comment from the test',
    });
    emulator.resetRequestLog();
    const result = await syncGitHubRepository({ db, client: client() }, repo);
    expect(result.upToDate).toBe(false);
    expect((result.requests.issues ?? 0) + (result.requests.comments ?? 0)).toBeLessThanOrEqual(4);
    const issue = await createIssueRepository(db).findByNumber(repo.id, target.number);
    expect(issue?.title).toBe('Renamed by the test');
    const comments = await createIssueRepository(db).listComments(repo.id, target.number);
    expect(comments.map((c) => c.body)).toContain('A new comment from the test');
    expect(await createIssueRepository(db).countByRepo(repo.id)).toEqual({
      issues: expectedIssues,
      comments: expectedComments + 1,
    });
  });

  it('retries 5xx, resets and truncated bodies, then completes', async () => {
    const created = emulator.createIssue(repoName, {
      title: 'Fresh issue after faults',
      user: dataset.users[0]!.login,
      body: 'body',
    });
    emulator.injectFault({ path: /\/issues\?/, kind: 'status', status: 502, times: 1 });
    emulator.injectFault({ path: /\/issues\?/, kind: 'reset', times: 1 });
    emulator.injectFault({ path: /\/issues\?/, kind: 'truncate', times: 1 });
    emulator.resetRequestLog();
    await syncGitHubRepository({ db, client: client() }, repo);
    expect((await createIssueRepository(db).findByNumber(repo.id, created.number))?.title).toBe(
      'Fresh issue after faults',
    );
  });

  it('waits out a secondary rate limit (403 + retry-after)', async () => {
    emulator.advanceClock(60_000);
    const created = emulator.createIssue(repoName, {
      title: 'After the secondary limit',
      user: dataset.users[0]!.login,
    });
    emulator.injectFault({
      path: /\/issues\?/,
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
      times: 1,
    });
    await syncGitHubRepository({ db, client: client() }, repo);
    expect((await createIssueRepository(db).findByNumber(repo.id, created.number))?.title).toBe(
      'After the secondary limit',
    );
  });

  it('a sync cut off mid-way resumes from its cursor with nothing lost or doubled', async () => {
    const fresh = await openTestDatabase();
    try {
      const { repo: again } = await createRepoRepository(fresh).add({
        owner: repo.owner,
        name: repo.name,
        apiUrl: emulator.url,
      });
      // Page 2 onwards fails for good: the first sync stops after committing page 1.
      emulator.injectFault({ path: /\/issues\?.*since=/, kind: 'status', status: 500, times: Infinity });
      await expect(syncGitHubRepository({ db: fresh, client: client() }, again)).rejects.toThrow(/500/);
      const partial = await createIssueRepository(fresh).countByRepo(again.id);
      expect(partial.issues).toBeGreaterThan(0);
      expect(partial.issues).toBeLessThan(expectedIssues + 2);
      emulator.clearFaults();
      emulator.resetRequestLog();
      await syncGitHubRepository({ db: fresh, client: client() }, again);
      const firstRequest = emulator.requests.find((r) => r.path.includes('/issues?'));
      expect(firstRequest?.path).toContain('since=');
      const all = await fresh.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT number)::int AS distinct FROM issues',
      );
      expect(all.rows[0]!.n).toBe(all.rows[0]!.distinct);
      expect(all.rows[0]!.n).toBe((await createIssueRepository(db).countByRepo(repo.id)).issues);
    } finally {
      await fresh.close();
    }
  });
});

describe('GitHub primary rate limit', () => {
  it('waits for the reset when it is near, and says when it is not', async () => {
    const small = generateDemoDataset({ seed: 3, repos: 1, issuesPerRepo: 350, commentsPerIssue: 0 });
    const emulator = await startGitHubEmulator({ dataset: small, rateLimit: { limit: 2, windowMs: 1500 } });
    const db = await openTestDatabase();
    try {
      const { repo } = await createRepoRepository(db).add({
        owner: small.repos[0]!.owner,
        name: small.repos[0]!.name,
        apiUrl: emulator.url,
      });
      const impatient = createGitHubClient({
        token: 't',
        apiUrl: emulator.url,
        maxRateLimitWaitSeconds: 0,
        retryBaseMs: 5,
      });
      await expect(syncGitHubRepository({ db, client: impatient }, repo)).rejects.toThrow(
        /rate limit exhausted.*resumes from the saved cursor/i,
      );
      const patient = createGitHubClient({
        token: 't',
        apiUrl: emulator.url,
        maxRateLimitWaitSeconds: 10,
        retryBaseMs: 1000,
      });
      await syncGitHubRepository({ db, client: patient }, repo);
      expect((await createIssueRepository(db).countByRepo(repo.id)).issues).toBe(small.issues.length);
    } finally {
      await emulator.close();
      await db.close();
    }
  });
});

describe('every stream resumes on its own (comments, metadata) and counts are honest', () => {
  const small = generateDemoDataset({ seed: 5, repos: 1, issuesPerRepo: 230, commentsPerIssue: 2 });
  const fullName = `${small.repos[0]!.owner}/${small.repos[0]!.name}`;
  let emulator: GitHubEmulator;
  let db: Database;
  let repo: RepoRecord;
  const client = () =>
    createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      retryBaseMs: 5,
      maxRateLimitWaitSeconds: 0,
      retry: { retries: 2 },
    });
  const deps = () => ({ db, client: client(), malformedRetryDelayMs: 1 });

  beforeAll(async () => {
    emulator = await startGitHubEmulator({ dataset: structuredClone(small) });
  });
  afterAll(async () => {
    await emulator.close();
  });
  afterEach(async () => {
    emulator.clearFaults();
    await db.close();
  });
  const freshStore = async () => {
    db = await openTestDatabase();
    repo = (
      await createRepoRepository(db).add({
        owner: small.repos[0]!.owner,
        name: small.repos[0]!.name,
        apiUrl: emulator.url,
      })
    ).repo;
  };

  it('comments that failed on every page are read by the next sync although the issues answer 304', async () => {
    await freshStore();
    emulator.injectFault({ path: /\/issues\/comments\?/, kind: 'status', status: 502, times: Infinity });
    await expect(syncGitHubRepository(deps(), repo)).rejects.toThrow(/502/);
    expect((await createIssueRepository(db).countByRepo(repo.id)).comments).toBe(0);
    emulator.clearFaults();
    const second = await syncGitHubRepository(deps(), repo);
    expect(second.upToDate).toBe(false);
    expect(await createIssueRepository(db).countByRepo(repo.id)).toEqual({
      issues: small.issues.length,
      comments: small.comments.length,
    });
    // Now every stream is complete: an unchanged repository costs one 304 again.
    emulator.resetRequestLog();
    expect((await syncGitHubRepository(deps(), repo)).upToDate).toBe(true);
    expect(emulator.requests.map((r) => r.status)).toEqual([304]);
  });

  it('comments cut off mid-stream by a rate limit resume from their own cursor', async () => {
    await freshStore();
    // The second comments page onwards hits an exhausted limit the client will not wait for.
    emulator.injectFault({
      path: /\/issues\/comments\?.*since=/,
      kind: 'status',
      status: 403,
      times: Infinity,
      body: { message: 'API rate limit exceeded for 127.0.0.1.' },
    });
    await expect(syncGitHubRepository(deps(), repo)).rejects.toThrow();
    const partial = (await createIssueRepository(db).countByRepo(repo.id)).comments;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(small.comments.length);
    emulator.clearFaults();
    emulator.resetRequestLog();
    await syncGitHubRepository(deps(), repo);
    expect(emulator.requests.find((r) => r.path.includes('/issues/comments?'))?.path).toContain('since=');
    expect((await createIssueRepository(db).countByRepo(repo.id)).comments).toBe(small.comments.length);
  });

  it('a repository answer that arrives empty is retried, never stored as undefined', async () => {
    await freshStore();
    const repoPath = `/repos/${fullName}`;
    emulator.injectFault({ path: repoPath, kind: 'status', status: 200, body: '', times: 2 });
    await syncGitHubRepository(deps(), repo);
    const stored = await db.query<{ external_id: string | null }>(
      'SELECT external_id FROM repositories WHERE id = $1',
      [repo.id],
    );
    expect(stored.rows[0]!.external_id).toBe(String(small.repos[0]!.id));
  });

  it('a repository answer malformed every time fails the sync with nothing stored, and the next sync corrects it', async () => {
    await freshStore();
    const repoPath = `/repos/${fullName}`;
    emulator.injectFault({
      path: repoPath,
      kind: 'status',
      status: 200,
      body: { message: 'not a repository' },
      times: Infinity,
    });
    await expect(syncGitHubRepository(deps(), repo)).rejects.toThrow(/malformed repository.*id/);
    const before = await db.query<{ external_id: string | null }>(
      'SELECT external_id FROM repositories WHERE id = $1',
      [repo.id],
    );
    expect(before.rows[0]!.external_id).toBeNull();
    emulator.clearFaults();
    await syncGitHubRepository(deps(), repo);
    const after = await db.query<{ external_id: string | null }>(
      'SELECT external_id FROM repositories WHERE id = $1',
      [repo.id],
    );
    expect(after.rows[0]!.external_id).toBe(String(small.repos[0]!.id));
  });

  it('an issue page with a malformed item is asked for again, not stored', async () => {
    await freshStore();
    emulator.injectFault({
      path: /\/issues\?/,
      kind: 'status',
      status: 200,
      body: [{ id: 1, title: 'no number, no timestamps' }],
      times: 1,
    });
    const result = await syncGitHubRepository(deps(), repo);
    expect(result.issuesSynced).toBe(small.issues.length);
    const bad = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM issues WHERE title = 'no number, no timestamps'",
    );
    expect(bad.rows[0]!.n).toBe(0);
  });

  it('"N issues synced" counts distinct issues, not the boundary items paging reads twice', async () => {
    await freshStore();
    const result = await syncGitHubRepository(deps(), repo);
    expect(result.requests.issues ?? 0).toBeGreaterThan(1);
    expect(result.issuesSynced).toBe(small.issues.length);
    expect(result.commentsSynced).toBe(small.comments.length);
  });

  it('giving up on a secondary limit names its retry-after, not the primary window', async () => {
    await freshStore();
    emulator.injectFault({
      path: /\/issues\?/,
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 60,
      times: Infinity,
    });
    const error = await syncGitHubRepository(deps(), repo).catch((e: unknown) => e);
    expect(String(error)).toMatch(/secondary rate limit.*wait 60 s/);
    expect(String(error)).not.toMatch(/resets at/);
  });
});
