/**
 * `loupe emulator`'s work: validating its options and starting the emulator. Loaded when the command
 * runs (src/cli/commands/emulator.ts defines it), so the emulator stays out of every other command.
 */
import {
  DEFAULT_FAULT_SEED,
  DEMO_ORG,
  generateDemoDataset,
  loadEmulatorDataset,
  parseFaultSpec,
  startGitHubEmulator,
} from '../../emulators/github/index.ts';
import type {
  ContentLimits,
  EmulatorDataset,
  FaultRule,
  GitHubEmulator,
  OAuthOptions,
} from '../../emulators/github/index.ts';

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

export type RawOptions = Partial<
  Record<
    | 'port'
    | 'host'
    | 'seed'
    | 'repos'
    | 'issuesPerRepo'
    | 'dataset'
    | 'rateLimit'
    | 'faults'
    | 'faultSeed'
    | 'webhookUrl'
    | 'webhookSecret'
    | 'oauthClientId'
    | 'oauthClientSecret'
    | 'oauthLogin'
    | 'oauthCallbackUrl'
    | 'contentLimits',
    string
  >
> & { deviceAutoApprove?: boolean };

function integer(
  raw: string | undefined,
  spec: { name: string; min: number; max: number; fallback: number | null },
  errors: string[],
): number | null {
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
    if (raw.webhookSecret !== undefined)
      errors.push('--webhook-secret needs --webhook-url (where to deliver)');
    return null;
  }
  if (!isHttpUrl(raw.webhookUrl))
    errors.push(`--webhook-url must be an http(s) URL (got "${raw.webhookUrl}")`);
  if (raw.webhookSecret === '')
    errors.push('--webhook-secret must not be empty (leave it out to send unsigned deliveries)');
  return { url: raw.webhookUrl, secret: raw.webhookSecret ?? null };
}

function parseOAuth(raw: RawOptions, errors: string[]): OAuthOptions {
  const oauth: OAuthOptions = {};
  for (const [flag, key] of [
    ['oauth-client-id', 'oauthClientId'],
    ['oauth-client-secret', 'oauthClientSecret'],
    ['oauth-login', 'oauthLogin'],
  ] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (value.trim() === '') errors.push(`--${flag} must not be empty`);
    if (key === 'oauthClientId') oauth.clientId = value;
    else if (key === 'oauthClientSecret') oauth.clientSecret = value;
    else oauth.login = value;
  }
  if (raw.oauthCallbackUrl !== undefined) {
    if (!isHttpUrl(raw.oauthCallbackUrl))
      errors.push(`--oauth-callback-url must be an http(s) URL (got "${raw.oauthCallbackUrl}")`);
    oauth.callbackUrl = raw.oauthCallbackUrl;
  }
  if (raw.deviceAutoApprove) oauth.autoApproveDevice = true;
  return oauth;
}

function parseContentLimits(raw: string | undefined, errors: string[]): ContentLimits | null {
  if (raw === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    errors.push(
      `--content-limits must be PER_MINUTE/PER_HOUR, both at least 1 (got "${raw}"; GitHub: 80/500)`,
    );
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
    issuesPerRepo: integer(
      raw.issuesPerRepo,
      { name: 'issues-per-repo', min: 0, max: 1_000_000, fallback: 800 },
      errors,
    ) as number,
    dataset: raw.dataset ?? null,
    rateLimit: integer(
      raw.rateLimit,
      { name: 'rate-limit', min: 1, max: 10_000_000, fallback: null },
      errors,
    ),
    faults: [],
    faultSeed: integer(
      raw.faultSeed,
      { name: 'fault-seed', min: 0, max: 2 ** 32 - 1, fallback: DEFAULT_FAULT_SEED },
      errors,
    ) as number,
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
  if (
    options.dataset !== null &&
    (raw.seed !== undefined || raw.repos !== undefined || raw.issuesPerRepo !== undefined)
  ) {
    errors.push(
      '--dataset cannot be combined with --seed, --repos or --issues-per-repo (they shape the generated demo dataset)',
    );
  }
  return { options, errors };
}

/** Starts the emulator for validated options and prints how to point Loupe at it. */
export async function runEmulator(
  options: EmulatorCommandOptions,
  log: (line: string) => void = console.log,
): Promise<GitHubEmulator> {
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
  log(
    `Serving ${dataset.repos.length} repositories and ${dataset.issues.length} issues/pull requests of "${owner}".`,
  );
  log('Try it:');
  log(`  GITHUB_API_URL=${emulator.url} loupe repo add ${owner}/${firstRepo?.name ?? '<repo>'}`);
  if (options.faults.length > 0)
    log(
      `Injecting ${options.faults.length} fault rule(s), seed ${options.faultSeed}: GET ${emulator.url}/_emulator/faults lists them.`,
    );
  if (options.webhook)
    log(
      `Delivering ${options.webhook.secret ? 'signed' : 'unsigned'} webhooks to ${options.webhook.url}: GET ${emulator.url}/_emulator/deliveries lists them.`,
    );
  log(
    `OAuth sign-in: ${emulator.url}/login/oauth/authorize?client_id=… (GET ${emulator.url}/_emulator/oauth shows the app).`,
  );
  log(
    `Admin API (faults, requests, state, clock, mutations, webhook, deliveries, oauth): ${emulator.url}/_emulator/`,
  );
  log('Press Ctrl+C to stop.');
  return emulator;
}
