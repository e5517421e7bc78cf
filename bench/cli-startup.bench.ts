/**
 * bench:cli-startup — what a plain CLI command costs, start to exit, as a user runs it
 * (`node bin/loupe.js …`, through tsx): wall time and peak RSS of each run, on a small store (one
 * repository of the bundled emulator, added and synced first). Beside them the floors no Loupe code
 * can go under: bare Node, Node with tsx's loader, and PGlite starting on the same data dir (as
 * Loupe's short commands start it, Liftoff only, and with V8's default tiering).
 *
 *   npm run bench:cli-startup -- [--runs 3] [--issues 60]
 *
 * With DATABASE_URL set (a PostgreSQL server), the store commands also run against a scratch
 * database on it. Prints a table, then one JSON object as the last line. Never asserts timings.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgresDatabase } from '../test/scratch-postgres.ts';
import { benchArgs, percentile, printTable, startEmulatorProcess } from './bench-support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOUPE = path.join(ROOT, 'bin/loupe.js');
const args = benchArgs();
const runs = Number(args.get('runs') ?? 3);
const issuesPerRepo = Number(args.get('issues') ?? 60);

const work = await mkdtemp(path.join(tmpdir(), 'loupe-cli-startup-'));
// Each measured process writes its own peak RSS (process.resourceUsage().maxRSS) here as it exits.
const RSS_HOOK = path.join(work, 'report-rss.mjs');
await writeFile(
  RSS_HOOK,
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => { if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n`,
);

interface Run {
  wallMs: number;
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

let runCount = 0;
/** Runs `node [nodeArgs]` with the RSS hook; wall time from spawn to exit. */
async function measure(nodeArgs: string[], env: Record<string, string>): Promise<Run> {
  const rssFile = path.join(work, `rss-${runCount++}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, ...nodeArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  const peakRssMb = Math.round(Number(await readFile(rssFile, 'utf8').catch(() => 'NaN')) / 1024);
  return { wallMs, peakRssMb, code, stdout, stderr };
}

async function loupe(argv: string[], env: Record<string, string>): Promise<Run> {
  const run = await measure([LOUPE, ...argv], env);
  if (run.code !== 0) throw new Error(`loupe ${argv.join(' ')} exited with ${run.code}: ${run.stderr}`);
  return run;
}

const emulator = await startEmulatorProcess({ repos: 1, issuesPerRepo, commentsPerIssue: 1, seed: 7 });
const repo = emulator.repos[0]!;
const rows: Record<string, string | number>[] = [];
const p50 = new Map<string, { ms: number; rss: number }>();

/** Runs a case `runs` times, one table row per run, and keeps its medians. */
async function bench(name: string, run: () => Promise<Run>): Promise<void> {
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const result = await run();
    wall.push(result.wallMs);
    rss.push(result.peakRssMb);
    rows.push({ command: name, run: i, wall_ms: Math.round(result.wallMs), peak_rss_mb: result.peakRssMb });
  }
  const median = (values: number[]) =>
    Math.round(
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      ),
    );
  p50.set(name, { ms: median(wall), rss: median(rss) });
}

const PGLITE_FLOOR = `
import { setFlagsFromString } from 'node:v8';
if (process.env.LIFTOFF_ONLY) setFlagsFromString('--liftoff-only');
const { PGlite } = await import('@electric-sql/pglite');
const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
const lite = await PGlite.create({ dataDir: process.env.DATA_DIR, extensions: { pg_trgm } });
await lite.query('SELECT max(version) FROM loupe_migrations');
await lite.close();`;

try {
  const dataDir = path.join(work, 'store');
  const pgliteEnv = {
    LOUPE_DATA_DIR: dataDir,
    DATABASE_URL: '',
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: '',
  };
  const query = 'crash';
  await loupe(['repo', 'add', repo], pgliteEnv);
  await loupe(['sync', repo], pgliteEnv);

  await bench('node -e ""', () => measure(['-e', ''], {}));
  await bench('node --import tsx -e ""', () => measure(['--import', 'tsx', '-e', ''], {}));
  await bench('PGlite start (Liftoff only)', () =>
    measure(['--input-type=module', '-e', PGLITE_FLOOR], { DATA_DIR: dataDir, LIFTOFF_ONLY: '1' }),
  );
  await bench('PGlite start (default tiering)', () =>
    measure(['--input-type=module', '-e', PGLITE_FLOOR], { DATA_DIR: dataDir }),
  );
  await bench('loupe --help', () => loupe(['--help'], pgliteEnv));
  await bench('loupe repo list', () => loupe(['repo', 'list'], pgliteEnv));
  await bench(`loupe search ${query}`, () => loupe(['search', query], pgliteEnv));
  await bench('loupe connection list', () => loupe(['connection', 'list'], pgliteEnv));

  if (process.env.DATABASE_URL) {
    const scratch = await createScratchPostgresDatabase(
      process.env.DATABASE_URL,
      `loupe_bench_cli_${process.pid}`,
    );
    try {
      const pgEnv = { ...pgliteEnv, DATABASE_URL: scratch.url, LOUPE_SECRET_KEY: 'a'.repeat(64) };
      await loupe(['repo', 'add', repo], pgEnv);
      await loupe(['sync', repo], pgEnv);
      await bench('loupe repo list (PostgreSQL)', () => loupe(['repo', 'list'], pgEnv));
      await bench(`loupe search ${query} (PostgreSQL)`, () => loupe(['search', query], pgEnv));
    } finally {
      await scratch.drop();
    }
  }
} finally {
  emulator.stop();
  await rm(work, { recursive: true, force: true });
}

process.stdout.write(
  `bench:cli-startup — ${runs} runs each; store: ${repo}, ${emulator.issues} issues and pull requests (synced and analysed)\n`,
);
printTable(rows);
const get = (name: string) => p50.get(name);
const pg = get('loupe repo list (PostgreSQL)');
process.stdout.write(
  `${JSON.stringify({
    bench: 'cli-startup',
    runs,
    issues: emulator.issues,
    node_p50_ms: get('node -e ""')!.ms,
    tsx_p50_ms: get('node --import tsx -e ""')!.ms,
    pglite_start_p50_ms: get('PGlite start (Liftoff only)')!.ms,
    pglite_start_peak_rss_mb: get('PGlite start (Liftoff only)')!.rss,
    pglite_start_tiered_p50_ms: get('PGlite start (default tiering)')!.ms,
    pglite_start_tiered_peak_rss_mb: get('PGlite start (default tiering)')!.rss,
    help_p50_ms: get('loupe --help')!.ms,
    help_peak_rss_mb: get('loupe --help')!.rss,
    repo_list_p50_ms: get('loupe repo list')!.ms,
    repo_list_peak_rss_mb: get('loupe repo list')!.rss,
    search_p50_ms: get('loupe search crash')!.ms,
    search_peak_rss_mb: get('loupe search crash')!.rss,
    connection_list_p50_ms: get('loupe connection list')!.ms,
    connection_list_peak_rss_mb: get('loupe connection list')!.rss,
    ...(pg
      ? {
          postgres_repo_list_p50_ms: pg.ms,
          postgres_repo_list_peak_rss_mb: pg.rss,
          postgres_search_p50_ms: get('loupe search crash (PostgreSQL)')!.ms,
        }
      : {}),
  })}\n`,
);
