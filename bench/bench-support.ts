import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openScratchPostgres } from '../test/scratch-postgres.ts';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Parses `--name value` / `--flag` arguments of a bench script. `--help` prints the script's
 * leading comment (its usage) and exits, rather than starting a run that may take many minutes.
 */
export function benchArgs(argv = process.argv.slice(2)): Map<string, string> {
  exitWithUsageOnHelp(argv);
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (!key.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(key.slice(2), next);
      i++;
    } else args.set(key.slice(2), 'true');
  }
  return args;
}

/** With `--help` or `-h`: prints the running script's usage (its leading comment) and exits. */
export function exitWithUsageOnHelp(argv = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  process.stdout.write(`${benchUsage(process.argv[1] ?? '')}\n`);
  process.exit(0);
}

/** The leading comment of a bench script (`//` lines or one block comment), without comment marks. */
export function benchUsage(scriptPath: string): string {
  let text: string;
  try {
    text = readFileSync(scriptPath, 'utf8');
  } catch {
    return `usage: see the comment at the top of ${scriptPath || 'the bench script'}`;
  }
  const lines = text.split('\n');
  const usage: string[] = [];
  if (lines[0]?.startsWith('/**')) {
    for (const line of lines.slice(1)) {
      if (line.trim().startsWith('*/')) break;
      usage.push(line.replace(/^\s*\* ?/, ''));
    }
  } else
    for (const line of lines) {
      if (!line.startsWith('//')) break;
      usage.push(line.replace(/^\/\/ ?/, ''));
    }
  return usage.join('\n');
}

/** The engines to compare: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export function benchEngines(): ('pglite' | 'postgres')[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** An empty, migrated database of the given engine (a fresh database on the PostgreSQL server). */
export async function openEmptyDatabase(engine: 'pglite' | 'postgres', label: string): Promise<Database> {
  if (engine === 'pglite') {
    // On disk like `npm start`, so memory figures do not include an in-memory copy of the database.
    const dataDir = await mkdtemp(path.join(tmpdir(), `loupe-bench-${label}-`));
    const db = await openDatabase({ engine: 'pglite', dataDir });
    await migrate(db);
    return {
      ...db,
      async close() {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  return openScratchPostgres(process.env.DATABASE_URL!, `loupe_bench_${label}_${process.pid}`);
}

export interface EmulatorProcess {
  url: string;
  issues: number;
  comments: number;
  repos: string[];
  stop(): void;
}

/** Starts bench/emulator-process.ts in a child process and waits for its URL. */
export async function startEmulatorProcess(options: {
  repos: number;
  issuesPerRepo: number;
  commentsPerIssue: number;
  seed: number;
}): Promise<EmulatorProcess> {
  const script = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      script,
      String(options.repos),
      String(options.issuesPerRepo),
      String(options.commentsPerIssue),
      String(options.seed),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  const info = JSON.parse(line) as Omit<EmulatorProcess, 'stop'>;
  return { ...info, stop: () => child.kill('SIGTERM') };
}

/** Samples this process's RSS until stopped; returns the peak in MB. */
export function trackPeakRss(intervalMs = 50): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i]!)).join('  ');
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => String(row[c] ?? '')))}\n`);
}
