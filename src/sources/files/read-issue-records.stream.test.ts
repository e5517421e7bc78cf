/**
 * Proves streaming: a 50 MB CSV is read by a child Node process whose heap is capped at 32 MB, so
 * a reader that held the file (or all its records) would die of out-of-memory instead of passing.
 * A child process is used because the test runner's own heap is shared and not controllable.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const RECORDS = 10_000;
const HEAP_CAP_MB = 32;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'loupe-stream-'));
  file = path.join(dir, 'big.csv');
  const out = createWriteStream(file);
  out.write('id,title,body,label\r\n');
  // ~5 KB per record, 3 lines each: quotes, commas and CRLF inside the body.
  const body = `"first line, with ""quotes""\r\n${'lorem ipsum dolor sit amet '.repeat(190)}\r\nlast line"`;
  for (let i = 1; i <= RECORDS; i++) {
    if (!out.write(`${i},Title ${i},${body},bug\r\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it(`reads a 50 MB CSV in a child process capped at ${HEAP_CAP_MB} MB of heap`, async () => {
  const script = `
    import { readIssueRecords } from ${JSON.stringify(path.join(here, 'read-issue-records.ts'))};
    let count = 0, peak = 0, last = null;
    for await (const record of readIssueRecords(${JSON.stringify(file)})) {
      count++;
      last = record;
      if (count % 250 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    console.log(JSON.stringify({ count, peakMb: peak / 2 ** 20, lastId: last.id, lastLine: last.line, bodyLength: last.body.length }));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: repoRoot, maxBuffer: 1024 * 1024 },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  expect(result.count).toBe(RECORDS);
  expect(result.lastId).toBe(String(RECORDS));
  expect(result.lastLine).toBe(2 + (RECORDS - 1) * 3);
  expect(result.bodyLength).toBeGreaterThan(5000);
  // The file is ~50 MB; the live heap while reading stays a small fraction of it.
  expect(result.peakMb).toBeLessThan(HEAP_CAP_MB);
});
