/**
 * The REST write routes behave as GitHub's do: auth required, GitHub's error shapes, labels made on
 * first use, and every write visible to later reads (since, ETag, Last-Modified). Shapes are
 * checked against the OpenAPI subset by emulator.openapi.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator, GitHubEmulatorOptions } from './emulator.server.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Partial<GitHubEmulatorOptions> = {}): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-06-01T00:00:00Z', ...options });
  return emulator;
}

interface Answer {
  status: number;
  body: Record<string, unknown> & Record<string, unknown>[];
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const token = options.token === undefined ? 'secret-token' : options.token;
  const res = await fetch(`${emulator!.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `token ${token}` } : {}),
      'content-type': 'application/json',
      ...options.headers,
    },
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('auth', () => {
  it('answers 401 "Requires authentication" to a write without a token, and changes nothing', async () => {
    await start();
    const res = await call('POST', `/repos/${TEST_REPO}/issues`, { body: { title: 'x' }, token: null });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'Requires authentication' });
    expect(
      (await call('PATCH', `/repos/${TEST_REPO}/issues/1`, { body: { state: 'closed' }, token: null }))
        .status,
    ).toBe(401);
    expect(emulator!.snapshotState(TEST_REPO)!.repos[0]!.issues).toHaveLength(25);
    expect(emulator!.snapshotState(TEST_REPO)!.repos[0]!.issues[0]).toMatchObject({
      number: 1,
      state: 'open',
    });
  });

  it('answers 401 "Bad credentials" to a token it does not know, 404 to a route that does not exist', async () => {
    await start({ tokens: ['good'] });
    expect(
      (await call('POST', `/repos/${TEST_REPO}/issues`, { body: { title: 'x' }, token: 'bad' })).body,
    ).toMatchObject({ message: 'Bad credentials' });
    expect(
      (await call('POST', `/repos/${TEST_REPO}/issues`, { body: { title: 'x' }, token: 'good' })).status,
    ).toBe(201);
    expect((await call('POST', `/repos/${TEST_REPO}/pulls/1/merge`, { token: null })).status).toBe(404);
  });
});

describe('issues', () => {
  it('creates an issue as the token user: 201, Location, the next number, and reads see it', async () => {
    await start();
    const res = await call('POST', `/repos/${TEST_REPO}/issues`, {
      body: { title: 'New bug', body: 'It broke', labels: ['bug'], assignees: ['bob'], milestone: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${emulator!.url}/repos/${TEST_REPO}/issues/26`);
    expect(res.body).toMatchObject({
      number: 26,
      title: 'New bug',
      body: 'It broke',
      state: 'open',
      user: { login: 'alice' },
      author_association: 'MEMBER',
      assignees: [{ login: 'bob' }],
      milestone: { number: 1, open_issues: 3 },
      created_at: '2024-06-01T00:00:00Z',
      closed_by: null,
    });
    expect(
      (await call('GET', `/repos/${TEST_REPO}/issues?since=2024-06-01T00:00:00Z`)).body.map((i) => i.number),
    ).toEqual([26]);
  });

  it('creates labels it does not know, case-insensitively reusing those it does', async () => {
    await start();
    const res = await call('POST', `/repos/${TEST_REPO}/issues`, {
      body: { title: 'x', labels: ['BUG', { name: 'performance' }, 'performance'] },
    });
    expect(res.body.labels).toMatchObject([
      { name: 'bug', color: 'd73a4a' },
      { name: 'performance', color: 'ededed', default: false },
    ]);
    expect((await call('GET', `/repos/${TEST_REPO}/labels`)).body.map((l) => l.name)).toEqual([
      'bug',
      'area/ui',
      'performance',
    ]);
  });

  it('closes with a state_reason and reopens, as GitHub maintains closed_at, closed_by and state_reason', async () => {
    await start();
    const closed = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, {
      body: { state: 'closed', state_reason: 'not_planned' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2024-06-01T00:00:00Z',
      closed_by: { login: 'alice' },
      updated_at: '2024-06-01T00:00:00Z',
    });
    emulator!.advanceClock(60_000);
    const reopened = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, { body: { state: 'open' } });
    expect(reopened.body).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      closed_by: null,
      updated_at: '2024-06-01T00:01:00Z',
    });
  });

  it('replaces title, body, labels, assignees and milestone; null clears the milestone', async () => {
    await start();
    const res = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, {
      body: { title: 'Renamed', body: null, labels: ['area/ui'], assignees: ['bob'], milestone: null },
    });
    expect(res.body).toMatchObject({
      title: 'Renamed',
      body: null,
      labels: [{ name: 'area/ui' }],
      assignees: [{ login: 'bob' }],
      assignee: { login: 'bob' },
      milestone: null,
    });
    expect((await call('GET', `/repos/${TEST_REPO}/issues/1`)).body).toMatchObject({
      title: 'Renamed',
      milestone: null,
    });
  });

  it('refuses what GitHub refuses: 400 for text that is not JSON, 422 naming the field otherwise', async () => {
    await start();
    const notJson = await call('POST', `/repos/${TEST_REPO}/issues`, { raw: '{"title": ' });
    expect(notJson).toMatchObject({ status: 400, body: { message: 'Problems parsing JSON' } });
    const noTitle = await call('POST', `/repos/${TEST_REPO}/issues`, { body: { body: 'x' } });
    expect(noTitle.status).toBe(422);
    expect(noTitle.body.message).toBe('Invalid request.\n\n"title" wasn\'t supplied.');
    const badState = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, { body: { state: 'done' } });
    expect(badState.status).toBe(422);
    expect(badState.body.message).toContain(
      `For 'properties/state', "done" is not a member of ["open","closed"]`,
    );
    const unknownUser = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, {
      body: { assignees: ['nobody-here'] },
    });
    expect(unknownUser).toMatchObject({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ value: 'nobody-here', resource: 'Issue', field: 'assignees', code: 'invalid' }],
      },
    });
    const badMilestone = await call('POST', `/repos/${TEST_REPO}/issues`, {
      body: { title: 'x', milestone: 99 },
    });
    expect(badMilestone.body).toMatchObject({ errors: [{ field: 'milestone', code: 'invalid' }] });
    const reopenedAsClose = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, {
      body: { state: 'closed', state_reason: 'reopened' },
    });
    expect(reopenedAsClose.status).toBe(422);
    expect((await call('GET', `/repos/${TEST_REPO}/issues/1`)).body).toMatchObject({
      state: 'open',
      assignees: [{ login: 'alice' }],
    });
    expect((await call('GET', `/repos/${TEST_REPO}/issues?state=all&per_page=100`)).body).toHaveLength(25);
  });

  it('answers 404 for an unknown issue and 410 for a deleted one', async () => {
    await start();
    expect((await call('PATCH', `/repos/${TEST_REPO}/issues/999`, { body: { title: 'x' } })).status).toBe(
      404,
    );
    emulator!.deleteIssue(TEST_REPO, 2);
    expect(
      (await call('POST', `/repos/${TEST_REPO}/issues/2/comments`, { body: { body: 'x' } })).status,
    ).toBe(410);
    expect((await call('POST', `/repos/acme/nope/issues`, { body: { title: 'x' } })).status).toBe(404);
  });
});

describe('labels', () => {
  it('adds labels (object or bare array) and answers all labels of the issue', async () => {
    await start();
    const added = await call('POST', `/repos/${TEST_REPO}/issues/1/labels`, {
      body: { labels: ['bug', 'triage'] },
    });
    expect(added.status).toBe(200);
    expect(added.body.map((l) => l.name)).toEqual(['bug', 'triage']);
    const bare = await call('POST', `/repos/${TEST_REPO}/issues/1/labels`, { body: ['area/ui', 'BUG'] });
    expect(bare.body.map((l) => l.name)).toEqual(['bug', 'triage', 'area/ui']);
    expect((await call('POST', `/repos/${TEST_REPO}/issues/1/labels`, { body: { labels: [] } })).status).toBe(
      422,
    );
  });

  it('removes one label; a label the issue lacks is 404 "Label does not exist"', async () => {
    await start();
    const removed = await call(
      'DELETE',
      `/repos/${TEST_REPO}/issues/5/labels/${encodeURIComponent('area/ui')}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.map((l) => l.name)).toEqual(['bug']);
    expect((await call('DELETE', `/repos/${TEST_REPO}/issues/5/labels/area%2Fui`)).body).toMatchObject({
      message: 'Label does not exist',
    });
  });
});

describe('comments and locks', () => {
  it('creates, edits and deletes a comment, with counts and updated_at as GitHub keeps them', async () => {
    await start();
    const created = await call('POST', `/repos/${TEST_REPO}/issues/2/comments`, {
      body: { body: 'Same here' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      body: 'Same here',
      user: { login: 'alice' },
      author_association: 'MEMBER',
    });
    expect(created.headers.get('location')).toBe(String(created.body.url));
    expect((await call('GET', `/repos/${TEST_REPO}/issues/2`)).body).toMatchObject({
      comments: 2,
      updated_at: '2024-06-01T00:00:00Z',
    });
    emulator!.advanceClock(5_000);
    const edited = await call('PATCH', `/repos/${TEST_REPO}/issues/comments/${String(created.body.id)}`, {
      body: { body: 'Same here, 1.2' },
    });
    expect(edited.body).toMatchObject({
      body: 'Same here, 1.2',
      created_at: '2024-06-01T00:00:00Z',
      updated_at: '2024-06-01T00:00:05Z',
    });
    expect(
      (await call('GET', `/repos/${TEST_REPO}/issues/comments?since=2024-06-01T00:00:01Z`)).body.map(
        (c) => c.body,
      ),
    ).toEqual(['Same here, 1.2']);
    const deleted = await call('DELETE', `/repos/${TEST_REPO}/issues/comments/${String(created.body.id)}`);
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/repos/${TEST_REPO}/issues/2`)).body).toMatchObject({ comments: 1 });
    expect(
      (await call('DELETE', `/repos/${TEST_REPO}/issues/comments/${String(created.body.id)}`)).status,
    ).toBe(404);
  });

  it('locks with a reason and unlocks', async () => {
    await start();
    expect(
      (await call('PUT', `/repos/${TEST_REPO}/issues/1/lock`, { body: { lock_reason: 'spam' } })).status,
    ).toBe(204);
    expect((await call('GET', `/repos/${TEST_REPO}/issues/1`)).body).toMatchObject({
      locked: true,
      active_lock_reason: 'spam',
    });
    expect(
      (await call('PUT', `/repos/${TEST_REPO}/issues/1/lock`, { body: { lock_reason: 'bored' } })).status,
    ).toBe(422);
    expect((await call('DELETE', `/repos/${TEST_REPO}/issues/1/lock`)).status).toBe(204);
    expect((await call('GET', `/repos/${TEST_REPO}/issues/1`)).body).toMatchObject({
      locked: false,
      active_lock_reason: null,
    });
  });
});

describe('reads after writes', () => {
  it('a write changes the ETag and Last-Modified of the issue and of the list that holds it', async () => {
    await start();
    const before = await call('GET', `/repos/${TEST_REPO}/issues/1`);
    const list = await call(
      'GET',
      `/repos/${TEST_REPO}/issues?sort=updated&direction=desc&state=all&per_page=1`,
    );
    const etag = before.headers.get('etag')!;
    expect(
      (await call('GET', `/repos/${TEST_REPO}/issues/1`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    await call('POST', `/repos/${TEST_REPO}/issues/1/labels`, { body: { labels: ['bug'] } });
    const after = await call('GET', `/repos/${TEST_REPO}/issues/1`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('last-modified')).toBe('Sat, 01 Jun 2024 00:00:00 GMT');
    const listAfter = await call(
      'GET',
      `/repos/${TEST_REPO}/issues?sort=updated&direction=desc&state=all&per_page=1`,
      { headers: { 'if-none-match': list.headers.get('etag')! } },
    );
    expect(listAfter.status).toBe(200);
    expect(listAfter.body.map((i) => i.number)).toEqual([1]);
  });

  it('writes count against the primary rate limit', async () => {
    await start({ rateLimit: { limit: 3 } });
    await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, { body: { body: 'a' } });
    const second = await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, { body: { body: 'b' } });
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
  });
});

describe('secondary limit on content creation', () => {
  it('answers 403 with retry-after past the per-minute limit, per token, until the window moves on', async () => {
    await start({ contentLimits: { perMinute: 3, perHour: 10 } });
    for (let i = 0; i < 3; i++) {
      emulator!.advanceClock(1_000);
      expect(
        (await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, { body: { body: `c${i}` } })).status,
      ).toBe(201);
    }
    const limited = await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, {
      body: { body: 'too fast' },
    });
    expect(limited.status).toBe(403);
    expect(limited.body.message).toMatch(
      /^You have exceeded a secondary rate limit and have been temporarily blocked from content creation/,
    );
    // The first write (at +1 s) leaves the minute at +61 s; now is +3 s.
    expect(limited.headers.get('retry-after')).toBe('58');
    expect(
      (
        await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, {
          body: { body: 'other token' },
          token: 'another',
        })
      ).status,
    ).toBe(201);
    expect(emulator!.snapshotState(TEST_REPO)!.repos[0]!.comments.map((c) => c.body)).not.toContain(
      'too fast',
    );
    emulator!.advanceClock(58_000);
    expect(
      (await call('POST', `/repos/${TEST_REPO}/issues/1/comments`, { body: { body: 'later' } })).status,
    ).toBe(201);
  });

  it('holds the hourly limit too', async () => {
    await start({ contentLimits: { perMinute: 100, perHour: 2 } });
    await call('PUT', `/repos/${TEST_REPO}/issues/1/lock`);
    emulator!.advanceClock(600_000);
    await call('DELETE', `/repos/${TEST_REPO}/issues/1/lock`);
    const limited = await call('PATCH', `/repos/${TEST_REPO}/issues/1`, { body: { title: 'x' } });
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('3000');
  });
});
