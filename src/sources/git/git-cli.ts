/**
 * The git command line, the only way Loupe reads a repository (no object parsing of its own).
 * Errors become LoupeErrors that say what to check.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LoupeError } from '../../core/errors.ts';

/** Options that keep git's output stable whatever the user's configuration. */
const STABLE = ['-c', 'core.quotepath=off', '-c', 'log.showSignature=false', '-c', 'color.ui=never'];

function gitError(repoDir: string, args: readonly string[], detail: string): LoupeError {
  const first = detail.trim().split('\n', 1)[0] ?? '';
  return new LoupeError(
    'INVALID_INPUT',
    `git ${args[0] ?? ''} failed in ${repoDir}: ${first || 'no message'} (is it a git repository, and is git installed?)`,
    { args: [...args] },
  );
}

/** Runs git and returns its standard output. */
export function runGit(repoDir: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...STABLE, ...args],
      { cwd: repoDir, maxBuffer: 1 << 30, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error)
          reject(
            (error as NodeJS.ErrnoException).code === 'ENOENT' && !stderr
              ? gitError(repoDir, args, `cannot run git in ${repoDir}`)
              : gitError(repoDir, args, stderr || error.message),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Runs git and yields its output line by line (for outputs too large to hold). */
export async function* streamGitLines(repoDir: string, args: readonly string[]): AsyncGenerator<string> {
  const child = spawn('git', [...STABLE, ...args], { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  try {
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) yield line;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited.catch((error: Error) => {
    throw gitError(repoDir, args, error.message);
  });
  if (code !== 0) throw gitError(repoDir, args, stderr);
}

/** The full sha of a revision (commit), or a LoupeError naming it. */
export async function resolveCommit(repoDir: string, rev: string): Promise<string> {
  try {
    return (await runGit(repoDir, ['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch {
    throw new LoupeError('INVALID_INPUT', `"${rev}" is not a commit of the repository in ${repoDir}`);
  }
}
