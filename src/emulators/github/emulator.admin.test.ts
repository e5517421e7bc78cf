/**
 * The /_emulator/ control plane over real HTTP, as a chaos benchmark in another process uses it:
 * faults, the request log, the true state, the clock and mutations, with 400s for bad input. Admin
 * calls themselves are never faulted, rate-limited or logged.
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
  body: Record<string, unknown>;
  headers: Headers;
}

async function admin(method: string, path: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${emulator!.url}/_emulator${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const api = async (path: string): Promise<number> => (await fetch(`${emulator!.url}${path}`)).status;

describe('/_emulator/faults', () => {
  it('adds rules given as one rule, a list or a compact spec, lists them live and clears them', async () => {
    await start({ faultSeed: 9 });
    expect(await admin('GET', '/faults')).toMatchObject({ status: 200, body: { seed: 9, faults: [] } });
    const one = await admin('POST', '/faults', { kind: 'status', status: 502, path: '/labels$', times: 2 });
    expect(one.status).toBe(201);
    expect(one.body).toEqual({
      added: [
        {
          id: 1,
          remaining: 2,
          fired: 0,
          rule: { kind: 'status', status: 502, path: '\\/labels$', times: 2 },
        },
      ],
    });
    const list = await admin('POST', '/faults', [
      { kind: 'reset', path: '^/never' },
      { kind: 'truncate', bytes: 3, probability: 0.5, path: '^/never' },
    ]);
    expect((list.body.added as { id: number }[]).map((r) => r.id)).toEqual([2, 3]);
    const spec = await admin('POST', '/faults', { spec: '429=2@/issues/comments:x3' });
    expect(spec.body.added).toEqual([
      {
        id: 4,
        remaining: 3,
        fired: 0,
        rule: { kind: 'rate-limit-429', retryAfterSeconds: 2, path: '\\/issues\\/comments', times: 3 },
      },
    ]);
    expect(await api(`/repos/${TEST_REPO}/labels`)).toBe(502);
    expect(await api(`/repos/${TEST_REPO}/issues/comments`)).toBe(429);
    const live = (await admin('GET', '/faults')).body.faults as {
      id: number;
      remaining: number | null;
      fired: number;
    }[];
    expect(live.map((r) => [r.id, r.remaining, r.fired])).toEqual([
      [1, 1, 1],
      [2, 1, 0],
      [3, null, 0],
      [4, 2, 1],
    ]);
    expect(await admin('DELETE', '/faults')).toEqual(
      expect.objectContaining({ status: 200, body: { removed: 4 } }),
    );
    expect(await api(`/repos/${TEST_REPO}/labels`)).toBe(200);
    expect((await admin('GET', '/faults')).body.faults).toEqual([]);
  });

  it('answers 400 with every problem for bad rules and specs', async () => {
    await start();
    const bad = await admin('POST', '/faults', [{ kind: 'status' }, { kind: 'reset', probability: 3 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid fault rules: rule 1\.status: .*; rule 2\.probability: /);
    expect(bad.body.errors).toHaveLength(2);
    const badSpec = await admin('POST', '/faults', { spec: 'status=502:10%,bogus' });
    expect(badSpec).toMatchObject({
      status: 400,
      body: { errors: [expect.stringMatching(/^item 2 "bogus": unknown kind/)] },
    });
    expect((await admin('POST', '/faults', { spec: 5 })).body.message).toMatch(/"spec" must be a string/);
    expect((await admin('POST', '/faults', { spec: 'reset', kind: 'reset' })).body.message).toMatch(
      /takes no other fields \(got kind\)/,
    );
    expect(await admin('POST', '/faults', '{"kind":')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^body is not valid JSON/) },
    });
    expect(await admin('POST', '/faults')).toMatchObject({
      status: 400,
      body: { message: 'a JSON body is required' },
    });
    expect((await admin('GET', '/faults')).body.faults).toEqual([]);
  });

  it('never faults, rate-limits or logs admin requests', async () => {
    await start({ rateLimit: { limit: 1 } });
    await admin('POST', '/faults', { kind: 'reset', probability: 1 });
    for (let i = 0; i < 5; i++) expect((await admin('GET', '/clock')).status).toBe(200);
    await expect(fetch(`${emulator!.url}/repos/${TEST_REPO}`)).rejects.toThrow(/fetch failed/);
    await admin('DELETE', '/faults');
    const res = await fetch(`${emulator!.url}/repos/${TEST_REPO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(emulator!.requests.map((r) => [r.path, r.status, r.fault])).toEqual([
      [`/repos/${TEST_REPO}`, 0, 'reset'],
      [`/repos/${TEST_REPO}`, 200, null],
    ]);
  });
});

describe('/_emulator/requests', () => {
  it('lists requests after a seq, with status 0 for resets, and clears without reusing seqs', async () => {
    await start();
    await api(`/repos/${TEST_REPO}`);
    emulator!.injectFault({ kind: 'reset', path: /\/labels$/ });
    await fetch(`${emulator!.url}/repos/${TEST_REPO}/labels`).catch(() => undefined);
    await api('/nope');
    const all = (await admin('GET', '/requests')).body.requests as Record<string, unknown>[];
    expect(all.map((r) => [r.seq, r.method, r.path, r.status, r.fault])).toEqual([
      [1, 'GET', `/repos/${TEST_REPO}`, 200, null],
      [2, 'GET', `/repos/${TEST_REPO}/labels`, 0, 'reset'],
      [3, 'GET', '/nope', 404, null],
    ]);
    expect(Object.keys(all[0]!).sort()).toEqual([
      'at',
      'durationMs',
      'fault',
      'method',
      'path',
      'seq',
      'status',
    ]);
    expect(
      ((await admin('GET', '/requests?after=2')).body.requests as { seq: number }[]).map((r) => r.seq),
    ).toEqual([3]);
    expect((await admin('GET', '/requests?after=3')).body.requests).toEqual([]);
    expect(await admin('DELETE', '/requests')).toMatchObject({ status: 200, body: { removed: 3 } });
    expect(emulator!.requests).toEqual([]);
    await api('/nope');
    expect(((await admin('GET', '/requests')).body.requests as { seq: number }[]).map((r) => r.seq)).toEqual([
      4,
    ]);
  });

  it('answers 400 for a bad `after`', async () => {
    await start();
    for (const after of ['-1', 'abc', '1.5']) {
      const res = await admin('GET', `/requests?after=${after}`);
      expect(res.status, after).toBe(400);
      expect(res.body.message).toMatch(/"after" must be a request seq/);
    }
  });
});

describe('/_emulator/clock', () => {
  it('reads, sets, advances and releases the clock', async () => {
    await start();
    expect((await admin('GET', '/clock')).body).toEqual({
      now: '2024-06-01T00:00:00Z',
      nowMs: Date.parse('2024-06-01T00:00:00Z'),
      frozen: true,
    });
    expect((await admin('POST', '/clock', { set: '2024-07-01T12:00:00Z' })).body).toMatchObject({
      now: '2024-07-01T12:00:00Z',
    });
    expect((await admin('POST', '/clock', { advanceMs: 90_000 })).body).toMatchObject({
      now: '2024-07-01T12:01:30Z',
      frozen: true,
    });
    emulator!.updateIssue(TEST_REPO, 3, { title: 'At the set time' });
    expect(emulator!.snapshotState()!.repos[0]!.issues[2]!.updatedAt).toBe('2024-07-01T12:01:30Z');
    const real = await admin('POST', '/clock', { real: true });
    expect(real.body.frozen).toBe(false);
    expect(Math.abs((real.body.nowMs as number) - Date.now())).toBeLessThan(5_000);
  });

  it('answers 400 for anything but exactly one valid field', async () => {
    await start();
    for (const [body, message] of [
      [{}, /exactly one of/],
      [{ set: '2024-01-01T00:00:00Z', advanceMs: 1 }, /exactly one of/],
      [{ set: 'tomorrow' }, /"set" must be an ISO-8601 time/],
      [{ advanceMs: -5 }, /"advanceMs" must be an integer >= 0/],
      [{ real: false }, /"real" must be true/],
      [{ rewind: 1 }, /unknown field "rewind"/],
      [[1], /exactly one of/],
    ] as const) {
      const res = await admin('POST', '/clock', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    expect((await admin('GET', '/clock')).body.now).toBe('2024-06-01T00:00:00Z');
  });
});

describe('admin routing', () => {
  it('answers 404 for unknown admin routes and 405 with Allow for other methods', async () => {
    await start();
    const unknown = await admin('GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(
      /No emulator admin route \/_emulator\/nope; there are .*\/_emulator\/faults/,
    );
    const wrong = await admin('PUT', '/state');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(emulator!.requests).toEqual([]);
  });
});
