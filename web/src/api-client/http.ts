/** Error raised for any failed API call; `message` is the server's own message when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(options: { status: number; code: string; message: string }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
  }
}

/**
 * Turns an error response into an ApiError. The server always answers { error: { code, message } },
 * but a proxy or a crashed server may not, so anything else still yields a readable message.
 */
export function parseErrorResponse(options: {
  status: number;
  statusText: string;
  bodyText: string;
}): ApiError {
  const { status, statusText, bodyText } = options;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = (parsed as { error?: unknown } | null)?.error as
      { code?: unknown; message?: unknown } | undefined;
    if (error && typeof error.message === 'string' && error.message !== '') {
      return new ApiError({
        status,
        code: typeof error.code === 'string' ? error.code : `HTTP_${status}`,
        message: error.message,
      });
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  const line = statusText ? `${status} ${statusText}` : String(status);
  return new ApiError({ status, code: `HTTP_${status}`, message: `The server answered ${line}.` });
}

/** True for the rejection fetch() gives when its AbortSignal fires; callers ignore these. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === 'AbortError'
    : (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** A rejection reason as an Error, for components that show `error.message`. */
export function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Who the requests speak for: the workspace chosen in the UI and the CSRF token GET /api/me gave. */
export interface RequestContext {
  /** Sent as x-loupe-workspace; null lets the server pick (the demo or "default" locally, else the first). */
  workspace: string | null;
  /** Sent as x-csrf-token on writes (server mode); null in local mode. */
  csrfToken: string | null;
}

export const WORKSPACE_HEADER = 'x-loupe-workspace';
export const CSRF_HEADER = 'x-csrf-token';

// One context for the whole page: the session sets it once /api/me answers, before any page loads.
let context: RequestContext = { workspace: null, csrfToken: null };

/** Sets the workspace and CSRF token every later request carries. */
export function setRequestContext(next: Partial<RequestContext>): void {
  context = { ...context, ...next };
}

/** The context requests carry now. */
export function getRequestContext(): RequestContext {
  return context;
}

/**
 * The headers of one request: JSON in and out, the chosen workspace on every request, and the CSRF
 * token on writes only (a GET never changes anything, so it needs none).
 */
export function requestHeaders(options: {
  method: string;
  hasBody: boolean;
  context: RequestContext;
}): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.hasBody) headers['content-type'] = 'application/json';
  if (options.context.workspace) headers[WORKSPACE_HEADER] = options.context.workspace;
  const writes = !['GET', 'HEAD', 'OPTIONS'].includes(options.method.toUpperCase());
  if (writes && options.context.csrfToken) headers[CSRF_HEADER] = options.context.csrfToken;
  return headers;
}

/** Sends one JSON request to the API and returns the parsed body, or throws ApiError. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  const init: RequestInit = { method, headers: requestHeaders({ method, hasBody, context }) };
  if (options.signal) init.signal = options.signal;
  if (hasBody) init.body = JSON.stringify(options.body);
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      message: 'Could not reach the Loupe server. Is it running?',
    });
  }
  const bodyText = await response.text();
  if (!response.ok)
    throw parseErrorResponse({ status: response.status, statusText: response.statusText, bodyText });
  // 204 No Content (e.g. DELETE): there is no body to parse.
  if (response.status === 204) return undefined as T;
  try {
    return JSON.parse(bodyText) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'BAD_RESPONSE',
      message: 'The server sent a response that is not JSON.',
    });
  }
}
