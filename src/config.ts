import path from 'node:path';
import { llmConfigProblems, type LlmConfig } from './guidance/providers/llm-config.ts';
import { tracingConfigFromEnv, type TracingConfig } from './tracing/tracing-config.ts';

/** Everything Loupe reads from the environment, validated once at start-up. */
export interface LoupeConfig {
  database: { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string };
  /** LOUPE_DATA_DIR (default ./.loupe): the embedded database, and repository clones under clones/. */
  dataDir: string;
  host: string;
  port: number;
  github: {
    token: string | null;
    apiUrl: string;
    /** GITHUB_WEBHOOK_SECRET: verifies POST /api/webhooks/github; null disables webhooks. */
    webhookSecret: string | null;
  };
  logLevel: string;
  /** Run job workers inside the API process (the embedded default) or leave them to `loupe worker`. */
  inProcessWorkers: boolean;
  /** Longest wait (seconds) for a GitHub rate-limit reset before a sync gives up and resumes later. */
  maxRateLimitWaitSeconds: number;
  /** Optional LLM second opinion on issue types; provider null = offline only (the default). */
  llm: LlmConfig;
  /**
   * LOUPE_AUTH: 'local' (the default: one local user, no sign-in, shown as such in the UI) or
   * 'github' (server mode: sign-in with GitHub OAuth, sessions, API tokens, rate limits).
   */
  auth: {
    mode: 'local' | 'github';
    /** LOUPE_GITHUB_CLIENT_ID / LOUPE_GITHUB_CLIENT_SECRET of the GitHub OAuth app. */
    githubClientId: string | null;
    githubClientSecret: string | null;
    /** LOUPE_GITHUB_WEB_URL: where people sign in (https://github.com, a GHES host, the emulator). */
    githubWebUrl: string;
    /** LOUPE_PUBLIC_URL: the address people open Loupe at (OAuth callback, Secure cookies over https). */
    publicUrl: string | null;
    /** LOUPE_RATE_LIMIT: requests per minute per API token, session or IP; 0 = no limit. */
    rateLimitPerMinute: number;
  };
  /** LOUPE_SECRET_KEY (64 hex characters or base64 of 32 bytes): seals connection credentials. */
  secretKey: string | null;
  /** OpenTelemetry tracing from the standard OTEL_* variables; null (the default): off, nothing loaded. */
  tracing: TracingConfig | null;
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; lists every problem at once (probot's readEnvOptions habit). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LoupeConfig {
  const problems: string[] = [];
  const port = parseInteger(env.PORT ?? '3000', 'PORT', problems, { min: 0, max: 65535 });
  const maxWait = parseInteger(
    env.LOUPE_MAX_RATE_LIMIT_WAIT ?? '900',
    'LOUPE_MAX_RATE_LIMIT_WAIT',
    problems,
    { min: 0, max: 86_400 },
  );
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${redact(databaseUrl)}")`);
  }
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiUrl))
    problems.push(`GITHUB_API_URL must be an http(s) URL (got "${apiUrl}")`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const workers = env.LOUPE_WORKERS ?? 'in-process';
  if (!['in-process', 'external'].includes(workers)) {
    problems.push(`LOUPE_WORKERS must be "in-process" or "external" (got "${workers}")`);
  }
  const llm: LlmConfig = {
    provider: env.LOUPE_LLM_PROVIDER?.trim() || null,
    model: env.LOUPE_LLM_MODEL?.trim() || null,
    baseUrl: env.LOUPE_LLM_BASE_URL?.trim().replace(/\/+$/, '') || null,
    openaiApiKey: env.OPENAI_API_KEY?.trim() || null,
    anthropicApiKey: env.ANTHROPIC_API_KEY?.trim() || null,
    timeoutMs: parseInteger(env.LOUPE_LLM_TIMEOUT_MS ?? '30000', 'LOUPE_LLM_TIMEOUT_MS', problems, {
      min: 1000,
      max: 600_000,
    }),
  };
  problems.push(...llmConfigProblems(llm).filter((p) => !p.startsWith('LOUPE_LLM_TIMEOUT_MS')));
  const authMode = env.LOUPE_AUTH?.trim() || 'local';
  if (authMode !== 'local' && authMode !== 'github')
    problems.push(`LOUPE_AUTH must be "local" or "github" (got "${authMode}")`);
  const githubClientId = env.LOUPE_GITHUB_CLIENT_ID?.trim() || null;
  const githubClientSecret = env.LOUPE_GITHUB_CLIENT_SECRET?.trim() || null;
  if (authMode === 'github' && (!githubClientId || !githubClientSecret)) {
    problems.push(
      'LOUPE_AUTH=github needs LOUPE_GITHUB_CLIENT_ID and LOUPE_GITHUB_CLIENT_SECRET (an OAuth app whose callback is <LOUPE_PUBLIC_URL>/auth/github/callback)',
    );
  }
  const githubWebUrl = (env.LOUPE_GITHUB_WEB_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(githubWebUrl))
    problems.push(`LOUPE_GITHUB_WEB_URL must be an http(s) URL (got "${githubWebUrl}")`);
  const publicUrl = env.LOUPE_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/]+$/.test(publicUrl))
    problems.push(
      `LOUPE_PUBLIC_URL must be an http(s) origin such as https://loupe.example.org (got "${publicUrl}")`,
    );
  const rateLimitPerMinute = parseInteger(
    env.LOUPE_RATE_LIMIT ?? (authMode === 'github' ? '600' : '0'),
    'LOUPE_RATE_LIMIT',
    problems,
    { min: 0, max: 1_000_000 },
  );
  const secretKey = env.LOUPE_SECRET_KEY?.trim() || null;
  if (secretKey && !isSecretKey(secretKey))
    problems.push(
      'LOUPE_SECRET_KEY must be 32 bytes: 64 hex characters or 44 base64 characters (make one with: openssl rand -hex 32)',
    );
  const tracing = tracingConfigFromEnv(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    database: databaseUrl
      ? { engine: 'postgres', url: databaseUrl }
      : { engine: 'pglite', dataDir: path.resolve(cwd, env.LOUPE_DATA_DIR || '.loupe') },
    dataDir: path.resolve(cwd, env.LOUPE_DATA_DIR || '.loupe'),
    host: env.HOST || '127.0.0.1',
    port,
    // The secret is not trimmed: a secret may legitimately end in a space.
    github: {
      token: env.GITHUB_TOKEN?.trim() || null,
      apiUrl,
      webhookSecret: env.GITHUB_WEBHOOK_SECRET || null,
    },
    logLevel,
    inProcessWorkers: workers === 'in-process',
    maxRateLimitWaitSeconds: maxWait,
    llm,
    auth: {
      mode: authMode === 'github' ? 'github' : 'local',
      githubClientId,
      githubClientSecret,
      githubWebUrl,
      publicUrl,
      rateLimitPerMinute,
    },
    secretKey,
    tracing,
  };
}

/** 32 bytes as hex or base64 (what services/secret-box.ts accepts). */
export function isSecretKey(value: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return true;
  return /^[A-Za-z0-9+/]{43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

function parseInteger(
  raw: string,
  name: string,
  problems: string[],
  range: { min: number; max: number },
): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got "${raw}")`);
    return range.min;
  }
  return value;
}

/** Hides a password in a connection string before it is shown anywhere. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
