/**
 * `loupe emulator`: serves the bundled GitHub API emulator with the demo organisation (or a dataset
 * file) so Loupe can be tried without a GitHub token. Runs until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { DEMO_ORG, generateDemoDataset, loadEmulatorDataset, startGitHubEmulator } from '../../sources/github/emulator/index.ts';
import type { EmulatorDataset, GitHubEmulator } from '../../sources/github/emulator/index.ts';

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  seed: number;
  repos: number;
  issuesPerRepo: number;
  dataset: string | null;
  rateLimit: number | null;
}

type RawOptions = Partial<Record<'port' | 'host' | 'seed' | 'repos' | 'issuesPerRepo' | 'dataset' | 'rateLimit', string>>;

function integer(raw: string | undefined, spec: { name: string; min: number; max: number; fallback: number | null }, errors: string[]): number | null {
  if (raw === undefined) return spec.fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < spec.min || Number(raw) > spec.max) {
    errors.push(`--${spec.name} must be an integer from ${spec.min} to ${spec.max} (got "${raw}")`);
    return spec.fallback;
  }
  return Number(raw);
}

/** Validates the command's options, listing every problem at once. */
export function parseEmulatorOptions(raw: RawOptions): { options: EmulatorCommandOptions; errors: string[] } {
  const errors: string[] = [];
  const options: EmulatorCommandOptions = {
    port: integer(raw.port, { name: 'port', min: 0, max: 65535, fallback: 3001 }, errors) as number,
    host: raw.host ?? '127.0.0.1',
    seed: integer(raw.seed, { name: 'seed', min: 0, max: 2 ** 32 - 1, fallback: 42 }, errors) as number,
    repos: integer(raw.repos, { name: 'repos', min: 1, max: 1000, fallback: 6 }, errors) as number,
    issuesPerRepo: integer(raw.issuesPerRepo, { name: 'issues-per-repo', min: 0, max: 1_000_000, fallback: 800 }, errors) as number,
    dataset: raw.dataset ?? null,
    rateLimit: integer(raw.rateLimit, { name: 'rate-limit', min: 1, max: 10_000_000, fallback: null }, errors),
  };
  if (options.host.trim() === '') errors.push('--host must not be empty');
  if (options.dataset !== null && (raw.seed !== undefined || raw.repos !== undefined || raw.issuesPerRepo !== undefined)) {
    errors.push('--dataset cannot be combined with --seed, --repos or --issues-per-repo (they shape the generated demo dataset)');
  }
  return { options, errors };
}

/** Starts the emulator for validated options and prints how to point Loupe at it. */
export async function runEmulator(options: EmulatorCommandOptions, log: (line: string) => void = console.log): Promise<GitHubEmulator> {
  const dataset: EmulatorDataset = options.dataset
    ? await loadEmulatorDataset(options.dataset)
    : generateDemoDataset({ seed: options.seed, repos: options.repos, issuesPerRepo: options.issuesPerRepo });
  const emulator = await startGitHubEmulator({
    dataset,
    host: options.host,
    port: options.port,
    ...(options.rateLimit !== null ? { rateLimit: { limit: options.rateLimit } } : {}),
  });
  const firstRepo = dataset.repos[0];
  const owner = firstRepo?.owner ?? DEMO_ORG;
  log(`GitHub API emulator listening on ${emulator.url}`);
  log(`Serving ${dataset.repos.length} repositories and ${dataset.issues.length} issues/pull requests of "${owner}".`);
  log('Try it:');
  log(`  GITHUB_API_URL=${emulator.url} loupe repo add ${owner}/${firstRepo?.name ?? '<repo>'}`);
  log('Press Ctrl+C to stop.');
  return emulator;
}

/** Adds `loupe emulator` to the CLI. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('Serve a local GitHub API emulator with a demo organisation (no token needed)')
    .option('--port <port>', 'port to listen on (0 = any free port)', '3001')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <seed>', 'seed of the generated demo dataset')
    .option('--repos <n>', 'number of demo repositories')
    .option('--issues-per-repo <n>', 'issues and pull requests per demo repository')
    .option('--dataset <file>', 'serve this dataset JSON file instead of the demo organisation')
    .option('--rate-limit <n>', 'requests per hour before the emulator answers 403 (default 5000)')
    .action(async (raw: RawOptions, command: Command) => {
      const { options, errors } = parseEmulatorOptions(raw);
      if (errors.length > 0) command.error(`loupe emulator: invalid options:\n  ${errors.join('\n  ')}`, { exitCode: 2 });
      let emulator: GitHubEmulator;
      try {
        emulator = await runEmulator(options);
      } catch (error) {
        command.error(`loupe emulator: ${(error as Error).message}`, { exitCode: 1 });
        return;
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await emulator.close();
      console.log('Emulator stopped.');
    });
}
