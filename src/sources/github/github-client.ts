import { Octokit } from '@octokit/core';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { LoupeError } from '../../core/errors.ts';
import { transientRetry, type RetryPolicy } from './github-retry.ts';
import { traceFetch, traceOctokitRequests } from './github-tracing.ts';

const LoupeOctokit = Octokit.plugin(throttling, transientRetry);
export type GitHubOctokit = InstanceType<typeof LoupeOctokit>;

export interface GitHubClientOptions {
  token: string | null;
  apiUrl: string;
  /** Longest wait for a rate-limit reset (primary or secondary) before giving up. */
  maxRateLimitWaitSeconds?: number;
  /** How long one second of waiting (retry-after, back-off) lasts in ms: 1000; tests shorten it. */
  retryBaseMs?: number;
  /** Overrides of the transient-failure retry policy (github-retry.ts). */
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
  /**
   * Space writes as GitHub asks integrations to: one a second, three after one that notifies people
   * (@octokit/plugin-throttling's pacing). Default true; tests against the emulator turn it off.
   */
  paceWrites?: boolean;
  onLog?: (message: string) => void;
}

/** A limiter group that never waits, in the shape the throttling plugin calls: group.key(id).schedule(options, fn, ...args). */
const NO_PACING = {
  key: () => ({
    schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(fn(...args)),
  }),
};

/**
 * Octokit with GitHub's rules built in: waits out primary and secondary rate limits (up to a bound)
 * with @octokit/plugin-throttling, retries 5xx and network failures with back-off
 * (@octokit/plugin-retry), and times out requests that hang. With tracing on, each call and each HTTP
 * attempt is a span (github-tracing.ts).
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubOctokit {
  const maxWait = options.maxRateLimitWaitSeconds ?? 900;
  const log = options.onLog ?? (() => undefined);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const baseMs = options.retryBaseMs ?? 1000;
  const transientRetryPolicy: Partial<RetryPolicy> = {
    secondMs: baseMs,
    maxRetryAfterSeconds: maxWait,
    onRetry: ({ attempt, delayMs, reason, url }) =>
      log(`retry ${attempt} of ${url} in ${delayMs} ms after ${reason}`),
    ...options.retry,
  };
  const octokit = new LoupeOctokit({
    auth: options.token ?? undefined,
    baseUrl: options.apiUrl,
    userAgent: 'loupe',
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
    request: {
      fetch: traceFetch((url: string | URL, init?: RequestInit) =>
        fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
      ),
    },
    transientRetry: transientRetryPolicy,
    throttle: {
      ...(options.paceWrites === false
        ? { write: NO_PACING as never, notifications: NO_PACING as never }
        : {}),
      retryAfterBaseValue: baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const ok = retryCount < 2 && retryAfter <= maxWait;
        log(
          `GitHub rate limit reached for ${request.method} ${request.url}; ${ok ? `waiting ${retryAfter}s` : 'giving up'}`,
        );
        return ok;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        const ok = retryCount < 3 && retryAfter <= maxWait;
        log(
          `GitHub secondary rate limit for ${request.method} ${request.url}; ${ok ? `waiting ${retryAfter}s` : 'giving up'}`,
        );
        return ok;
      },
    },
  });
  traceOctokitRequests(octokit);
  return octokit;
}

/**
 * A client for checks made while someone waits (is this repository there and readable?): a 5 s
 * timeout, two quick retries of a 5xx answer only, and no rate-limit waits, so an unreachable API
 * fails within seconds instead of after the minute of back-off a background sync may spend. A failed
 * check stores nothing, so asking again is always safe.
 */
export function createGitHubCheckClient(
  options: Pick<GitHubClientOptions, 'token' | 'apiUrl' | 'onLog'>,
): GitHubOctokit {
  return createGitHubClient({
    ...options,
    maxRateLimitWaitSeconds: 0,
    requestTimeoutMs: CHECK_TIMEOUT_MS,
    // A 502 from GitHub's edge is usually gone at once: two quick retries (~0.1 and ~0.2 s); no
    // retry when nothing answered, so an unreachable API still fails within one timeout.
    retry: { retries: 2, baseDelayMs: 100, retryNoAnswer: false },
  });
}

/** How long a check (createGitHubCheckClient) waits for GitHub's answer. */
export const CHECK_TIMEOUT_MS = 5000;

/**
 * Turns an Octokit failure into a LoupeError that says what to check. `next` says what happens
 * after a rate limit (a sync resumes from its cursor; a write was not made).
 */
export function describeGitHubError(
  error: unknown,
  what: string,
  next = 'The next sync resumes from the saved cursor.',
): LoupeError {
  if (error instanceof LoupeError) return error;
  if (error instanceof RequestError) {
    const remaining = error.response?.headers['x-ratelimit-remaining'];
    const reset = Number(error.response?.headers['x-ratelimit-reset']);
    const retryAfter = Number(error.response?.headers['retry-after']);
    // A secondary limit (or a 429) names its own wait in retry-after; the primary window's reset,
    // which may be most of an hour away, says nothing about it.
    if (
      (error.status === 403 || error.status === 429) &&
      (/secondary rate/i.test(error.message) || (remaining !== '0' && Number.isFinite(retryAfter)))
    ) {
      const wait = Number.isFinite(retryAfter) ? ` It asked to wait ${retryAfter} s (retry-after).` : '';
      return new LoupeError('RATE_LIMITED', `GitHub secondary rate limit while ${what}.${wait} ${next}`, {
        ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
      });
    }
    if (
      (error.status === 403 || error.status === 429) &&
      (remaining === '0' || /rate limit/i.test(error.message))
    ) {
      const when =
        Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
      return new LoupeError('RATE_LIMITED', `GitHub rate limit exhausted while ${what}.${when} ${next}`);
    }
    if (error.status === 401) {
      return new LoupeError(
        'SOURCE_AUTH_FAILED',
        `GitHub rejected the token while ${what} (401 Bad credentials): check GITHUB_TOKEN or --token.`,
      );
    }
    if (error.status === 404) {
      return new LoupeError(
        'NOT_FOUND',
        `GitHub answered 404 while ${what}: check the repository name, and that the token can read it if it is private.`,
      );
    }
    if (error.status === 403) {
      return new LoupeError(
        'SOURCE_ACCESS_DENIED',
        `GitHub answered 403 while ${what} (${error.message}): the token may not read it; check GITHUB_TOKEN or --token, and the organisation's access rules.`,
      );
    }
    // Octokit reports a request that got no answer at all as a 500 without a response.
    if (!error.response) return unreachable(apiHostOf(error.request.url), what, networkCause(error));
    return new LoupeError(
      'SOURCE_UNAVAILABLE',
      `GitHub answered ${error.status} while ${what}: ${error.message}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LoupeError('SOURCE_UNAVAILABLE', `Could not reach GitHub while ${what}: ${message}`);
}

function unreachable(host: string, what: string, cause: string): LoupeError {
  return new LoupeError(
    'SOURCE_UNREACHABLE',
    `Could not reach ${host} while ${what}: ${cause}. Check the network, and the API URL (GITHUB_API_URL or --api-url).`,
    { host, cause },
  );
}

/** The host (and port) of an API URL, for messages: "api.github.com", "127.0.0.1:3001". */
export function apiHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What went wrong on the wire, from the innermost error that says (fetch wraps the socket's error,
 * sometimes in an AggregateError with an empty message): "getaddrinfo ENOTFOUND api.github.com",
 * "ECONNREFUSED", "The operation was aborted due to timeout".
 */
function networkCause(error: Error): string {
  let best = error.message;
  for (let e: unknown = error.cause, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.message) best = e.message;
    else if (typeof code === 'string') best = code;
    if (e.name === 'TimeoutError') best = 'no answer before the timeout';
  }
  return best || 'no answer';
}
