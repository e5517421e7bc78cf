/**
 * POST /api/repos checks the repository with GitHub (here the bundled emulator) before storing it;
 * DELETE /api/repos/:id removes one with everything stored for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../../test/api-test-app.ts';
import { createGitHubCheckClient } from '../../../sources/github/github-client.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../../../emulators/github/index.ts';
import { testDataset } from '../../../emulators/github/test-dataset.fixture.ts';
import { createSourceRegistry } from '../../../sources/source-registry.ts';

type ErrorJson = { error: { code: string; message: string; details?: Record<string, unknown> } };

const githubSources = () => {
  const client = (apiUrl: string) => createGitHubCheckClient({ token: null, apiUrl });
  return createSourceRegistry({ github: { clientFor: client, checkClientFor: client } });
};

describe('repositories API against the GitHub emulator', () => {
  let emulator: GitHubEmulator;
  let api: ApiTestApp;
  const post = (fullName: string) =>
    api.app.inject({ method: 'POST', url: '/api/repos', payload: { fullName } });
  const listed = async () =>
    ((await api.app.inject({ url: '/api/repos' })).json() as { repos: { fullName: string }[] }).repos.map(
      (r) => r.fullName,
    );

  beforeAll(async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(3) });
    api = await buildApiTestApp({ sources: githubSources(), githubApiUrl: emulator.url });
  });
  afterAll(async () => {
    await api?.close();
    await emulator?.close();
  });

  it('POST adds a repository GitHub knows, with its description, and queues its sync (202)', async () => {
    const response = await post('acme/widgets');
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({
      repo: { fullName: 'acme/widgets', description: 'Widgets', sync: { status: 'queued' } },
      jobId: expect.any(String),
    });
  });

  it('POST answers 404 naming an unknown repository and what to do, and stores nothing', async () => {
    const response = await post('acme/no-such-repo');
    expect(response.statusCode).toBe(404);
    const { error } = response.json() as ErrorJson;
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^acme\/no-such-repo was not found on 127\.0\.0\.1:\d+ .*set GITHUB_TOKEN/);
    expect(await listed()).not.toContain('acme/no-such-repo');
  });

  it('DELETE removes a repository with its issues (204), then answers 404 for it, and records container.removed', async () => {
    const [id] = api.seeded.repoIds;
    const [fullName] = api.seeded.repoFullNames;
    const issuesBefore = (await api.app.inject({ url: `/api/issues?repo=${fullName}` })).json() as {
      total: number;
    };
    expect(issuesBefore.total).toBeGreaterThan(0);

    const removed = await api.app.inject({ method: 'DELETE', url: `/api/repos/${id}` });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');

    expect((await api.app.inject({ url: `/api/repos/${id}` })).statusCode).toBe(404);
    expect(await listed()).not.toContain(fullName);
    const issuesAfter = (await api.app.inject({ url: `/api/issues?repo=${fullName}` })).json() as {
      total: number;
    };
    expect(issuesAfter.total).toBe(0);
    const events = (await api.app.inject({ url: '/api/events?type=container.removed' })).json() as {
      events: { repoId: number; payload: Record<string, unknown> }[];
    };
    expect(events.events).toMatchObject([
      { repoId: id, payload: { key: fullName, source: 'github', issues: 6, comments: 1 } },
    ]);

    const again = await api.app.inject({ method: 'DELETE', url: `/api/repos/${id}` });
    expect(again.statusCode).toBe(404);
    expect((again.json() as ErrorJson).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(new RegExp(`No repository with id ${id}`)),
    });
  });
});

describe('POST /api/repos when GitHub cannot be reached', () => {
  let api: ApiTestApp;
  let stoppedUrl: string;

  beforeAll(async () => {
    // An emulator that was stopped: its port now refuses connections.
    const emulator = await startGitHubEmulator({ dataset: testDataset(1) });
    stoppedUrl = emulator.url;
    await emulator.close();
    api = await buildApiTestApp({ sources: githubSources(), githubApiUrl: stoppedUrl });
  });
  afterAll(async () => api?.close());

  it('answers 503 within seconds, naming the host and the cause, and stores nothing', async () => {
    const started = Date.now();
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/repos',
      payload: { fullName: 'acme/widgets' },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response.statusCode).toBe(503);
    const { error } = response.json() as ErrorJson;
    const host = new URL(stoppedUrl).host;
    expect(error).toMatchObject({ code: 'SOURCE_UNREACHABLE', details: { host } });
    expect(error.message).toMatch(
      new RegExp(
        `^Could not reach ${host.replaceAll('.', '\\.')} while reading acme/widgets: .*ECONNREFUSED.*GITHUB_API_URL`,
      ),
    );
    const { repos } = (await api.app.inject({ url: '/api/repos' })).json() as {
      repos: { fullName: string }[];
    };
    expect(repos.map((r) => r.fullName)).not.toContain('acme/widgets');
  });
});
