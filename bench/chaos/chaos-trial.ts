// One chaos trial: a fresh store, Loupe syncing one repository from the emulator (in another process),
// a SIGKILL at a random moment of one phase, changes made upstream meanwhile, a restart, and the
// store compared with the emulator's true state once Loupe has recovered on its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { createScratchPostgresDatabase } from '../../test/scratch-postgres.ts';
import { httpJson, pollUntil, sleep, spawnLoupe, waitForOutput, type LoupeProcess } from './loupe-process.ts';
import { checkStore, isClean, type StoreCheck, type TruthRepo } from './store-check.ts';

export type Phase = 'metadata' | 'issues' | 'comments' | 'analysis';
export interface TrialSpec {
  engine: 'pglite' | 'postgres';
  /** 'job': the background sync job of `loupe start` (PostgreSQL: of a separate `loupe worker`); 'cli': `loupe sync`. */
  mode: 'job' | 'cli';
  phase: Phase;
  faultMix: boolean;
  emulatorUrl: string;
  repo: string;
  random: () => number;
  /** Longest wait for recovery before the trial counts its jobs and runs as stuck. */
  recoveryTimeoutSeconds: number;
}
export interface TrialResult extends StoreCheck {
  recovered: boolean;
  recoverySeconds: number;
  note: string;
}

/** 10% 5xx, 3% bodies cut short, 3% connection resets, 2% secondary limits (retry-after 1 s). */
export const FAULT_MIX = 'status=502:10%,truncate:3%,reset:3%,secondary=1:2%';

const admin = (url: string) => ({
  faults: (spec: string) => httpJson(`${url}/_emulator/faults`, { method: 'POST', body: { spec } }),
  clearFaults: () => httpJson(`${url}/_emulator/faults`, { method: 'DELETE' }),
  requests: () => httpJson<{ requests: { path: string; status: number }[] }>(`${url}/_emulator/requests`),
  clearRequests: () => httpJson(`${url}/_emulator/requests`, { method: 'DELETE' }),
  mutate: (body: Record<string, unknown>) => httpJson(`${url}/_emulator/mutations`, { method: 'POST', body }),
  truth: async (repo: string) =>
    (
      await httpJson<{ repos: TruthRepo[] }>(
        `${url}/_emulator/state?repo=${encodeURIComponent(repo)}&bodies=false`,
      )
    ).repos[0]!,
});

/** A trial that cannot finish (Loupe would not start, a store would not open) counts as not recovered, with why. */
export async function runTrial(spec: TrialSpec): Promise<TrialResult> {
  const started = Date.now();
  const outputs: LoupeProcess[] = [];
  try {
    return await attemptTrial(spec, outputs);
  } catch (error) {
    const tail = outputs.map((p) => p.output().split('\n').slice(-8).join('\n')).join('\n---\n');
    return {
      issuesLost: 0,
      issuesDuplicated: 0,
      issuesStale: 0,
      commentsLost: 0,
      commentsDuplicated: 0,
      commentsStale: 0,
      runsStuck: 0,
      jobsStuck: 0,
      recovered: false,
      recoverySeconds: (Date.now() - started) / 1000,
      note: `trial failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n${tail}`,
    };
  }
}

async function attemptTrial(spec: TrialSpec, running: LoupeProcess[]): Promise<TrialResult> {
  const emulator = admin(spec.emulatorUrl);
  const store = await openStore(spec.engine);
  const env = {
    ...store.env,
    GITHUB_API_URL: spec.emulatorUrl,
    GITHUB_TOKEN: 'chaos',
    PORT: '0',
    LOUPE_LOG_LEVEL: 'warn',
  };
  try {
    await emulator.clearFaults();
    await emulator.clearRequests();
    // Stretch the phase the kill aims at, so it lands inside it; the fault mix comes first so its draws still happen.
    if (spec.faultMix) await emulator.faults(FAULT_MIX);
    const slow = slowPhaseSpec(spec.phase, spec.repo);
    if (slow) await emulator.faults(slow);

    const api =
      spec.mode === 'job' || spec.engine === 'postgres'
        ? await startApi(env, spec.engine === 'postgres')
        : null;
    if (api) running.push(api.proc);
    let worker = spec.engine === 'postgres' && spec.mode === 'job' ? await startWorker(env) : null;
    if (worker) running.push(worker);
    let victim: LoupeProcess;
    let repoId: string | null = null;
    if (spec.mode === 'job') {
      repoId = (
        await httpJson<{ repo: { id: string } }>(`${api!.url}/api/repos`, {
          method: 'POST',
          body: { fullName: spec.repo },
        })
      ).repo.id;
      victim = spec.engine === 'postgres' ? worker! : api!.proc;
    } else {
      const added = spawnLoupe(['repo', 'add', spec.repo], env);
      if ((await added.exited) !== 0) throw new Error(`loupe repo add failed:\n${added.output()}`);
      victim = spawnLoupe(['sync', spec.repo], env);
      running.push(victim);
    }
    const note = await killInPhase(spec, victim, api?.url ?? null, repoId);

    // Upstream moves on while Loupe is down: edits, new comments, a new issue.
    await changeUpstream(emulator, spec.repo, spec.random);
    await emulator.clearFaults();
    if (spec.faultMix) await emulator.faults(FAULT_MIX);

    const restartedAt = Date.now();
    let recovered: boolean;
    if (spec.mode === 'cli') {
      const again = spawnLoupe(['sync', spec.repo], env);
      running.push(again);
      recovered = (await again.exited) === 0;
    } else if (spec.engine === 'postgres') {
      worker = await startWorker(env);
      running.push(worker);
      await httpJson(`${api!.url}/api/repos/${repoId}/sync`, { method: 'POST' });
      recovered = true;
    } else {
      const restarted = await startApi(env, false);
      running.push(restarted.proc);
      await httpJson(`${restarted.url}/api/repos/${repoId}/sync`, { method: 'POST' });
      recovered =
        (await pollUntil(
          () => apiShowsRecovered(restarted.url, spec, emulator),
          spec.recoveryTimeoutSeconds,
          250,
        )) !== null;
      await restarted.proc.kill('SIGTERM');
    }
    const truth = await emulator.truth(spec.repo);
    let check: StoreCheck;
    if (spec.engine === 'postgres') {
      // The store is shared and live: poll until it matches and nothing is left running or waiting.
      const db = await store.open();
      try {
        const clean = await pollUntil(
          async () => {
            const c = await checkStore(db, await emulator.truth(spec.repo), {
              jobStates: ['created', 'retry', 'active'],
            });
            return isClean(c) ? c : null;
          },
          Math.max(1, spec.recoveryTimeoutSeconds - (Date.now() - restartedAt) / 1000),
          500,
        );
        check = clean ?? (await checkStore(db, truth, { jobStates: ['created', 'retry', 'active'] }));
        recovered = recovered && clean !== null;
      } finally {
        await db.close();
      }
    } else {
      const db = await store.open();
      try {
        check = await checkStore(db, truth, { jobStates: ['active'] });
      } finally {
        await db.close();
      }
    }
    return { ...check, recovered, recoverySeconds: (Date.now() - restartedAt) / 1000, note };
  } finally {
    for (const proc of running) await proc.kill('SIGKILL');
    await emulator.clearFaults().catch(() => undefined);
    await store.drop();
  }
}

function slowPhaseSpec(phase: Phase, repo: string): string | null {
  const escaped = repo.replace(/[.]/g, '\\.');
  switch (phase) {
    case 'metadata':
      return `timeout=3000@^/repos/${escaped}$:x1`;
    case 'issues':
      return 'timeout=120@/issues\\?:100%';
    case 'comments':
      return 'timeout=60@/issues/comments\\?:100%';
    case 'analysis':
      return null;
  }
}

/** Waits for a random moment inside the phase, then SIGKILLs the process doing the work. */
async function killInPhase(
  spec: TrialSpec,
  victim: LoupeProcess,
  apiUrl: string | null,
  repoId: string | null,
): Promise<string> {
  const emulator = admin(spec.emulatorUrl);
  const pages = async (pattern: RegExp, served: boolean) =>
    (await emulator.requests()).requests.filter((r) => pattern.test(r.path) && (!served || r.status === 200))
      .length;
  const deadline = 120;
  if (spec.phase === 'metadata') {
    const repoPath = new RegExp(`^/repos/${spec.repo}(\\?|$)`);
    if (
      (await pollUntil(async () => ((await pages(repoPath, false)) > 0 ? true : null), deadline, 20)) === null
    )
      throw new Error(`no metadata request:\n${victim.output()}`);
    await sleep(spec.random() * 1500);
  } else if (spec.phase === 'issues' || spec.phase === 'comments') {
    const pattern = spec.phase === 'issues' ? /\/issues\?/ : /\/issues\/comments\?/;
    const target = 1 + Math.floor(spec.random() * 3);
    if (
      (await pollUntil(async () => ((await pages(pattern, true)) >= target ? true : null), deadline, 20)) ===
      null
    )
      throw new Error(`no ${spec.phase} pages:\n${victim.output()}`);
  } else if (spec.mode === 'cli') {
    await waitForOutput(victim, /comments synced with|up to date/, deadline);
    await sleep(spec.random() * 1500);
  } else {
    const synced = await pollUntil(
      async () => {
        const { repos } = await httpJson<{ repos: { id: string; sync: { status: string } }[] }>(
          `${apiUrl}/api/repos`,
        );
        return repos.find((r) => r.id === repoId)?.sync.status === 'succeeded' ? true : null;
      },
      deadline,
      100,
    );
    if (synced === null) throw new Error(`sync never finished before the analysis kill:\n${victim.output()}`);
    await sleep(spec.random() * 1500);
  }
  await victim.kill('SIGKILL');
  return `killed ${spec.mode === 'job' ? 'job process' : 'loupe sync'} in ${spec.phase}`;
}

async function changeUpstream(
  emulator: ReturnType<typeof admin>,
  repo: string,
  random: () => number,
): Promise<void> {
  const truth = await emulator.truth(repo);
  for (let i = 0; i < 3; i++) {
    const issue = truth.issues[Math.floor(random() * truth.issues.length)]!;
    await emulator.mutate({
      op: 'updateIssue',
      repo,
      number: issue.number,
      title: `${issue.title.replace(/ \(edited.*$/, '')} (edited ${Date.now()})`,
    });
    await emulator.mutate({
      op: 'addComment',
      repo,
      number: issue.number,
      user: 'chaos-monkey',
      body: `comment while Loupe was down ${i}`,
    });
  }
  await emulator.mutate({
    op: 'createIssue',
    repo,
    title: `Filed while Loupe was down ${Date.now()}`,
    user: 'chaos-monkey',
    body: 'new',
  });
}

async function apiShowsRecovered(
  url: string,
  spec: TrialSpec,
  emulator: ReturnType<typeof admin>,
): Promise<true | null> {
  const { repos } = await httpJson<{
    repos: {
      fullName: string;
      issueCount: number;
      pullRequestCount: number;
      sync: { status: string };
      analysis: { analyzed: number; total: number };
    }[];
  }>(`${url}/api/repos`);
  const repo = repos.find((r) => r.fullName === spec.repo);
  if (!repo || repo.sync.status !== 'succeeded' || repo.analysis.analyzed < repo.analysis.total) return null;
  const truth = await emulator.truth(spec.repo);
  return repo.issueCount + repo.pullRequestCount === truth.issues.length ? true : null;
}

async function startApi(
  env: NodeJS.ProcessEnv,
  externalWorkers: boolean,
): Promise<{ proc: LoupeProcess; url: string }> {
  const proc = spawnLoupe(['start', '--no-demo'], {
    ...env,
    ...(externalWorkers ? { LOUPE_WORKERS: 'external' } : {}),
  });
  await waitForOutput(proc, /Loupe is running at (\S+)/, 120);
  return { proc, url: /Loupe is running at (\S+)/.exec(proc.output())![1]! };
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<LoupeProcess> {
  const proc = spawnLoupe(['worker'], env);
  await waitForOutput(proc, /Loupe worker running/, 120);
  return proc;
}

async function openStore(
  engine: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; open(): Promise<Database>; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-chaos-'));
    // DATABASE_URL would win over the data dir: the bench itself runs with it set for the PostgreSQL trials.
    return {
      env: { LOUPE_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ engine: 'pglite', dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchPostgresDatabase(
    process.env.DATABASE_URL!,
    `loupe_chaos_${process.pid}_${Math.floor(Math.random() * 1e9)}`,
  );
  return {
    env: { DATABASE_URL: scratch.url },
    open: () => openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 2 }),
    drop: scratch.drop,
  };
}
