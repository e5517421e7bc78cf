// Loupe as users run it, in child processes the chaos bench can SIGKILL: `loupe start`, `loupe worker`,
// `loupe sync`. Output is kept for the report when something goes wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LOUPE = fileURLToPath(new URL('../../bin/loupe.js', import.meta.url));

export interface LoupeProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnLoupe(args: string[], env: NodeJS.ProcessEnv): LoupeProcess {
  const child = spawn(process.execPath, [LOUPE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Waits until the process prints `pattern` (or fails if it exits first or time runs out). */
export async function waitForOutput(proc: LoupeProcess, pattern: RegExp, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!pattern.test(proc.output())) {
    if (proc.child.exitCode !== null)
      throw new Error(`loupe exited (${proc.child.exitCode}) before printing ${pattern}:\n${proc.output()}`);
    if (Date.now() > deadline)
      throw new Error(`loupe did not print ${pattern} within ${seconds} s:\n${proc.output()}`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value, or null after `seconds`. */
export async function pollUntil<T>(
  probe: () => Promise<T | null>,
  seconds: number,
  intervalMs = 200,
): Promise<T | null> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) return null;
    await sleep(intervalMs);
  }
}

/** JSON over HTTP to a local server; throws with the body on a non-2xx answer. */
export async function httpJson<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body !== undefined
      ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
      : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}
