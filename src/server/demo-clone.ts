/**
 * The demo's "already implemented?": a small git history of loupe-demo/lumen (demo-git-history.json,
 * committed plain data) is written with `git fast-import` into <data dir>/demo-git/lumen.git at each
 * demo start, then cloned like any repository (`loupe repo clone`), so the analysis judges the demo's
 * issues against it. Fixed dates and authors give the same commits every time: a restart fetches
 * nothing new and judges nothing again. Without git the demo runs without verdicts.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ClonesService } from '../services/clones.service.ts';
import { checkGit } from '../sources/git/git-clone.ts';
import { DEMO_WORKSPACE_ID } from '../store/access.repository.ts';
import history from './demo-git-history.json' with { type: 'json' };

const historySchema = z.object({
  repo: z.string(),
  commits: z.array(
    z.object({
      date: z.iso.datetime(),
      author: z.string(),
      email: z.string(),
      message: z.string(),
      files: z.record(z.string(), z.string()),
    }),
  ),
});
type DemoHistory = z.infer<typeof historySchema>;

/** The fast-import stream of the history, on refs/heads/main. */
export function fastImportStream(data: DemoHistory): Buffer {
  const parts: Buffer[] = [];
  const text = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  const blob = (s: string) => text(`data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`);
  data.commits.forEach((commit, index) => {
    const when = `${Math.floor(Date.parse(commit.date) / 1000)} +0000`;
    text(`commit refs/heads/main\nmark :${index + 1}\n`);
    text(
      `author ${commit.author} <${commit.email}> ${when}\ncommitter ${commit.author} <${commit.email}> ${when}\n`,
    );
    blob(commit.message);
    if (index > 0) text(`from :${index}\n`);
    for (const [file, content] of Object.entries(commit.files)) {
      text(`M 100644 inline ${file}\n`);
      blob(content);
    }
    text('\n');
  });
  return Buffer.concat(parts);
}

function git(args: string[], cwd: string, input?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git ${args[0]} failed: ${stderr.trim()}`)),
    );
    child.stdin.end(input);
  });
}

/** Writes the history into a fresh bare repository at `dir`. */
export async function buildDemoGitRepository(dir: string, data: DemoHistory): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await git(['init', '--bare', '--quiet'], dir);
  await git(['symbolic-ref', 'HEAD', 'refs/heads/main'], dir);
  await git(['fast-import', '--quiet'], dir, fastImportStream(data));
}

/**
 * Builds the demo's git history and gives the demo repository its clone. Never fails the demo:
 * without git, or on any error, it logs once and the demo runs without verdicts.
 */
export async function prepareDemoClone(deps: {
  clones: ClonesService;
  dataDir: string;
  log: (message: string) => void;
}): Promise<boolean> {
  const data = historySchema.parse(history);
  try {
    await checkGit();
  } catch (error) {
    deps.log(`demo: ${(error as Error).message}; the demo runs without "already implemented?" verdicts`);
    return false;
  }
  try {
    const upstream = path.join(deps.dataDir, 'demo-git', `${data.repo.split('/')[1]}.git`);
    await buildDemoGitRepository(upstream, data);
    // A removed demo repository comes back at the next start without its clone record: start afresh.
    await deps.clones.clone(DEMO_WORKSPACE_ID, data.repo, { from: upstream, replaceUnrecorded: true });
    return true;
  } catch (error) {
    deps.log(
      `demo: no git history for ${data.repo} (${(error as Error).message}); no "already implemented?" verdicts`,
    );
    return false;
  }
}
