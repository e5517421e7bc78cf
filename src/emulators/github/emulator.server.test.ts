/**
 * HTTP behaviour of the emulator as GitHub documents it: listing order and filters, pagination
 * with Link headers, ETag/304, rate limits, and 404/422/401 error shapes.
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

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${emulator!.url}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const numbers = (body: unknown): number[] => (body as { number: number }[]).map((i) => i.number);

describe('GET /repos/{owner}/{repo}/issues', () => {
  it('defaults to open issues, newest created first, 30 per page', async () => {
    await start();
    const { status, body } = await get(`/repos/${TEST_REPO}/issues`);
    expect(status).toBe(200);
    const expected = Array.from({ length: 25 }, (_, i) => 25 - i).filter((n) => n % 3 !== 0);
    expect(numbers(body)).toEqual(expected);
  });

  it('filters by state, labels (all must match) and sorts by updated ascending', async () => {
    await start();
    expect(
      numbers((await get(`/repos/${TEST_REPO}/issues?state=closed&sort=created&direction=asc`)).body),
    ).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    expect(
      numbers((await get(`/repos/${TEST_REPO}/issues?state=all&labels=bug,area/ui&direction=asc`)).body),
    ).toEqual([5, 10, 15, 20, 25]);
    // updated_at = day(100 - n): ascending by updated means descending number.
    expect(
      numbers((await get(`/repos/${TEST_REPO}/issues?state=all&sort=updated&direction=asc&per_page=3`)).body),
    ).toEqual([25, 24, 23]);
  });

  it('returns only items updated at or after `since`', async () => {
    await start();
    // day(100 - n) >= day(90) <=> n <= 10; the boundary item (n = 10) is included.
    const since = new Date(Date.UTC(2024, 0, 1) + 90 * 86_400_000).toISOString();
    const { body } = await get(
      `/repos/${TEST_REPO}/issues?state=all&since=${since}&sort=updated&direction=desc`,
    );
    expect(numbers(body)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const created = await get(`/repos/${TEST_REPO}/issues?state=all&since=${since}`);
    expect(numbers(created.body).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('paginates with GitHub Link headers that keep the other parameters', async () => {
    await start();
    const first = await get(`/repos/${TEST_REPO}/issues?state=all&per_page=10`);
    const base = `${emulator!.url}/repositories/77/issues`;
    expect(first.headers.get('link')).toBe(
      `<${base}?state=all&per_page=10&page=2>; rel="next", <${base}?state=all&per_page=10&page=3>; rel="last"`,
    );
    const middle = await get(`/repos/${TEST_REPO}/issues?state=all&page=2&per_page=10`);
    expect(middle.headers.get('link')).toBe(
      `<${base}?state=all&page=1&per_page=10>; rel="prev", <${base}?state=all&page=3&per_page=10>; rel="next", <${base}?state=all&page=3&per_page=10>; rel="last", <${base}?state=all&page=1&per_page=10>; rel="first"`,
    );
    const last = await get('/repositories/77/issues?state=all&per_page=10&page=3');
    expect(numbers(last.body)).toEqual([5, 4, 3, 2, 1]);
    expect(last.headers.get('link')).toBe(
      `<${base}?state=all&per_page=10&page=2>; rel="prev", <${base}?state=all&per_page=10&page=1>; rel="first"`,
    );
    const single = await get(`/repos/${TEST_REPO}/issues?state=all&per_page=100`);
    expect(single.headers.get('link')).toBeNull();
    expect((single.body as unknown[]).length).toBe(25);
  });

  it('renders pull requests as issues with a pull_request object', async () => {
    await start();
    const { body } = await get(`/repos/${TEST_REPO}/issues/8`);
    const pr = (body as { pull_request: Record<string, unknown>; html_url: string }).pull_request;
    expect(pr).toMatchObject({
      url: `${emulator!.url}/repos/${TEST_REPO}/pulls/8`,
      html_url: 'https://github.com/acme/widgets/pull/8',
      diff_url: 'https://github.com/acme/widgets/pull/8.diff',
      patch_url: 'https://github.com/acme/widgets/pull/8.patch',
    });
    // Issue 8 was merged on day(100 - 8) of 2024 (a leap year): 2 April.
    expect(pr.merged_at).toBe('2024-04-02T00:00:00Z');
    const plain = (await get(`/repos/${TEST_REPO}/issues/1`)).body as Record<string, unknown>;
    expect(plain).not.toHaveProperty('pull_request');
    expect(plain.comments).toBe(2);
    expect(plain.reactions).toMatchObject({ total_count: 3, '+1': 2, heart: 1, '-1': 0, rocket: 0 });
    expect((plain.milestone as { open_issues: number }).open_issues).toBe(2);
  });
});

describe('comments', () => {
  it('lists repository comments in creation order with since on updated_at', async () => {
    await start();
    const all = (await get(`/repos/${TEST_REPO}/issues/comments`)).body as { id: number }[];
    expect(all.map((c) => c.id)).toEqual([901, 902, 903]);
    const since = (await get(`/repos/${TEST_REPO}/issues/comments?since=2024-02-01T00:00:00Z&sort=updated`))
      .body as { id: number }[];
    expect(since.map((c) => c.id)).toEqual([902]);
    const perIssue = (await get(`/repos/${TEST_REPO}/issues/1/comments`)).body as {
      id: number;
      issue_url: string;
    }[];
    expect(perIssue.map((c) => c.id)).toEqual([901, 902]);
    expect(perIssue[0]!.issue_url).toBe(`${emulator!.url}/repos/${TEST_REPO}/issues/1`);
  });
});

describe('errors', () => {
  it('answers 404 with GitHub body for unknown routes, repos and issues', async () => {
    await start();
    for (const path of [
      '/nope',
      '/repos/acme/missing',
      `/repos/${TEST_REPO}/issues/999`,
      `/repos/${TEST_REPO}/pulls`,
      '/orgs/alice/repos',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
  });

  it('answers 422 Validation Failed for bad parameters', async () => {
    await start();
    for (const [query, field] of [
      ['per_page=abc', 'per_page'],
      ['since=yesterday', 'since'],
      ['state=merged', 'state'],
      ['direction=up', 'direction'],
    ]) {
      const res = await get(`/repos/${TEST_REPO}/issues?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body).toMatchObject({
        message: 'Validation Failed',
        errors: [{ field, code: 'invalid' }],
        documentation_url: expect.any(String),
      });
    }
  });

  it('requires a valid token when asked to, accepting both token and Bearer schemes', async () => {
    await start({ requireToken: true, tokens: ['good'] });
    expect((await get('/user')).status).toBe(401);
    expect((await get('/user', { authorization: 'token bad' })).body).toMatchObject({
      message: 'Bad credentials',
    });
    expect((await get('/user', { authorization: 'token good' })).body).toMatchObject({
      login: 'alice',
      user_view_type: 'private',
    });
    expect((await get(`/repos/${TEST_REPO}`, { authorization: 'Bearer good' })).status).toBe(200);
  });
});

describe('ETag and rate limits', () => {
  it('answers 304 to a matching If-None-Match without using the rate limit', async () => {
    await start({ rateLimit: { limit: 10 } });
    const first = await get(`/repos/${TEST_REPO}/issues`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('9');
    const again = await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('x-ratelimit-remaining')).toBe('9');
    expect(again.headers.get('x-ratelimit-used')).toBe('1');
    emulator!.updateIssue(TEST_REPO, 2, { title: 'Changed' });
    const changed = await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues`, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
  });

  it('exhausts the primary limit with 403 and recovers when the window resets', async () => {
    await start({ rateLimit: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await get(`/repos/${TEST_REPO}`)).status).toBe(200);
    const blocked = await get(`/repos/${TEST_REPO}`);
    expect(blocked.status).toBe(403);
    expect((blocked.body as { message: string }).message).toMatch(/^API rate limit exceeded/);
    expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(blocked.headers.get('x-ratelimit-reset'));
    expect(reset).toBe(Date.parse('2024-06-01T00:01:00Z') / 1000);
    expect(blocked.headers.get('x-ratelimit-resource')).toBe('core');
    const overview = (await get('/rate_limit')).body as { rate: { remaining: number; used: number } };
    expect(overview.rate).toMatchObject({ remaining: 0, used: 3 });
    emulator!.advanceClock(60_000);
    const after = await get(`/repos/${TEST_REPO}`);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('logs every request with its status', async () => {
    await start();
    await get(`/repos/${TEST_REPO}`);
    await get('/missing');
    expect(emulator!.requests).toMatchObject([
      { seq: 1, method: 'GET', path: `/repos/${TEST_REPO}`, status: 200, fault: null },
      { seq: 2, method: 'GET', path: '/missing', status: 404, fault: null },
    ]);
    emulator!.resetRequestLog();
    expect(emulator!.requests).toEqual([]);
    await get('/missing');
    // Sequence numbers keep growing across a reset, so pollers never see one twice.
    expect(emulator!.requests).toMatchObject([{ seq: 3, path: '/missing' }]);
  });
});

describe('Last-Modified and If-Modified-Since', () => {
  // In the test dataset issue n is updated on day(100 - n) of 2024 and the repository on day(99).
  const dayDate = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toUTCString();

  it('sends the updated_at of a resource, and the newest on a list page (the repository when empty)', async () => {
    await start();
    expect((await get(`/repos/${TEST_REPO}`)).headers.get('last-modified')).toBe(dayDate(99));
    expect((await get(`/repos/${TEST_REPO}/issues/5`)).headers.get('last-modified')).toBe(dayDate(95));
    // Newest created first: open issues 25 and 23, updated on day 75 and 77.
    expect((await get(`/repos/${TEST_REPO}/issues?per_page=2`)).headers.get('last-modified')).toBe(
      dayDate(77),
    );
    const empty = await get(`/repos/${TEST_REPO}/issues?since=2030-01-01T00:00:00Z`);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('last-modified')).toBe(dayDate(99));
    // Comment 902 was updated on day 50, the others earlier.
    expect((await get(`/repos/${TEST_REPO}/issues/comments`)).headers.get('last-modified')).toBe(dayDate(50));
    expect((await get(`/repos/${TEST_REPO}/issues/2/comments`)).headers.get('last-modified')).toBe(
      dayDate(4),
    );
    expect((await get(`/repos/${TEST_REPO}/labels`)).headers.get('last-modified')).toBe(dayDate(99));
    expect((await get('/orgs/acme/repos')).headers.get('last-modified')).toBe(dayDate(99));
    expect((await get('/rate_limit')).headers.get('last-modified')).toBeNull();
  });

  it('answers 304 when nothing is newer than If-Modified-Since, free of rate-limit cost', async () => {
    await start({ rateLimit: { limit: 10 } });
    const path = `/repos/${TEST_REPO}/issues/5`;
    const first = await get(path);
    const lastModified = first.headers.get('last-modified')!;
    const same = await get(path, { 'if-modified-since': lastModified });
    expect(same.status).toBe(304);
    expect(same.body).toBeNull();
    expect(same.headers.get('last-modified')).toBe(lastModified);
    expect(same.headers.get('x-ratelimit-remaining')).toBe('9');
    const later = await get(path, {
      'if-modified-since': new Date(Date.parse(lastModified) + 3_600_000).toUTCString(),
    });
    expect(later.status).toBe(304);
    const earlier = await get(path, {
      'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString(),
    });
    expect(earlier.status).toBe(200);
    expect((await get(path, { 'if-modified-since': 'not a date' })).status).toBe(200);
    emulator!.updateIssue(TEST_REPO, 5, { title: 'Changed' });
    const changed = await get(path, { 'if-modified-since': lastModified });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('last-modified')).toBe('Sat, 01 Jun 2024 00:00:00 GMT');
  });

  it('lets If-None-Match decide when both are sent', async () => {
    await start();
    const path = `/repos/${TEST_REPO}/issues`;
    const first = await get(path);
    const lastModified = first.headers.get('last-modified')!;
    expect(
      (await get(path, { 'if-none-match': 'W/"stale"', 'if-modified-since': lastModified })).status,
    ).toBe(200);
    expect(
      (
        await get(path, {
          'if-none-match': first.headers.get('etag')!,
          'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT',
        })
      ).status,
    ).toBe(304);
  });
});
