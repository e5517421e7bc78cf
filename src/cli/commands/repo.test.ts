/**
 * `loupe repo add` / `repo remove` end to end, in child processes, against the bundled GitHub
 * emulator and a fresh data directory: the messages and exit codes a user sees.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/index.ts';
import { testDataset } from '../../emulators/github/test-dataset.fixture.ts';
import { refusedPort } from '../../../test/refused-port.ts';
import { runLoupeCli, type CliRun } from '../../../test/run-loupe-cli.ts';

let emulator: GitHubEmulator;
let dataDir: string;

function loupe(args: string[]): Promise<CliRun> {
  return runLoupeCli(args, {
    LOUPE_DATA_DIR: dataDir,
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: '',
    DATABASE_URL: '',
  });
}

const listed = async () =>
  (JSON.parse((await loupe(['repo', 'list', '--json'])).stdout) as { fullName: string }[]).map(
    (r) => r.fullName,
  );

beforeAll(async () => {
  emulator = await startGitHubEmulator({ dataset: testDataset(3) });
  dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-repo-cli-'));
});
afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

// Each step starts a process that opens the embedded database: seconds each on a busy machine.
describe('loupe repo add / remove', { timeout: 120_000 }, () => {
  it('refuses a repository GitHub does not know, saying which and what to do, and stores nothing', async () => {
    const run = await loupe(['repo', 'add', 'acme/no-such-repo']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^loupe: acme\/no-such-repo was not found on 127\.0\.0\.1:\d+ .*GITHUB_TOKEN/);
    expect(await listed()).toEqual([]);
  });

  it('fails, naming the host and the cause, when the API URL refuses connections', async () => {
    const port = await refusedPort();
    const run = await loupe(['repo', 'add', 'acme/widgets', '--api-url', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^loupe: Could not reach 127\\.0\\.0\\.1:${port} while reading acme/widgets: .*ECONNREFUSED`,
      ),
    );
  });

  it('adds a repository GitHub knows', async () => {
    const run = await loupe(['repo', 'add', 'acme/widgets']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Added acme/widgets (${emulator.url}). Sync it now with: loupe sync acme/widgets\n`,
    );
  });

  it('remove: an unknown repository is an error that says so', async () => {
    const unknown = await loupe(['repo', 'remove', 'acme/nothing']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^loupe: acme\/nothing is not in this workspace/);
  });

  it('remove without --yes says what would go and removes nothing', async () => {
    const unconfirmed = await loupe(['repo', 'remove', 'acme/widgets']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(
      /This would delete acme\/widgets .*`loupe repo remove acme\/widgets --yes`/,
    );
    expect(await listed()).toEqual(['acme/widgets']);
  });

  it('remove --yes removes it', async () => {
    const removed = await loupe(['repo', 'remove', 'acme/widgets', '--yes']);
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('Removed acme/widgets: 0 issues and pull requests, 0 comments.\n');
    expect(await listed()).toEqual([]);
  });
});
