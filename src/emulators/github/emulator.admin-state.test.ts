/**
 * GET /_emulator/state is the ground truth a chaos test compares Loupe's store against, so it must
 * agree with what the API serves (mapped the way Loupe maps it) and follow every mutation made
 * through POST /_emulator/mutations, deletions included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mapGitHubComment, mapGitHubIssue } from '../../sources/github/map-github-issue.ts';
import type { GitHubCommentPayload, GitHubIssuePayload } from '../../sources/github/map-github-issue.ts';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
import type { RepoSnapshot, StateSnapshot } from './state-snapshot.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-06-01T00:00:00Z' });
  return emulator;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator!.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function repoState(): Promise<RepoSnapshot> {
  const { status, body } = await call('GET', `/_emulator/state?repo=${TEST_REPO}`);
  expect(status).toBe(200);
  return (body as unknown as StateSnapshot).repos[0]!;
}

const day = (n: number): string =>
  new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().replace('.000Z', 'Z');

describe('GET /_emulator/state', () => {
  it('dumps repositories with their issues, comments and deletions', async () => {
    await start();
    const { status, body } = await call('GET', '/_emulator/state');
    expect(status).toBe(200);
    const state = body as unknown as StateSnapshot;
    expect(state.clock).toBe('2024-06-01T00:00:00Z');
    expect(state.repos).toHaveLength(1);
    const repo = state.repos[0]!;
    expect(repo).toMatchObject({
      id: 77,
      owner: 'acme',
      name: 'widgets',
      fullName: TEST_REPO,
      description: 'Widgets',
      openIssuesCount: 17,
      updatedAt: day(99),
      deletedIssues: [],
      deletedComments: [],
    });
    expect(repo.labels).toEqual([
      { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
      { name: 'area/ui', color: 'c5def5', description: null },
    ]);
    expect(repo.issues.map((i) => i.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(repo.issues[0]).toEqual({
      number: 1,
      id: 5001,
      title: 'Issue 1',
      body: 'Body 1',
      state: 'open',
      stateReason: null,
      isPullRequest: false,
      mergedAt: null,
      draft: null,
      labels: [],
      author: 'bob',
      authorAssociation: 'NONE',
      assignees: ['alice'],
      milestone: 'v1.0',
      commentsCount: 2,
      reactionsCount: 3,
      locked: false,
      createdAt: day(1),
      updatedAt: day(99),
      closedAt: null,
      htmlUrl: 'https://github.com/acme/widgets/issues/1',
    });
    expect(repo.issues[7]).toMatchObject({
      number: 8,
      isPullRequest: true,
      mergedAt: day(92),
      draft: false,
      labels: ['bug'],
      htmlUrl: 'https://github.com/acme/widgets/pull/8',
    });
    expect(repo.comments).toEqual([
      {
        id: 901,
        issueNumber: 1,
        author: 'bob',
        authorAssociation: 'NONE',
        body: 'First',
        createdAt: day(2),
        updatedAt: day(2),
      },
      {
        id: 902,
        issueNumber: 1,
        author: 'alice',
        authorAssociation: 'MEMBER',
        body: 'Second',
        createdAt: day(3),
        updatedAt: day(50),
      },
      {
        id: 903,
        issueNumber: 2,
        author: 'alice',
        authorAssociation: 'MEMBER',
        body: 'Third',
        createdAt: day(4),
        updatedAt: day(4),
      },
    ]);
  });

  it('agrees with what the API serves, mapped as Loupe maps it', async () => {
    await start();
    emulator!.updateIssue(TEST_REPO, 4, { labels: ['bug', 'not-a-repo-label'], assignees: ['carol'] });
    const served = (await (
      await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues?state=all&per_page=100`)
    ).json()) as GitHubIssuePayload[];
    const truth = await repoState();
    const byNumber = new Map(truth.issues.map((i) => [i.number, i]));
    expect(served).toHaveLength(truth.issues.length);
    for (const payload of served) {
      const mapped = mapGitHubIssue(TEST_REPO, payload);
      const snapshot = byNumber.get(mapped.number)!;
      expect(snapshot, `#${mapped.number}`).toMatchObject({
        id: Number(mapped.externalId),
        htmlUrl: mapped.url,
        title: mapped.title,
        state: mapped.state,
        stateReason: mapped.stateReason,
        isPullRequest: mapped.isPullRequest,
        mergedAt: mapped.mergedAt,
        labels: mapped.labels.map((l) => l.name),
        author: mapped.author,
        authorAssociation: mapped.authorAssociation,
        assignees: mapped.assignees,
        milestone: mapped.milestone,
        commentsCount: mapped.commentsCount,
        reactionsCount: mapped.reactionsCount,
        createdAt: mapped.createdAt,
        updatedAt: mapped.updatedAt,
        closedAt: mapped.closedAt,
      });
      expect(snapshot.body ?? '').toBe(mapped.body);
    }
    expect(byNumber.get(4)!.labels).toEqual(['bug']);
    const comments = (await (
      await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues/comments`)
    ).json()) as GitHubCommentPayload[];
    expect(comments.map(mapGitHubComment)).toEqual(
      truth.comments.map((c) => ({
        issueNumber: c.issueNumber,
        externalId: String(c.id),
        author: c.author,
        authorAssociation: c.authorAssociation,
        body: c.body,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      })),
    );
  });

  it('leaves bodies out with ?bodies=false, and a cached answer follows later changes', async () => {
    await start();
    const lean = (await call('GET', `/_emulator/state?bodies=false`)).body as unknown as StateSnapshot;
    expect(lean.repos[0]!.issues[0]).not.toHaveProperty('body');
    expect(lean.repos[0]!.issues[0]).toMatchObject({ number: 1, title: 'Issue 1' });
    expect(lean.repos[0]!.comments[0]).toEqual({
      id: 901,
      issueNumber: 1,
      author: 'bob',
      authorAssociation: 'NONE',
      createdAt: day(2),
      updatedAt: day(2),
    });
    expect((await repoState()).issues[0]!.body).toBe('Body 1');
    emulator!.updateIssue(TEST_REPO, 1, { title: 'Renamed', body: 'New body' });
    const after = (await call('GET', `/_emulator/state?bodies=false`)).body as unknown as StateSnapshot;
    expect(after.repos[0]!.issues[0]).toMatchObject({ title: 'Renamed', updatedAt: '2024-06-01T00:00:00Z' });
    expect((await repoState()).issues[0]!.body).toBe('New body');
    expect(await call('GET', '/_emulator/state?bodies=no')).toEqual({
      status: 400,
      body: { message: '"bodies" must be true or false (got "no")' },
    });
  });

  it('filters by ?repo (any case) and answers 404 for an unknown repository', async () => {
    await start();
    expect(((await call('GET', '/_emulator/state?repo=ACME/Widgets')).body.repos as unknown[]).length).toBe(
      1,
    );
    expect(await call('GET', '/_emulator/state?repo=acme/nope')).toEqual({
      status: 404,
      body: { message: 'Emulator: no repository acme/nope' },
    });
  });
});

describe('POST /_emulator/mutations', () => {
  it('applies each op at the emulator clock, returns the changed object, and the state follows', async () => {
    await start();
    const updated = await call('POST', '/_emulator/mutations', {
      op: 'updateIssue',
      repo: TEST_REPO,
      number: 2,
      state: 'closed',
      stateReason: 'not_planned',
      labels: [],
    });
    expect(updated).toMatchObject({
      status: 200,
      body: {
        number: 2,
        state: 'closed',
        stateReason: 'not_planned',
        closedAt: '2024-06-01T00:00:00Z',
        updatedAt: '2024-06-01T00:00:00Z',
        labels: [],
        title: 'Issue 2',
      },
    });
    await call('POST', '/_emulator/clock', { advanceMs: 60_000 });
    const comment = await call('POST', '/_emulator/mutations', {
      op: 'addComment',
      repo: TEST_REPO,
      number: 5,
      user: 'dave',
      body: 'Same here',
    });
    expect(comment).toMatchObject({
      status: 201,
      body: {
        id: 904,
        issueNumber: 5,
        author: 'dave',
        authorAssociation: 'NONE',
        body: 'Same here',
        createdAt: '2024-06-01T00:01:00Z',
      },
    });
    const created = await call('POST', '/_emulator/mutations', {
      op: 'createIssue',
      repo: TEST_REPO,
      title: 'New',
      user: 'erin',
      labels: ['bug'],
      pullRequest: { draft: true },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        number: 26,
        id: 5026,
        title: 'New',
        body: null,
        isPullRequest: true,
        draft: true,
        labels: ['bug'],
        author: 'erin',
        commentsCount: 0,
      },
    });
    const deleted = await call('POST', '/_emulator/mutations', {
      op: 'deleteIssue',
      repo: TEST_REPO,
      number: 1,
    });
    expect(deleted).toMatchObject({ status: 200, body: { number: 1, commentsCount: 2 } });
    const gone = await call('POST', '/_emulator/mutations', {
      op: 'deleteComment',
      repo: TEST_REPO,
      id: 903,
    });
    expect(gone).toMatchObject({ status: 200, body: { id: 903, issueNumber: 2, body: 'Third' } });
    const repo = await repoState();
    expect(repo.issues.map((i) => i.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(repo.deletedIssues).toEqual([1]);
    expect(repo.deletedComments).toEqual([901, 902, 903]);
    expect(repo.comments.map((c) => c.id)).toEqual([904]);
    const issue = (n: number) => repo.issues.find((i) => i.number === n)!;
    // Deleting a comment leaves updated_at alone, as on GitHub; adding one bumps it.
    expect(issue(2)).toMatchObject({ commentsCount: 0, updatedAt: '2024-06-01T00:00:00Z', state: 'closed' });
    expect(issue(5)).toMatchObject({ commentsCount: 1, updatedAt: '2024-06-01T00:01:00Z' });
    expect((await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues/1`)).status).toBe(410);
  });

  it('bumps the issue on deleteComment with touchIssue', async () => {
    await start();
    await call('POST', '/_emulator/clock', { set: '2024-08-01T00:00:00Z' });
    await call('POST', '/_emulator/mutations', {
      op: 'deleteComment',
      repo: TEST_REPO,
      id: 901,
      touchIssue: true,
    });
    expect((await repoState()).issues[0]).toMatchObject({
      commentsCount: 1,
      updatedAt: '2024-08-01T00:00:00Z',
    });
  });

  it('answers 400 listing what is wrong, and 404 for what does not exist', async () => {
    await start();
    const cases: [unknown, RegExp][] = [
      [{ op: 'explode' }, /^Invalid mutation: op: Invalid discriminator value/],
      [{ op: 'updateIssue', repo: TEST_REPO }, /number: Invalid input: expected number, received undefined/],
      [{ op: 'updateIssue', repo: TEST_REPO, number: 1, titel: 'typo' }, /body: Unrecognized key: "titel"/],
      [{ op: 'updateIssue', repo: TEST_REPO, number: 1, state: 'merged' }, /state: Invalid option/],
      [{ op: 'addComment', repo: 'no-slash', number: 1, user: 'x', body: 'y' }, /repo: owner\/name/],
      [{ op: 'deleteComment', repo: TEST_REPO, id: 'x' }, /id: Invalid input: expected number/],
      [[{ op: 'deleteIssue' }], /body: Invalid input/],
    ];
    for (const [body, message] of cases) {
      const res = await call('POST', '/_emulator/mutations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    expect(
      await call('POST', '/_emulator/mutations', { op: 'deleteIssue', repo: TEST_REPO, number: 99 }),
    ).toEqual({ status: 404, body: { message: 'Emulator: no issue acme/widgets#99' } });
    expect(
      (await call('POST', '/_emulator/mutations', { op: 'deleteComment', repo: TEST_REPO, id: 1 })).status,
    ).toBe(404);
    expect(
      (
        await call('POST', '/_emulator/mutations', {
          op: 'createIssue',
          repo: 'acme/nope',
          title: 't',
          user: 'u',
        })
      ).status,
    ).toBe(404);
    expect((await repoState()).issues).toHaveLength(25);
  });
});
