/**
 * The one interface Loupe's guidance code uses to ask a large language model for structured JSON,
 * whichever vendor serves it. Providers are optional: the offline models stay the default, so every
 * failure here is an LlmError with a stable code that callers turn into "fall back to offline".
 */
import { z } from 'zod';

export type LlmErrorCode = 'LLM_BAD_OUTPUT' | 'LLM_UNAVAILABLE' | 'LLM_AUTH';

/** A provider failure with a stable `code` and a message that says what to check. */
export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}

export interface CompleteJsonRequest<T> {
  /** Instructions to the model (system prompt). */
  system: string;
  /** The task and its data (user turn). */
  user: string;
  /**
   * The shape of the answer. One zod schema is both the JSON Schema sent to the vendor (strict
   * structured output / forced tool input) and the validator of what comes back, so they cannot drift.
   * Keep it to what OpenAI's strict mode accepts: objects, enums, strings, numbers with min/max.
   */
  schema: z.ZodType<T>;
  /** Name of the response format / tool: letters, digits, `_` and `-`, at most 64 characters. */
  schemaName: string;
  maxTokens?: number;
  /** Cancels the request (job shutdown); the provider's own deadline applies as well. */
  signal?: AbortSignal;
}

/** A configured model that answers with JSON matching a schema. */
export interface LlmProvider {
  /** 'openai' | 'anthropic' | 'openai-compatible'. */
  name: string;
  model: string;
  /** Resolves with validated JSON, or rejects with an LlmError. */
  completeJson<T>(request: CompleteJsonRequest<T>): Promise<T>;
}

/** Options every provider shares. */
export interface ProviderLimits {
  /** Deadline for one completeJson call, retries included. */
  timeoutMs: number;
  /** SDK retries on 408/409/429/5xx and connection errors; kept small so a job never stalls long. */
  maxRetries: number;
}

export const DEFAULT_LIMITS: ProviderLimits = { timeoutMs: 30_000, maxRetries: 2 };
export const DEFAULT_MAX_TOKENS = 1024;

/** JSON Schema for the vendor: zod's draft 2020-12 output without the `$schema` key vendors do not need. */
export function toVendorJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

/** Validates a model's answer (already parsed JSON, or text that should be JSON) against the schema. */
export function parseModelJson<T>(raw: unknown, schema: z.ZodType<T>, who: string): T {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LlmError('LLM_BAD_OUTPUT', `${who} answered with text that is not JSON: ${preview(raw)}`);
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new LlmError(
      'LLM_BAD_OUTPUT',
      `${who} answered with JSON that does not match the schema (${issues}): ${preview(JSON.stringify(value))}`,
    );
  }
  return result.data;
}

/**
 * One signal for the whole call: the caller's (if any) and a deadline. The deadline covers SDK retries
 * too, which the SDKs' per-attempt `timeout` alone would not.
 */
export function deadlineSignal(
  timeoutMs: number,
  caller?: AbortSignal,
): { signal: AbortSignal; timedOut: () => boolean } {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
  return { signal, timedOut: () => deadline.aborted && !caller?.aborted };
}

/**
 * Runs one vendor call under the deadline and maps whatever goes wrong to an LlmError, so every
 * provider fails the same way.
 */
export async function callWithDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  options: { who: string; timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  const { signal, timedOut } = deadlineSignal(options.timeoutMs, options.signal);
  try {
    return await run(signal);
  } catch (error) {
    throw toLlmError(error, {
      who: options.who,
      timeoutMs: options.timeoutMs,
      timedOut: timedOut(),
      callerAborted: options.signal?.aborted ?? false,
    });
  }
}

/** The subset of SDK error fields we map; both official SDKs expose these. */
interface SdkErrorLike {
  name?: string;
  status?: number;
  message?: string;
}

/**
 * Maps an SDK error (OpenAI and Anthropic share the shape: APIError with `status`, APIUserAbortError,
 * APIConnectionError, APIConnectionTimeoutError) to an LlmError. Already-mapped errors pass through.
 */
export function toLlmError(
  error: unknown,
  context: { who: string; timeoutMs: number; timedOut: boolean; callerAborted: boolean },
): LlmError {
  if (error instanceof LlmError) return error;
  const { who } = context;
  if (context.timedOut)
    return new LlmError(
      'LLM_UNAVAILABLE',
      `${who} did not answer within ${context.timeoutMs} ms (LOUPE_LLM_TIMEOUT_MS)`,
      { cause: error },
    );
  if (context.callerAborted)
    return new LlmError('LLM_UNAVAILABLE', `${who} request was cancelled`, { cause: error });
  // The SDKs parse the HTTP body themselves; a broken body surfaces as a SyntaxError.
  if (error instanceof SyntaxError)
    return new LlmError(
      'LLM_BAD_OUTPUT',
      `${who} sent a response body that is not valid JSON: ${preview(error.message)}`,
      { cause: error },
    );
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const detail = e.message ? `: ${preview(e.message)}` : '';
  if (e.status === 401 || e.status === 403) {
    return new LlmError(
      'LLM_AUTH',
      `${who} rejected the API key (HTTP ${e.status}); check OPENAI_API_KEY / ANTHROPIC_API_KEY${detail}`,
      { cause: error },
    );
  }
  if (e.status === 429)
    return new LlmError(
      'LLM_UNAVAILABLE',
      `${who} is rate limiting requests (HTTP 429) after retries${detail}`,
      { cause: error },
    );
  if (e.status === 400 || e.status === 404 || e.status === 422) {
    return new LlmError(
      'LLM_UNAVAILABLE',
      `${who} refused the request (HTTP ${e.status}); check LOUPE_LLM_MODEL and that the server supports structured output${detail}`,
      { cause: error },
    );
  }
  if (typeof e.status === 'number')
    return new LlmError('LLM_UNAVAILABLE', `${who} failed (HTTP ${e.status})${detail}`, { cause: error });
  if (e.name === 'APIConnectionTimeoutError')
    return new LlmError('LLM_UNAVAILABLE', `${who} timed out${detail}`, { cause: error });
  return new LlmError(
    'LLM_UNAVAILABLE',
    `${who} could not be reached; check LOUPE_LLM_BASE_URL and that the server is running${detail}`,
    { cause: error },
  );
}

function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
