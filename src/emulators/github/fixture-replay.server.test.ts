/**
 * The replay server serves recorded api.github.com traffic (from @octokit/fixtures) and fails on
 * anything unexpected; the recorded issues are also the reference for the emulator's issue shape.
 */
import { createRequire } from 'node:module';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoDataset } from './demo-dataset.generator.ts';
import { startGitHubEmulator } from './emulator.server.ts';
import { startFixtureReplayServer } from './fixture-replay.server.ts';
import type { FixtureReplayServer } from './fixture-replay.server.ts';

const require = createRequire(import.meta.url);
const scenario =
  require('@octokit/fixtures/scenarios/api.github.com/paginate-issues/normalized-fixture.json') as {
    response: unknown;
  }[];
const PaginatingOctokit = Octokit.plugin(paginateRest);
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function replay(): Promise<FixtureReplayServer> {
  const server = await startFixtureReplayServer(scenario);
  closers.push(() => server.close());
  return server;
}

/** Keys of `reference` missing from `actual`, recursing where both hold objects. */
function missingKeys(reference: unknown, actual: unknown, prefix = ''): string[] {
  if (!isObject(reference) || !isObject(actual)) return [];
  const missing: string[] = [];
  for (const [key, value] of Object.entries(reference)) {
    if (!(key in actual)) missing.push(`${prefix}${key}`);
    else missing.push(...missingKeys(value, actual[key], `${prefix}${key}.`));
  }
  return missing;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

describe('startFixtureReplayServer', () => {
  it('replays the recorded pagination so a real client gets every recorded issue', async () => {
    const server = await replay();
    const octokit = new PaginatingOctokit({ auth: 'token-not-checked', baseUrl: server.url });
    const issues = await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
      owner: 'octokit-fixture-org',
      repo: 'paginate-issues',
      per_page: 3,
    });
    const recorded = scenario.flatMap((s) => s.response as unknown[]);
    expect(issues).toHaveLength(recorded.length);
    expect(issues.map((i) => i.number)).toEqual(recorded.map((i) => (i as { number: number }).number));
    expect(() => server.assertDone()).not.toThrow();
  });

  it('answers 500 to an unexpected request and reports it', async () => {
    const server = await replay();
    const res = await fetch(`${server.url}/repos/octokit-fixture-org/paginate-issues/issues?per_page=50`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { message: string }).message).toMatch(/Unexpected request GET/);
    expect(server.unexpected).toHaveLength(1);
    expect(server.pending()).toBe(scenario.length);
    expect(() => server.assertDone()).toThrow(/unexpected GET .*per_page=50[\s\S]*not requested/);
  });

  it('matches query parameters regardless of their order', async () => {
    const server = await replay();
    const first = await fetch(`${server.url}/repos/octokit-fixture-org/paginate-issues/issues?per_page=3`);
    expect(first.status).toBe(200);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain(`${server.url}/repositories/1000/issues?per_page=3&page=2`);
    const second = await fetch(`${server.url}/repositories/1000/issues?page=2&per_page=3`);
    expect(second.status).toBe(200);
    expect(server.unexpected).toEqual([]);
  });
});

describe('emulator issue shape against recorded api.github.com issues', () => {
  it('has every key the real issues have, nested objects included', async () => {
    const emulator = await startGitHubEmulator({
      dataset: generateDemoDataset({ seed: 3, repos: 1, issuesPerRepo: 40 }),
    });
    closers.push(() => emulator.close());
    const res = await fetch(`${emulator.url}/repos/loupe-demo/lumen/issues?state=all&per_page=100`);
    const ours = (await res.json()) as Record<string, unknown>[];
    const plainIssue = ours.find((i) => !('pull_request' in i));
    expect(plainIssue).toBeDefined();
    const recorded = scenario.flatMap((s) => s.response as unknown[]);
    const missing = new Set(recorded.flatMap((real) => missingKeys(real, plainIssue)));
    expect([...missing]).toEqual([]);
    // And the recorded sample really has a rich shape (guards against an empty reference).
    expect(Object.keys(recorded[0] as object).length).toBeGreaterThan(25);
  });
});
