// npm run bench:api-under-load [-- --repos 4 --issues-per-repo 600 --idle-seconds 30 --seed 1 --timeout-s 1800]
// How responsive the API is during the first demo load. Loupe runs as `npm start` runs it (embedded
// PGlite in a fresh data dir, in-process workers, the demo workspace synced from the bundled emulator)
// in a child process: PGlite and the jobs share that process's one thread, so latency is measured from
// outside it, as a browser sees it. While every demo repository is synced and analysed, a simulated
// user clicks through the UI's read routes (and the repositories and jobs pages poll every 2 s, as
// they do while work runs); once all jobs are done the same user browses the idle server. Prints a
// table per phase and route, then one JSON line. Exits 1 when a request failed or the load did not finish.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LatencyLog } from './api-under-load/latency-log.ts';
import { browseLikeAUser, HEALTH_ROUTE, seededRandom, UI_ROUTES } from './api-under-load/ui-user.ts';
import { benchArgs, printTable } from './bench-support.ts';

const args = benchArgs();
const repoCount = Number(args.get('repos') ?? 4);
const issuesPerRepo = Number(args.get('issues-per-repo') ?? 600);
const idleSeconds = Number(args.get('idle-seconds') ?? 30);
const timeoutSeconds = Number(args.get('timeout-s') ?? 1800);
const seed = Number(args.get('seed') ?? 1);
const POLL_MS = 2000;

interface RepoStatus {
  fullName: string;
  issueCount: number;
  pullRequestCount: number;
  sync: { status: string; lastError: string | null };
  analysis: { analyzed: number; total: number };
}
interface QueueStatus {
  queue: string;
  counts: Partial<Record<string, number>>;
}

/** Starts bench/api-under-load/demo-server-process.ts on an empty data dir; resolves once it listens. */
async function startLoupe(dataDir: string) {
  const script = fileURLToPath(new URL('./api-under-load/demo-server-process.ts', import.meta.url));
  // Only what `npm start` with no configuration would see: no token (demo), no DATABASE_URL (PGlite), no LLM.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(LOUPE_|GITHUB_|OPENAI_|ANTHROPIC_|DATABASE_URL$|PORT$|HOST$)/.test(key),
    ),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, String(repoCount), String(issuesPerRepo)],
    {
      env: { ...env, LOUPE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    void exited.then((code) => reject(new Error(`Loupe exited with ${code} before listening`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Whether the first load is over: every repository synced and analysed, no sync or analysis job left. */
function loadFinished(repos: RepoStatus[] | null, queues: QueueStatus[] | null): boolean {
  if (!repos || !queues || repos.length < repoCount) return false;
  const synced = repos.every(
    (r) => r.sync.status === 'succeeded' && r.analysis.total > 0 && r.analysis.analyzed === r.analysis.total,
  );
  const pending = queues
    .filter((q) => q.queue === 'sync-repo' || q.queue === 'analyze-repo')
    .some((q) => (q.counts.created ?? 0) + (q.counts.retry ?? 0) + (q.counts.active ?? 0) > 0);
  return synced && !pending;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-bench-apiload-'));
const log = new LatencyLog();
const spawned = performance.now();
const loupe = await startLoupe(dataDir);
const startupSeconds = (performance.now() - spawned) / 1000;
let loadSeconds = NaN;
let loadStarted = NaN;
let lastRepos: RepoStatus[] | null = null;
try {
  // Phase 1: while the demo load runs. The pages the user has open poll, as the UI does while work runs.
  log.phase = 'under load';
  loadStarted = log.now();
  let loading = true;
  const user = browseLikeAUser({ baseUrl: loupe.url, log, random: seededRandom(seed), done: () => !loading });
  let finishedPolls = 0;
  while (loading) {
    const [repos, jobs] = await Promise.all([
      log.timedGet<{ repos: RepoStatus[] }>(UI_ROUTES.repos, `${loupe.url}/api/repos`),
      log.timedGet<{ queues: QueueStatus[] }>(UI_ROUTES.jobs, `${loupe.url}/api/jobs?limit=20`),
      log.timedGet(HEALTH_ROUTE, `${loupe.url}/health`),
    ]);
    lastRepos = repos?.repos ?? lastRepos;
    // Twice in a row: an analysis is queued by an event consumer just after a sync reports success.
    finishedPolls = loadFinished(repos?.repos ?? null, jobs?.queues ?? null) ? finishedPolls + 1 : 0;
    if (finishedPolls >= 2) loading = false;
    else if (log.now() - loadStarted > timeoutSeconds * 1000)
      throw new Error(
        `the demo load did not finish within ${timeoutSeconds} s: ${JSON.stringify(repos?.repos.map((r) => [r.fullName, r.sync, r.analysis]))}`,
      );
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  loadSeconds = (log.now() - loadStarted) / 1000;
  // The visit in progress ends on a server with nothing left to do: counted in neither phase.
  log.phase = 'after load';
  await user;

  // Phase 2: the same user on the idle server.
  log.phase = 'idle';
  const idleStarted = log.now();
  const idleUser = browseLikeAUser({
    baseUrl: loupe.url,
    log,
    random: seededRandom(seed),
    done: () => log.now() - idleStarted > idleSeconds * 1000,
  });
  const healthTimer = setInterval(() => void log.timedGet(HEALTH_ROUTE, `${loupe.url}/health`), POLL_MS);
  await idleUser;
  clearInterval(healthTimer);
} finally {
  await loupe.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const isUiRoute = (route: string) => route !== HEALTH_ROUTE;
const phases = ['under load', 'idle'] as const;
const rows = phases.flatMap((phase) => [
  ...[...Object.values(UI_ROUTES), HEALTH_ROUTE]
    .map((route) => ({ phase, route, ...log.figures(phase, (r) => r === route) }))
    .filter((row) => row.n > 0),
  { phase, route: 'all UI read routes', ...log.figures(phase, isUiRoute) },
]);
const issues = (lastRepos ?? []).reduce((sum, r) => sum + r.issueCount + r.pullRequestCount, 0);
process.stdout.write(
  `bench:api-under-load — demo load of ${repoCount} repositories x ${issuesPerRepo} issues (${issues} issues/PRs stored), PGlite, Loupe in a child process\n`,
);
process.stdout.write(
  `startup ${startupSeconds.toFixed(1)} s, first load (sync + analysis of every repository) ${loadSeconds.toFixed(1)} s, then ${idleSeconds} s idle\n`,
);
printTable(rows);
process.stdout.write('slowest requests under load:\n');
for (const s of log.slowest('under load', 5))
  process.stdout.write(
    `  ${s.ms.toFixed(0).padStart(6)} ms, sent ${((s.sentAtMs - loadStarted) / 1000).toFixed(1)} s into the load  ${s.path}\n`,
  );
process.stdout.write('goal: under_load_p99_ms <= 250 (all UI read routes)\n');
const load = log.figures('under load', isUiRoute);
const idle = log.figures('idle', isUiRoute);
const worst = rows
  .filter((r) => r.phase === 'under load' && isUiRoute(r.route) && r.route !== 'all UI read routes')
  .sort((a, b) => b.p99_ms - a.p99_ms)[0];
process.stdout.write(
  `${JSON.stringify({
    bench: 'api-under-load',
    repos: repoCount,
    issues_per_repo: issuesPerRepo,
    issues_stored: issues,
    startup_s: Number(startupSeconds.toFixed(1)),
    load_duration_s: Number(loadSeconds.toFixed(1)),
    under_load_requests: load.n,
    under_load_errors: load.errors,
    under_load_p50_ms: load.p50_ms,
    under_load_p95_ms: load.p95_ms,
    under_load_p99_ms: load.p99_ms,
    under_load_max_ms: load.max_ms,
    under_load_worst_route: worst?.route ?? null,
    under_load_worst_route_p99_ms: worst?.p99_ms ?? null,
    under_load_health_p99_ms: log.figures('under load', (r) => r === HEALTH_ROUTE).p99_ms,
    idle_requests: idle.n,
    idle_errors: idle.errors,
    idle_p50_ms: idle.p50_ms,
    idle_p99_ms: idle.p99_ms,
    idle_max_ms: idle.max_ms,
  })}\n`,
);
// Timings are printed, never asserted; a failed request is a failure.
if (load.errors + idle.errors > 0) process.exitCode = 1;
