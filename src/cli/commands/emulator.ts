/**
 * `loupe emulator`: serves the bundled GitHub API emulator with the demo organisation (or a dataset
 * file) so Loupe can be tried without a GitHub token, and, with --faults, as a flaky GitHub for
 * sync robustness runs; with --webhook-url it delivers signed webhooks for every change, and its
 * OAuth app (--oauth-*) signs users in. Runs until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { DEFAULT_FAULT_SEED } from '../../emulators/github/fault-injector.ts';
import type { GitHubEmulator } from '../../emulators/github/index.ts';
import type { RawOptions } from './run-emulator.ts';

const FAULTS_HELP = `
Fault spec (--faults): comma-separated items KIND[=ARG][@PATH_REGEX][:P%][:xN]
  status=CODE          answer CODE with GitHub's error body
  secondary[=S]        403 secondary rate limit, retry-after S seconds (60)
  429[=S]              429 with retry-after S seconds (60)
  timeout[=MS]         answer MS ms late; without MS never answer
  truncate[=BYTES]     full content-length, BYTES of the body (half), then drop the connection
  reset                drop the connection at once
  empty-body           200 with JSON headers and a zero-length body
  @PATH_REGEX          only requests whose path+query match (default: all API requests)
  :P%                  fail each matching request with probability P (forever unless :xN)
  :xN                  fail N times (default 1 when neither :P% nor :xN is given)
  Example: --faults 'status=502:10%,truncate:3%,429=2@/issues/comments:x3' --fault-seed 7
  A JSON array works too: --faults '[{"kind":"reset","path":"/issues","probability":0.05}]'
  At run time: GET/POST/DELETE <url>/_emulator/faults (see the emulator README).
`;

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
    .option(
      '--faults <spec>',
      'inject faults: a JSON array of rules or compact KIND[=ARG][@PATH_REGEX][:P%][:xN],… (see below)',
    )
    .option(
      '--fault-seed <n>',
      `seed of the random draws of --faults rules with P% (default ${DEFAULT_FAULT_SEED})`,
    )
    .option('--webhook-url <url>', 'deliver a webhook for every change (issues, issue_comment) to this URL')
    .option('--webhook-secret <secret>', 'sign deliveries with this secret (X-Hub-Signature-256)')
    .option('--oauth-client-id <id>', 'client id of the emulated OAuth app (default Iv1.emulator0000000)')
    .option(
      '--oauth-client-secret <secret>',
      'client secret of the emulated OAuth app (default emulator-client-secret)',
    )
    .option('--oauth-login <login>', 'who sign-in signs in as (default the dataset viewer)')
    .option('--oauth-callback-url <url>', "the OAuth app's registered callback URL")
    .option('--device-auto-approve', 'approve device-flow codes at once')
    .option(
      '--content-limits <m/h>',
      'writes per minute/per hour per token before the secondary limit (default 80/500)',
    )
    .addHelpText('after', FAULTS_HELP)
    .action(async (raw: RawOptions, command: Command) => {
      const { parseEmulatorOptions, runEmulator } = await import('./run-emulator.ts');
      const { options, errors } = parseEmulatorOptions(raw);
      if (errors.length > 0)
        command.error(`loupe emulator: invalid options:\n  ${errors.join('\n  ')}`, { exitCode: 2 });
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
