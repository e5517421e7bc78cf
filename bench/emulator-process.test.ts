/**
 * bench/emulator-process.ts keeps its positional use and takes --faults/--fault-seed, so a chaos
 * run can start a flaky emulator in its own process.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));

function run(args: string[]): {
  firstLine: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
  kill: () => void;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exit.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never read the line.
  firstLine.catch(() => undefined);
  return { firstLine, exit, stderr: () => stderr, kill: () => child.kill('SIGTERM') };
}

describe('bench/emulator-process.ts', () => {
  it('serves the positional dataset with the --faults rules and --fault-seed', async () => {
    const child = run(['1', '5', '1', '3', '--faults', 'status=503@^/repos/:x1', '--fault-seed', '11']);
    try {
      const info = JSON.parse(await child.firstLine) as {
        url: string;
        issues: number;
        repos: string[];
        faults: number;
      };
      expect(info).toMatchObject({ issues: 5, repos: ['loupe-demo/lumen'], faults: 1 });
      expect((await fetch(`${info.url}/repos/${info.repos[0]}`)).status).toBe(503);
      expect((await fetch(`${info.url}/repos/${info.repos[0]}`)).status).toBe(200);
      expect(await (await fetch(`${info.url}/_emulator/faults`)).json()).toEqual({ seed: 11, faults: [] });
    } finally {
      child.kill();
      await child.exit;
    }
  });

  it('exits 2 naming every problem with a bad spec or seed', async () => {
    const child = run(['1', '5', '--faults', 'bogus', '--fault-seed', 'x']);
    expect(await child.exit).toBe(2);
    expect(child.stderr()).toContain('--faults: item 1 "bogus": unknown kind "bogus"');
    expect(child.stderr()).toContain('--fault-seed must be an integer from 0 to 4294967295 (got "x")');
  });
});
