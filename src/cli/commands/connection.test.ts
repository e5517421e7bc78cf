/**
 * `loupe connection add|list|remove` end to end, in child processes, against the bundled GitHub
 * emulator that answers only the connection's token: the token is sealed (a key generated into the
 * data dir, and said so), never printed, and is what a repository added through the connection is
 * read with.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/index.ts';
import { testDataset } from '../../emulators/github/test-dataset.fixture.ts';
import { runLoupeCli, type CliRun } from '../../../test/run-loupe-cli.ts';

const TOKEN = 'ghp_cliConnectionSecret0123456789';

let emulator: GitHubEmulator;
let dataDir: string;

function loupe(args: string[]): Promise<CliRun> {
  return runLoupeCli(args, {
    LOUPE_DATA_DIR: dataDir,
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: '',
    DATABASE_URL: '',
    LOUPE_SECRET_KEY: undefined,
    CONNECTION_TOKEN: TOKEN,
  });
}

beforeAll(async () => {
  emulator = await startGitHubEmulator({ dataset: testDataset(3), requireToken: true, tokens: [TOKEN] });
  dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-connection-cli-'));
});
afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

// Each step starts a process that opens the embedded database: seconds each on a busy machine.
describe('loupe connection add / list / remove', { timeout: 120_000 }, () => {
  it('refuses --token with --token-env, and an empty variable, before opening anything', async () => {
    const both = await loupe([
      'connection',
      'add',
      'github',
      '--token',
      'x',
      '--token-env',
      'CONNECTION_TOKEN',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('loupe: give --token or --token-env, not both\n');
    const empty = await loupe(['connection', 'add', 'github', '--token-env', 'NO_SUCH_VARIABLE_SET']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('NO_SUCH_VARIABLE_SET is empty or not set');
  });

  it('adds a connection with the token sealed under a key it generates, and never prints the token', async () => {
    const run = await loupe([
      'connection',
      'add',
      'github',
      '--name',
      'gh',
      '--base-url',
      emulator.url,
      '--token-env',
      'CONNECTION_TOKEN',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Added connection gh (github, ${emulator.url}, token stored encrypted)`);
    expect(run.stderr).toContain('secret.key');
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    expect((await stat(path.join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    // Nothing in the data dir holds the token in the clear.
    expect(await readFile(path.join(dataDir, 'secret.key'), 'utf8')).not.toContain(TOKEN);
  });

  it('lists it without its token', async () => {
    const run = await loupe(['connection', 'list', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ name: 'gh', kind: 'github', baseUrl: emulator.url, hasCredentials: true }),
    ]);
    expect(run.stdout).not.toContain(TOKEN);
  });

  it('adds a repository read through the connection (the process has no token of its own)', async () => {
    const without = await loupe(['repo', 'add', 'acme/widgets']);
    expect(without.code).toBe(1);
    const through = await loupe(['repo', 'add', 'acme/widgets', '--connection', 'gh']);
    expect(through.stderr).toBe('');
    expect(through.code).toBe(0);
  });

  it('refuses to remove a connection a repository is read through, and an unknown workspace', async () => {
    const used = await loupe(['connection', 'remove', 'gh']);
    expect(used.code).not.toBe(0);
    expect(used.stderr).toMatch(/acme\/widgets/);
    const elsewhere = await loupe(['connection', 'list', '--workspace', 'nope']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('No workspace "nope"');
  });

  it('removes it once no repository uses it', async () => {
    expect((await loupe(['repo', 'remove', 'acme/widgets', '--yes'])).code).toBe(0);
    const removed = await loupe(['connection', 'remove', 'gh']);
    expect(removed.stderr).toBe('');
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed connection gh.\n' });
    expect(JSON.parse((await loupe(['connection', 'list', '--json'])).stdout)).toEqual([]);
  });
});
