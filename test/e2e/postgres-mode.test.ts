import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createScratchPostgresDatabase } from '../scratch-postgres.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runLoupeServer, type RunningLoupe } from '../../src/server/run-server.ts';
import {
  generateDemoDataset,
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../src/emulators/github/index.ts';

const LOUPE = fileURLToPath(new URL('../../bin/loupe.js', import.meta.url));
const onPostgres = process.env.LOUPE_TEST_ENGINE === 'postgres' && Boolean(process.env.DATABASE_URL);

/** The scale-out shape: one API process with no workers, and two `loupe worker` processes, one PostgreSQL. */
describe.skipIf(!onPostgres)('PostgreSQL mode: API process + separate worker processes', () => {
  const dataset = generateDemoDataset({ seed: 21, repos: 3, issuesPerRepo: 150, commentsPerIssue: 1 });
  let emulator: GitHubEmulator;
  let loupe: RunningLoupe;
  let databaseUrl: string;
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>> | undefined;
  const workers: ReturnType<typeof spawn>[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase(process.env.DATABASE_URL!, `loupe_scale_${process.pid}`);
    databaseUrl = scratch.url;
    emulator = await startGitHubEmulator({ dataset });
    const env = {
      DATABASE_URL: databaseUrl,
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: 'test',
      LOUPE_WORKERS: 'external',
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    loupe = await runLoupeServer({ config: loadConfig(env), demo: 'off', serveWeb: false });
    for (let i = 0; i < 2; i++) {
      workers.push(
        spawn(process.execPath, [LOUPE, 'worker', '--concurrency', '2'], {
          env: { ...process.env, ...env },
          stdio: 'ignore',
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(
      workers.map(
        (w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('exit', resolve))),
      ),
    );
    await loupe?.close();
    await emulator?.close();
    await scratch?.drop();
  });

  it('repositories added through the API are synced by the worker processes', async () => {
    for (const repo of dataset.repos) {
      const response = await fetch(`${loupe.url}/api/repos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fullName: `${repo.owner}/${repo.name}` }),
      });
      expect(response.status).toBe(202);
    }
    const deadline = Date.now() + 60_000;
    let repos: {
      fullName: string;
      issueCount: number;
      pullRequestCount: number;
      sync: { status: string };
    }[] = [];
    while (Date.now() < deadline) {
      repos = ((await (await fetch(`${loupe.url}/api/repos`)).json()) as { repos: typeof repos }).repos;
      if (repos.every((r) => r.sync.status === 'succeeded')) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(repos.map((r) => r.sync.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const stored = repos.reduce((n, r) => n + r.issueCount + r.pullRequestCount, 0);
    expect(stored).toBe(dataset.issues.length);
    const health = (await (await fetch(`${loupe.url}/health`)).json()) as { engine: string };
    expect(health.engine).toBe('postgres');
    const search = (await (
      await fetch(`${loupe.url}/api/search?q=${encodeURIComponent(dataset.issues[0]!.title.split(' ')[0]!)}`)
    ).json()) as { total: number };
    expect(search.total).toBeGreaterThan(0);
  });
});
