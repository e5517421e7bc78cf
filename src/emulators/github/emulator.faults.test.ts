/**
 * Injected faults behave like the failures a GitHub client meets: error statuses, secondary rate
 * limits (403 and 429), hangs, torn and empty bodies and connection resets, each for exactly
 * `times` matching requests or, with `probability`, reproducibly for a seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
import type { FaultRule } from './fault-injector.ts';
import { rawGet } from './raw-http.fixture.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: { faults?: FaultRule[]; faultSeed?: number } = {}): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-06-01T00:00:00Z', ...options });
  return emulator;
}

const url = (path: string): string => `${emulator!.url}${path}`;

describe('fault injection', () => {
  it('answers the given status for `times` matching requests only', async () => {
    await start();
    emulator!.injectFault({ kind: 'status', status: 502, path: /\/issues\?/, times: 2 });
    expect((await fetch(url(`/repos/${TEST_REPO}`))).status).toBe(200);
    expect((await fetch(url(`/repos/${TEST_REPO}/issues?page=1`))).status).toBe(502);
    expect((await fetch(url(`/repos/${TEST_REPO}/issues?page=1`))).status).toBe(502);
    expect((await fetch(url(`/repos/${TEST_REPO}/issues?page=1`))).status).toBe(200);
    expect(emulator!.requests.map((r) => r.status)).toEqual([200, 502, 502, 200]);
  });

  it('matches string paths exactly and honours the method', async () => {
    await start();
    emulator!.injectFault({ kind: 'status', status: 500, path: `/repos/${TEST_REPO}`, method: 'POST' });
    emulator!.injectFault({ kind: 'status', status: 503, path: `/repos/${TEST_REPO}` });
    expect((await fetch(url(`/repos/${TEST_REPO}/labels`))).status).toBe(200);
    const res = await fetch(url(`/repos/${TEST_REPO}`));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ message: 'Service Unavailable' });
    emulator!.clearFaults();
    expect((await fetch(url(`/repos/${TEST_REPO}`), { method: 'POST' })).status).toBe(404);
  });

  it('sends a secondary rate limit as 403 with retry-after', async () => {
    await start();
    emulator!.injectFault({ kind: 'secondary-rate-limit', retryAfterSeconds: 30 });
    const res = await fetch(url(`/repos/${TEST_REPO}/issues`));
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    );
    expect((await fetch(url(`/repos/${TEST_REPO}/issues`))).status).toBe(200);
  });

  it('delays the answer by delayMs', async () => {
    await start();
    emulator!.injectFault({ kind: 'timeout', delayMs: 250 });
    const t0 = performance.now();
    const res = await fetch(url(`/repos/${TEST_REPO}`));
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('leaves the request hanging without delayMs, and close() still returns', async () => {
    await start();
    emulator!.injectFault({ kind: 'timeout', times: 2 });
    await expect(fetch(url(`/repos/${TEST_REPO}`), { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
    const hanging = fetch(url(`/repos/${TEST_REPO}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await emulator!.close();
    emulator = undefined;
    await expect(hanging).rejects.toThrow(/fetch failed/);
  });

  it('truncates the body and drops the connection', async () => {
    await start();
    emulator!.injectFault({ kind: 'truncate' });
    const res = await fetch(url(`/repos/${TEST_REPO}/issues`));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('sends half the body by default, or exactly `bytes` of it, under the full content-length', async () => {
    await start();
    const full = await rawGet(emulator!.url, `/repos/${TEST_REPO}/issues`);
    const length = full.body.length;
    expect(Number(full.headers['content-length'])).toBe(length);
    emulator!.injectFault({ kind: 'truncate' });
    emulator!.injectFault({ kind: 'truncate', bytes: 10 });
    emulator!.injectFault({ kind: 'truncate', bytes: 0 });
    for (const expected of [Math.floor(length / 2), 10, 0]) {
      const torn = await rawGet(emulator!.url, `/repos/${TEST_REPO}/issues`);
      expect(torn.status).toBe(200);
      expect(torn.headers['content-length']).toBe(String(length));
      expect(torn.body.length).toBe(expected);
      expect(torn.body.equals(full.body.subarray(0, expected))).toBe(true);
    }
    expect(emulator!.requests.map((r) => r.fault)).toEqual([null, 'truncate', 'truncate', 'truncate']);
  });

  it('answers 429 with retry-after and a GitHub-style message', async () => {
    await start();
    emulator!.injectFault({ kind: 'rate-limit-429', retryAfterSeconds: 2 });
    const res = await fetch(url(`/repos/${TEST_REPO}/issues/comments`));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({
      message: expect.stringMatching(/secondary rate limit/),
      documentation_url: expect.any(String),
    });
    expect((await fetch(url(`/repos/${TEST_REPO}/issues/comments`))).status).toBe(200);
  });

  it('answers 200 with JSON headers and an empty body for empty-body', async () => {
    await start();
    emulator!.injectFault({ kind: 'empty-body', path: `/repos/${TEST_REPO}` });
    const raw = await rawGet(emulator!.url, `/repos/${TEST_REPO}`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(raw.headers['content-length']).toBe('0');
    expect(raw.headers['x-ratelimit-limit']).toBe('5000');
    expect(raw.body.length).toBe(0);
    const res = await fetch(url(`/repos/${TEST_REPO}`));
    expect(((await res.json()) as { full_name: string }).full_name).toBe(TEST_REPO);
    expect(emulator!.requests.map((r) => [r.status, r.fault])).toEqual([
      [200, 'empty-body'],
      [200, null],
    ]);
  });

  it('resets the connection', async () => {
    await start();
    emulator!.injectFault({ kind: 'reset' });
    await expect(fetch(url(`/repos/${TEST_REPO}`))).rejects.toThrow(/fetch failed/);
    expect(emulator!.requests[0]).toMatchObject({ status: 0 });
    expect((await fetch(url(`/repos/${TEST_REPO}`))).status).toBe(200);
  });
});

describe('probabilistic faults', () => {
  async function statuses(seed: number, n: number): Promise<number[]> {
    await start({
      faultSeed: seed,
      faults: [{ kind: 'status', status: 502, probability: 0.3, path: /\/issues/ }],
    });
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await fetch(url(`/repos/${TEST_REPO}/issues`))).status);
    // Requests the rule does not match neither fail nor draw.
    expect((await fetch(url(`/repos/${TEST_REPO}`))).status).toBe(200);
    await emulator!.close();
    emulator = undefined;
    return out;
  }

  it('fails the same requests for the same seed, other ones for another seed', async () => {
    const first = await statuses(42, 40);
    expect(await statuses(42, 40)).toEqual(first);
    expect(await statuses(43, 40)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 502]));
  });

  it('records each request with seq, timing and the fault that shaped it', async () => {
    await start({ faults: [{ kind: 'status', status: 503, path: /labels/ }] });
    await (await fetch(url(`/repos/${TEST_REPO}/labels`))).text();
    await (await fetch(url(`/repos/${TEST_REPO}`))).text();
    const [failed, ok] = emulator!.requests;
    expect(failed).toMatchObject({
      seq: 1,
      method: 'GET',
      path: `/repos/${TEST_REPO}/labels`,
      status: 503,
      fault: 'status',
    });
    expect(ok).toMatchObject({ seq: 2, status: 200, fault: null });
    expect(Date.parse(ok!.at)).not.toBeNaN();
    expect(ok!.durationMs).toBeGreaterThanOrEqual(0);
  });
});
