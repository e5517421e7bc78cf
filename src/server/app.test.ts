import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { runLoupeServer, type RunningLoupe } from './run-server.ts';

/** Polls until every repository's sync has finished (the demo is loaded by real sync jobs). */
async function waitForSyncs(url: string, timeoutMs = 90_000): Promise<{ repos: { fullName: string; issueCount: number; sync: { status: string } }[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${url}/api/repos`)).json()) as { repos: { fullName: string; issueCount: number; sync: { status: string } }[] };
    if (body.repos.length > 0 && body.repos.every((r) => r.sync.status === 'succeeded' || r.sync.status === 'failed')) return body;
    if (Date.now() > deadline) throw new Error(`syncs did not finish: ${JSON.stringify(body.repos.map((r) => r.sync))}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('Loupe server on the demo workspace (PGlite, pg-boss, emulator)', () => {
  let loupe: RunningLoupe;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-app-'));
    const config = loadConfig({ LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    loupe = await runLoupeServer({ config, demo: 'auto', demoSize: { repos: 2, issuesPerRepo: 120 }, serveWeb: false });
    url = loupe.url;
    await waitForSyncs(url);
  }, 120_000);
  afterAll(async () => {
    await loupe?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('health reports the engine', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
  });

  it('lists demo repositories filled by the sync job', async () => {
    const { repos } = await waitForSyncs(url);
    expect(repos).toHaveLength(2);
    for (const repo of repos) {
      expect(repo.sync.status).toBe('succeeded');
      expect(repo.issueCount).toBeGreaterThan(0);
    }
    const workspace = await (await fetch(`${url}/api/workspace`)).json();
    expect(workspace).toMatchObject({ demo: true });
  });

  it('lists, filters, searches and opens issues', async () => {
    const list = (await (await fetch(`${url}/api/issues?limit=5&state=open&type=issue`)).json()) as { issues: { id: string; state: string; isPullRequest: boolean }[]; total: number; nextCursor: string | null; facets: { state: { value: string }[] } };
    expect(list.issues.length).toBe(5);
    expect(list.issues.every((i) => i.state === 'open' && !i.isPullRequest)).toBe(true);
    expect(list.nextCursor).not.toBeNull();
    const next = (await (await fetch(`${url}/api/issues?limit=5&state=open&type=issue&cursor=${list.nextCursor}`)).json()) as { issues: { id: string }[] };
    expect(next.issues.map((i) => i.id)).not.toContain(list.issues[0]!.id);

    const first = list.issues[0]!;
    const detail = (await (await fetch(`${url}/api/issues/${first.id}`)).json()) as { issue: { id: string; body: string }; comments: unknown[] };
    expect(detail.issue.id).toBe(first.id);
    expect(Array.isArray(detail.comments)).toBe(true);

    const word = (await (await fetch(`${url}/api/issues/${first.id}`)).json() as { issue: { title: string } }).issue.title.split(/\W+/).find((w) => w.length > 4)!;
    const search = (await (await fetch(`${url}/api/search?q=${encodeURIComponent(word)}`)).json()) as { issues: { snippetHtml: string | null }[]; total: number };
    expect(search.total).toBeGreaterThan(0);
    expect(search.issues.some((i) => i.snippetHtml?.includes('<mark>'))).toBe(true);
  });

  it('rejects bad input with 400 and a message, unknown ids with 404', async () => {
    const bad = await fetch(`${url}/api/issues?state=maybe`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/state/);
    const noQuery = await fetch(`${url}/api/search`);
    expect(noQuery.status).toBe(400);
    const badRepo = await fetch(`${url}/api/repos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fullName: 'not a repo' }) });
    expect(badRepo.status).toBe(400);
    expect(((await badRepo.json()) as { error: { message: string } }).error.message).toMatch(/owner\/name/);
    const missing = await fetch(`${url}/api/issues/999999`);
    expect(missing.status).toBe(404);
    const badCursor = await fetch(`${url}/api/issues?cursor=garbage`);
    expect(badCursor.status).toBe(400);
  });

  it('adding a repository twice is a 409; a new one is queued', async () => {
    const { repos } = await waitForSyncs(url);
    const again = await fetch(`${url}/api/repos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fullName: repos[0]!.fullName }) });
    expect(again.status).toBe(409);
  });

  it('serves OpenAPI and Prometheus metrics', async () => {
    const openapi = (await (await fetch(`${url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/repos', '/api/issues', '/api/issues/{id}', '/api/search', '/health']));
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/loupe_http_requests_total\{.*route="\/api\/issues".*\} \d+/);
  });
});
