import type { Octokit } from '@octokit/core';
import { RequestError } from '@octokit/request-error';

/** How transient failures are retried (5xx, resets, hangs, bodies that arrive cut short or empty). */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First back-off in ms; each further attempt doubles it, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Retry failures with no answer at all (refused, reset, timed out). A check made while someone
   * waits turns this off: an unreachable API must fail within one timeout, not several.
   */
  retryNoAnswer?: boolean;
  /** Longest `retry-after` honoured; a longer one fails at once with the wait in the message. */
  maxRetryAfterSeconds: number;
  /** How long one second of waiting lasts (1000; tests shorten it). Scales retry-after and back-off. */
  secondMs?: number;
  /** Random in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  /** Injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; url: string }) => void;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 6,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  maxRetryAfterSeconds: 900,
};

/**
 * Back-off before retry `attempt` (0-based): `retry-after` exactly when the answer gave one;
 * otherwise "equal jitter" exponential back-off, base·2^attempt capped, half of it fixed and half
 * random, so that many clients hit by one outage do not retry in step. GitHub's own guidance is to
 * wait at least a second only for rate limits; a 502 from a load balancer is usually gone at once.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterSeconds: number | null): number {
  const scale = (policy.secondMs ?? 1000) / 1000;
  if (retryAfterSeconds !== null) return retryAfterSeconds * 1000 * scale;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * scale;
  return Math.round(ceiling / 2 + (policy.random ?? Math.random)() * (ceiling / 2));
}

/**
 * Whether a failed request is worth repeating as it is: server errors, network failures (Octokit
 * reports those as status 500 with no response), 429 and timeouts. Rate-limit 403s are the
 * throttling plugin's; 4xx answers are final.
 */
function transientReason(error: unknown): string | null {
  if (!(error instanceof RequestError)) return null;
  if (error.status >= 500)
    return error.response ? `GitHub answered ${error.status}` : `network failure (${error.message})`;
  if (error.status === 429 && !isRateLimitExhausted(error)) return 'GitHub answered 429';
  return null;
}

function isRateLimitExhausted(error: RequestError): boolean {
  return error.response?.headers['x-ratelimit-remaining'] === '0';
}

function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof RequestError)) return null;
  const raw = error.response?.headers['retry-after'];
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** A 2xx whose JSON body did not arrive whole: Octokit hands the raw text (often "") back as data. */
function isMalformedJsonAnswer(response: {
  headers: Record<string, unknown>;
  data: unknown;
  status: number;
}): boolean {
  const type = String(response.headers['content-type'] ?? '');
  return (
    response.status !== 204 &&
    response.status !== 304 &&
    /json/i.test(type) &&
    typeof response.data === 'string'
  );
}

/**
 * An Octokit plugin that retries transient failures under `policy` and turns a JSON answer that did
 * not parse into a retried failure instead of data. Replaces @octokit/plugin-retry, whose back-off
 * (1 s, 4 s, 9 s, 16 s) ignored `retry-after` and made a 5,000-issue sync 22x slower at a 10% 5xx rate.
 */
export function transientRetry(
  octokit: Octokit,
  options: { transientRetry?: Partial<RetryPolicy> } & Record<string, unknown>,
) {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.transientRetry };
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  octokit.hook.wrap('request', async (request, requestOptions) => {
    // A request that must not be repeated (creating an issue or comment: a 5xx or a dropped
    // connection does not prove GitHub did not create it) opts out with request.transientRetry: false.
    if ((requestOptions.request as { transientRetry?: boolean } | undefined)?.transientRetry === false)
      return request(requestOptions);
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      let reason: string | null;
      try {
        const response = await request(requestOptions);
        if (!isMalformedJsonAnswer(response)) return response;
        reason = 'a JSON body that arrived cut short or empty';
        failure = new RequestError(`GitHub sent ${reason}`, 502, {
          request: requestOptions as never,
          response: response as never,
        });
      } catch (error) {
        reason = transientReason(error);
        if (reason === null) throw error;
        if (policy.retryNoAnswer === false && error instanceof RequestError && !error.response) throw error;
        failure = error;
      }
      const retryAfter = retryAfterOf(failure);
      if (attempt >= policy.retries || (retryAfter !== null && retryAfter > policy.maxRetryAfterSeconds))
        throw failure;
      const delayMs = retryDelayMs(policy, attempt, retryAfter);
      policy.onRetry?.({ attempt: attempt + 1, delayMs, reason, url: String(requestOptions.url) });
      await sleep(delayMs);
    }
  });
  return {};
}
