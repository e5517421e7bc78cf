/**
 * `loupe emulator`: serves the bundled GitHub API emulator with the demo organisation (or a dataset
 * file) so Loupe can be tried without a GitHub token, and, with --faults, as a flaky GitHub for
 * sync robustness runs; with --webhook-url it delivers signed webhooks for every change, and its
 * OAuth app (--oauth-*) signs users in. Runs until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { DEFAULT_FAULT_SEED, DEMO_ORG, generateDemoDataset, loadEmulatorDataset, parseFaultSpec, startGitHubEmulator } from '../../emulators/github/index.ts';
import type { ContentLimits, EmulatorDataset, FaultRule, GitHubEmulator, OAuthOptions } from '../../emulators/github/index.ts';

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  seed: number;
  repos: number;
  issuesPerRepo: number;
  dataset: string | null;
  rateLimit: number | null;
  /** Fault rules active from the start (from --faults). */
  faults: FaultRule[];
  faultSeed: number;
  /** Where to deliver signed webhooks for every change (from --webhook-url, --webhook-secret). */
  webhook: { url: string; secret: string | null } | null;
  /** The emulated OAuth app (from --oauth-*, --device-auto-approve). */
  oauth: OAuthOptions;
  /** Writes per minute and per hour per token before the secondary limit (from --content-limits). */
  contentLimits: ContentLimits | null;
}

type RawOptions = Partial<
  Record<
    | 'port' | 'host' | 'seed' | 'repos' | 'issuesPerRepo' | 'dataset' | 'rateLimit' | 'faults' | 'faultSeed'
    | 'webhookUrl' | 'webhookSecret' | 'oauthClientId' | 'oauthClientSecret' | 'oauthLogin' | 'oauthCallbackUrl' | 'contentLimits',
    string
  >
> & { deviceAutoApprove?: boolean };

function integer(raw: string | undefined, spec: { name: string; min: number; max: number; fallback: number | null }, errors: string[]): number | null {
  if (raw === undefined) return spec.fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < spec.min || Number(raw) > spec.max) {
    errors.push(`--${spec.name} must be an integer from ${spec.min} to ${spec.max} (got "${raw}")`);
    return spec.fallback;
  }
  return Number(raw);
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function parseWebhook(raw: RawOptions, errors: string[]): EmulatorCommandOptions['webhook'] {
  if (raw.webhookUrl === undefined) {
    if (raw.webhookSecret !== undefined) errors.push('--webhook-secret needs --webhook-url (where to deliver)');
    return null;
  }
  if (!isHttpUrl(raw.webhookUrl)) errors.push(`--webhook-url must be an http(s) URL (got "${raw.webhookUrl}")`);
  if (raw.webhookSecret === '') errors.push('--webhook-secret must not be empty (leave it out to send unsigned deliveries)');
  return { url: raw.webhookUrl, secret: raw.webhookSecret ?? null };
}

function parseOAuth(raw: RawOptions, errors: string[]): OAuthOptions {
  const oauth: OAuthOptions = {};
  for (const [flag, key] of [['oauth-client-id', 'oauthClientId'], ['oauth-client-secret', 'oauthClientSecret'], ['oauth-login', 'oauthLogin']] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (value.trim() === '') errors.push(`--${flag} must not be empty`);
    if (key === 'oauthClientId') oauth.clientId = value;
    else if (key === 'oauthClientSecret') oauth.clientSecret = value;
    else oauth.login = value;
  }
  if (raw.oauthCallbackUrl !== undefined) {
    if (!isHttpUrl(raw.oauthCallbackUrl)) errors.push(`--oauth-callback-url must be an http(s) URL (got "${raw.oauthCallbackUrl}")`);
    oauth.callbackUrl = raw.oauthCallbackUrl;
  }
  if (raw.deviceAutoApprove) oauth.autoApproveDevice = true;
  return oauth;
}

function parseContentLimits(raw: string | undefined, errors: string[]): ContentLimits | null {
  if (raw === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    errors.push(`--content-limits must be PER_MINUTE/PER_HOUR, both at least 1 (got "${raw}"; GitHub: 80/500)`);
    return null;
  }
  return { perMinute: Number(m[1]), perHour: Number(m[2]) };
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
    faults: [],
    faultSeed: integer(raw.faultSeed, { name: 'fault-seed', min: 0, max: 2 ** 32 - 1, fallback: DEFAULT_FAULT_SEED }, errors) as number,
    webhook: parseWebhook(raw, errors),
    oauth: parseOAuth(raw, errors),
    contentLimits: parseContentLimits(raw.contentLimits, errors),
  };
  if (raw.faults !== undefined) {
    const spec = parseFaultSpec(raw.faults);
    options.faults = spec.rules;
    errors.push(...spec.errors.map((e) => `--faults: ${e}`));
  }
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
    faults: options.faults,
    faultSeed: options.faultSeed,
    webhook: options.webhook,
    oauth: options.oauth,
    ...(options.contentLimits ? { contentLimits: options.contentLimits } : {}),
  });
  const firstRepo = dataset.repos[0];
  const owner = firstRepo?.owner ?? DEMO_ORG;
  log(`GitHub API emulator listening on ${emulator.url}`);
  log(`Serving ${dataset.repos.length} repositories and ${dataset.issues.length} issues/pull requests of "${owner}".`);
  log('Try it:');
  log(`  GITHUB_API_URL=${emulator.url} loupe repo add ${owner}/${firstRepo?.name ?? '<repo>'}`);
  if (options.faults.length > 0) log(`Injecting ${options.faults.length} fault rule(s), seed ${options.faultSeed}: GET ${emulator.url}/_emulator/faults lists them.`);
  if (options.webhook) log(`Delivering ${options.webhook.secret ? 'signed' : 'unsigned'} webhooks to ${options.webhook.url}: GET ${emulator.url}/_emulator/deliveries lists them.`);
  log(`OAuth sign-in: ${emulator.url}/login/oauth/authorize?client_id=… (GET ${emulator.url}/_emulator/oauth shows the app).`);
  log(`Admin API (faults, requests, state, clock, mutations, webhook, deliveries, oauth): ${emulator.url}/_emulator/`);
  log('Press Ctrl+C to stop.');
  return emulator;
}

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
    .option('--faults <spec>', 'inject faults: a JSON array of rules or compact KIND[=ARG][@PATH_REGEX][:P%][:xN],… (see below)')
    .option('--fault-seed <n>', `seed of the random draws of --faults rules with P% (default ${DEFAULT_FAULT_SEED})`)
    .option('--webhook-url <url>', 'deliver a webhook for every change (issues, issue_comment) to this URL')
    .option('--webhook-secret <secret>', 'sign deliveries with this secret (X-Hub-Signature-256)')
    .option('--oauth-client-id <id>', 'client id of the emulated OAuth app (default Iv1.emulator0000000)')
    .option('--oauth-client-secret <secret>', 'client secret of the emulated OAuth app (default emulator-client-secret)')
    .option('--oauth-login <login>', 'who sign-in signs in as (default the dataset viewer)')
    .option('--oauth-callback-url <url>', "the OAuth app's registered callback URL")
    .option('--device-auto-approve', 'approve device-flow codes at once')
    .option('--content-limits <m/h>', 'writes per minute/per hour per token before the secondary limit (default 80/500)')
    .addHelpText('after', FAULTS_HELP)
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
