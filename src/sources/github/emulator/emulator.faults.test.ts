/**
 * Injected faults behave like the failures a GitHub client meets: error statuses, secondary rate
 * limits, hangs, torn bodies and connection resets, each for exactly `times` matching requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
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
    expect(((await res.json()) as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
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
    await expect(fetch(url(`/repos/${TEST_REPO}`), { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
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

  it('resets the connection', async () => {
    await start();
    emulator!.injectFault({ kind: 'reset' });
    await expect(fetch(url(`/repos/${TEST_REPO}`))).rejects.toThrow(/fetch failed/);
    expect(emulator!.requests[0]).toMatchObject({ status: 0 });
    expect((await fetch(url(`/repos/${TEST_REPO}`))).status).toBe(200);
  });
});
