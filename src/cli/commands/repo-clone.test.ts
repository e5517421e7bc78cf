/**
 * `loupe repo clone` end to end, in child processes, against the bundled GitHub emulator, a fresh
 * data directory and a real git repository: the messages and exit codes a user sees.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../emulators/github/index.ts';
import { testDataset } from '../../emulators/github/test-dataset.fixture.ts';
import { createGitFixture, type GitFixture } from '../../../test/git-fixture.ts';
import { runLoupeCli, type CliRun } from '../../../test/run-loupe-cli.ts';

let emulator: GitHubEmulator;
let dataDir: string;
let fixture: GitFixture;

function loupe(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runLoupeCli(args, {
    LOUPE_DATA_DIR: dataDir,
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: '',
    DATABASE_URL: '',
    ...env,
  });
}

beforeAll(async () => {
  emulator = await startGitHubEmulator({ dataset: testDataset(3) });
  dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-clone-cli-'));
  fixture = await createGitFixture();
});
afterAll(async () => {
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(fixture.dir, { recursive: true, force: true });
});

describe('loupe repo clone', { timeout: 120_000 }, () => {
  it('refuses a repository the workspace does not follow', async () => {
    const run = await loupe(['repo', 'clone', 'acme/widgets', '--from', fixture.dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'loupe: acme/widgets is not followed in this workspace: add it first with `loupe repo add acme/widgets`\n',
    );
  });

  it('says when git cannot run', async () => {
    expect((await loupe(['repo', 'add', 'acme/widgets'])).code).toBe(0);
    const run = await loupe(['repo', 'clone', 'acme/widgets', '--from', fixture.dir], {
      PATH: '/nonexistent',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^loupe: cannot run git .*install the git command line/);
  });

  it('says when the clone fails, and records nothing', async () => {
    const run = await loupe(['repo', 'clone', 'acme/widgets', '--from', path.join(dataDir, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^loupe: git could not clone .*nowhere/);
    await expect(stat(path.join(dataDir, 'clones', 'acme', 'widgets.git'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('clones bare under the data directory and records the head; again, it fetches', async () => {
    const run = await loupe(['repo', 'clone', 'acme/widgets', '--from', fixture.dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dir = path.join(dataDir, 'clones', 'acme', 'widgets.git');
    expect(run.stdout).toBe(
      `Cloned acme/widgets from ${fixture.dir} into ${dir} (head ${fixture.commits.fix.slice(0, 12)}). Issues are judged at the next analysis: \`loupe sync acme/widgets\`.\n`,
    );
    expect((await stat(path.join(dir, 'HEAD'))).isFile()).toBe(true);
    const again = await loupe(['repo', 'clone', 'acme/widgets']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Fetched acme\/widgets from /);
  });

  it('loupe sync fetches the clone and judges the issues at its head', async () => {
    const run = await loupe(['sync', 'acme/widgets']);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toMatch(/acme\/widgets: judged \d+ issues \("already implemented\?"\)/);
    const again = await loupe(['sync', 'acme/widgets']);
    expect(again.stdout + again.stderr).not.toMatch(/judged/);
  });
});
