/**
 * Cloning and fetching through the git CLI: the clones "already implemented?" reads. Clones are
 * bare (no working tree to keep in step) and fetch every branch into refs/heads, so HEAD follows the
 * default branch of the origin.
 */
import { execFile } from 'node:child_process';
import { LoupeError } from '../../core/errors.ts';
import { resolveCommit } from './git-cli.ts';

function git(args: readonly string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'color.ui=never', ...args],
      // No prompt for credentials: a clone that needs them fails with a message instead of hanging.
      { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr })) : resolve({ stdout, stderr }),
    );
  });
}

/** Throws GIT_UNAVAILABLE when the git command line cannot run; returns its version line. */
export async function checkGit(): Promise<string> {
  try {
    return (await git(['--version'])).stdout.trim();
  } catch (error) {
    throw new LoupeError(
      'GIT_UNAVAILABLE',
      `cannot run git (${(error as Error).message.split('\n', 1)[0]}): install the git command line and make sure it is on PATH`,
    );
  }
}

const firstLine = (error: unknown): string =>
  ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').at(-1) ?? '';

/** `git clone --bare` of `url` (a URL or a local path) into `dir`; returns the full sha of HEAD. */
export async function cloneBare(url: string, dir: string): Promise<string> {
  try {
    await git(['clone', '--bare', '--quiet', '--', url, dir]);
    await git(['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*'], dir);
  } catch (error) {
    throw new LoupeError('CLONE_FAILED', `git could not clone ${url}: ${firstLine(error)}`, { url, dir });
  }
  return headOf(dir, url);
}

/** `git fetch --prune origin` in a bare clone; returns the full sha of HEAD afterwards. */
export async function fetchBare(dir: string): Promise<string> {
  try {
    await git(['fetch', '--quiet', '--prune', 'origin'], dir);
  } catch (error) {
    throw new LoupeError('CLONE_FAILED', `git could not fetch into ${dir}: ${firstLine(error)}`, { dir });
  }
  return headOf(dir, dir);
}

async function headOf(dir: string, what: string): Promise<string> {
  try {
    return await resolveCommit(dir, 'HEAD');
  } catch {
    throw new LoupeError(
      'CLONE_FAILED',
      `${what} has no commit on its default branch (an empty repository?)`,
      {
        dir,
      },
    );
  }
}
