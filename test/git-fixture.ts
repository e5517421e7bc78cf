/**
 * A tiny git repository made in a temporary directory for the detector's tests: an HTTP client,
 * an issue opened (dated) after its first commits, then a commit that adds what the issue asks for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitFixture {
  dir: string;
  /** Commit shas, oldest first: initial, docs, fix. */
  commits: { initial: string; docs: string; fix: string };
  /** GitHub REST shape of the issue the fix implements (#42, opened between docs and fix). */
  issue: Record<string, unknown>;
}

export async function createGitFixture(): Promise<GitFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'loupe-git-'));
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@example.com',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
    }).trim();
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };
  const commit = (message: string, date: string) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], date);
    return git(['rev-parse', 'HEAD']);
  };
  git(['init', '-q', '-b', 'main']);
  await write(
    'src/client.ts',
    'export class HttpClient {\n  timeout = 30;\n  get(url: string) { return fetch(url); }\n}\n',
  );
  await write('logo.png', '\x89PNG\x00\x00binary');
  const initial = commit('Initial HTTP client', '2024-01-01T10:00:00Z');
  await write('README.md', '# client\nUsage: new HttpClient().get(url)\n');
  const docs = commit('Readme', '2024-02-01T10:00:00Z');
  await write(
    'src/client.ts',
    'export class HttpClient {\n  timeout = 30;\n  retryDelay = 0;\n  get(url: string) { return fetch(url); }\n}\nexport function withRetryDelay(client: HttpClient, ms: number) { client.retryDelay = ms; }\n',
  );
  await write(
    'tests/client.test.ts',
    'test("withRetryDelay waits", () => withRetryDelay(new HttpClient(), 5));\n',
  );
  await write('CHANGELOG.md', '## 1.1\n- retryDelay option\n');
  const fix = commit('Add a retry delay (fixes #42)', '2024-03-10T10:00:00Z');
  const issue = {
    url: 'https://api.github.com/repos/octo/client/issues/42',
    repository_url: 'https://api.github.com/repos/octo/client',
    html_url: 'https://github.com/octo/client/issues/42',
    number: 42,
    state: 'closed',
    labels: [{ name: 'enhancement' }],
    title: 'Add a `retryDelay` option to HttpClient',
    body: 'Flaky networks: a `retryDelay` (see `withRetryDelay`) would wait between attempts.',
    created_at: '2024-03-01T09:00:00Z',
  };
  return { dir, commits: { initial, docs, fix }, issue };
}
