/**
 * Reads many blobs through one `git cat-file --batch` process: the shas are written on its input and
 * its output ("<sha> blob <size>\n<content>\n" or "<sha> missing\n") is cut into blobs as it arrives.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { LoupeError } from '../../core/errors.ts';

/**
 * Calls `onBlob(sha, content)` for every sha, in order; content is null when the object is missing
 * (partial clones, snapshots without their largest files) or larger than `maxBytes`. With `checkOnly`
 * (`--batch-check`) contents are not read: present objects get an empty buffer.
 */
export async function readBlobs(
  repoDir: string,
  shas: readonly string[],
  onBlob: (sha: string, content: Buffer | null) => void,
  maxBytes = 512 * 1024,
  checkOnly = false,
): Promise<void> {
  if (shas.length === 0) return;
  const child = spawn('git', ['cat-file', checkOnly ? '--batch-check' : '--batch'], {
    cwd: repoDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const closed = once(child, 'close');
  const writing = (async () => {
    for (const sha of shas) {
      if (!child.stdin.write(`${sha}\n`)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
  })();
  let pending: Buffer = Buffer.alloc(0);
  let next = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      const newline = pending.indexOf(10);
      if (newline < 0) break;
      const header = pending.subarray(0, newline).toString('utf8').split(' ');
      if (header[1] === 'missing' || header.length < 3) {
        onBlob(shas[next++]!, null);
        pending = pending.subarray(newline + 1);
        continue;
      }
      const size = Number(header[2]);
      if (checkOnly) {
        onBlob(shas[next++]!, Buffer.alloc(0));
        pending = pending.subarray(newline + 1);
        continue;
      }
      if (pending.length < newline + 1 + size + 1) break;
      onBlob(
        shas[next++]!,
        size > maxBytes || header[1] !== 'blob' ? null : pending.subarray(newline + 1, newline + 1 + size),
      );
      pending = pending.subarray(newline + 1 + size + 1);
    }
  }
  await writing;
  const [code] = (await closed) as [number | null];
  if (code !== 0 || next !== shas.length) {
    throw new LoupeError(
      'INVALID_INPUT',
      `git cat-file failed in ${repoDir}: ${stderr.trim() || `read ${next} of ${shas.length} objects`}`,
    );
  }
}
