import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from './github-client.ts';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './github-retry.ts';
import {
  generateDemoDataset,
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../emulators/github/index.ts';

describe('retryDelayMs', () => {
  it('honours retry-after exactly', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 0, 7)).toBe(7000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 5, 0)).toBe(0);
  });
  it('starts small, doubles, stays between half and all of its ceiling, and is capped', () => {
    const low = { ...DEFAULT_RETRY_POLICY, random: () => 0 };
    const high = { ...DEFAULT_RETRY_POLICY, random: () => 0.999999 };
    expect(retryDelayMs(low, 0, null)).toBe(50);
    expect(retryDelayMs(high, 0, null)).toBe(100);
    expect(retryDelayMs(low, 3, null)).toBe(400);
    expect(retryDelayMs(high, 3, null)).toBe(800);
    expect(retryDelayMs(high, 30, null)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('transient failures against the emulator', () => {
  let emulator: GitHubEmulator;
  const dataset = generateDemoDataset({ seed: 2, repos: 1, issuesPerRepo: 5, commentsPerIssue: 0 });
  const repoPath = `/repos/${dataset.repos[0]!.owner}/${dataset.repos[0]!.name}`;
  beforeAll(async () => {
    emulator = await startGitHubEmulator({ dataset });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('retries 5xx, resets, cut and empty bodies with a short, growing back-off', async () => {
    const waits: number[] = [];
    const client = createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      retry: { sleep: async (ms) => void waits.push(ms), random: () => 0 },
    });
    emulator.injectFault({ path: repoPath, kind: 'status', status: 502 });
    emulator.injectFault({ path: repoPath, kind: 'reset' });
    emulator.injectFault({ path: repoPath, kind: 'truncate' });
    emulator.injectFault({ path: repoPath, kind: 'empty-body' });
    emulator.injectFault({ path: repoPath, kind: 'status', status: 503, body: { message: 'busy' } });
    const response = await client.request('GET /repos/{owner}/{repo}', {
      owner: dataset.repos[0]!.owner,
      repo: dataset.repos[0]!.name,
    });
    expect(response.data.id).toBe(dataset.repos[0]!.id);
    expect(waits).toEqual([50, 100, 200, 400, 800]);
  });

  it("waits exactly what a 429's retry-after says", async () => {
    const logs: string[] = [];
    // retryBaseMs scales a second of waiting down to 5 ms; the logged wait is the header's.
    const client = createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      retryBaseMs: 5,
      onLog: (m) => logs.push(m),
    });
    emulator.injectFault({ path: repoPath, kind: 'rate-limit-429', retryAfterSeconds: 3 });
    const response = await client.request('GET /repos/{owner}/{repo}', {
      owner: dataset.repos[0]!.owner,
      repo: dataset.repos[0]!.name,
    });
    expect(response.status).toBe(200);
    expect(logs.join('\n')).toMatch(/waiting 3s/);
  });

  it('gives up after its retries with the last failure', async () => {
    const client = createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      retry: { retries: 2, sleep: async () => undefined },
    });
    emulator.injectFault({ path: repoPath, kind: 'status', status: 500, times: 3 });
    await expect(
      client.request('GET /repos/{owner}/{repo}', {
        owner: dataset.repos[0]!.owner,
        repo: dataset.repos[0]!.name,
      }),
    ).rejects.toMatchObject({ status: 500 });
    emulator.clearFaults();
  });

  it('does not retry what a retry cannot fix (404)', async () => {
    const waits: number[] = [];
    const client = createGitHubClient({
      token: 't',
      apiUrl: emulator.url,
      retry: { sleep: async (ms) => void waits.push(ms) },
    });
    await expect(
      client.request('GET /repos/{owner}/{repo}', { owner: 'nobody', repo: 'nothing' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(waits).toEqual([]);
  });
});
