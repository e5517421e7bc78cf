import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDemoDataset,
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../src/emulators/github/index.ts';
import { openDatabase } from '../../src/store/db.ts';

const LOUPE = fileURLToPath(new URL('../../bin/loupe.js', import.meta.url));

function runLoupe(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; output: string }> } {
  const child = spawn(process.execPath, [LOUPE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

describe('loupe sync killed with SIGKILL mid-sync', () => {
  const dataset = generateDemoDataset({ seed: 11, repos: 1, issuesPerRepo: 1500, commentsPerIssue: 1 });
  const fullName = `${dataset.repos[0]!.owner}/${dataset.repos[0]!.name}`;
  let emulator: GitHubEmulator;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    emulator = await startGitHubEmulator({ dataset });
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-kill-'));
    env = { LOUPE_DATA_DIR: dataDir, GITHUB_API_URL: emulator.url, GITHUB_TOKEN: 'test' };
    const added = await runLoupe(['repo', 'add', fullName], env).done;
    expect(added.code, added.output).toBe(0);
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'resumes on the next run and stores every issue and comment exactly once',
    { timeout: 180_000 },
    async () => {
      // Slow every issue page down so the kill lands mid-stream, after some pages were committed.
      emulator.injectFault({ path: /\/issues\?/, kind: 'timeout', delayMs: 150, times: Infinity });
      const first = runLoupe(['sync', fullName], env);
      const deadline = Date.now() + 60_000;
      while (emulator.requests.filter((r) => r.path.includes('/issues?') && r.status === 200).length < 5) {
        if (Date.now() > deadline) throw new Error('sync made no progress');
        await new Promise((r) => setTimeout(r, 20));
      }
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');
      emulator.clearFaults();

      emulator.resetRequestLog();
      const second = await runLoupe(['sync', fullName], env).done;
      expect(second.code, second.output).toBe(0);
      // Resumed from a cursor, not from the start.
      expect(emulator.requests.find((r) => r.path.includes('/issues?'))?.path).toContain('since=');

      const db = await openDatabase({ engine: 'pglite', dataDir });
      try {
        const issues = await db.query<{ n: number; distinct: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT number)::int AS distinct FROM issues',
        );
        expect(issues.rows[0]).toEqual({ n: dataset.issues.length, distinct: dataset.issues.length });
        const comments = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issue_comments');
        expect(comments.rows[0]!.n).toBe(dataset.comments.length);
        const runs = await db.query<{ status: string }>('SELECT status FROM sync_runs ORDER BY id');
        expect(runs.rows.at(-1)!.status).toBe('succeeded');
      } finally {
        await db.close();
      }
    },
  );
});
