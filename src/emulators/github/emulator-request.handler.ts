/**
 * The emulator's HTTP transport for API and OAuth requests on node:http: auth, the primary rate
 * limit and the content-creation limit, conditional requests (ETag, Last-Modified) with 304s,
 * fault injection and the request log. Reads route to emulator-routes.ts, writes to
 * emulator-write.routes.ts, sign-in to oauth.routes.ts. /_emulator/ requests never get here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault } from './apply-fault.ts';
import type { Truncation } from './apply-fault.ts';
import { isNotModified, validatorHeaders, weakEtag } from './conditional-request.ts';
import { CONTENT_LIMIT_MESSAGE } from './content-limiter.ts';
import type { ContentLimiter } from './content-limiter.ts';
import type { EmulatorClock } from './emulator-clock.ts';
import { EmulatorTargetNotFoundError } from './emulator-mutations.ts';
import { NOT_FOUND, routeRequest } from './emulator-routes.ts';
import type { RouteResponse } from './emulator-routes.ts';
import type { EmulatorState } from './emulator-state.ts';
import type { TokenIdentity, TokenRegistry } from './emulator-tokens.ts';
import { isWriteRoute, routeWrite } from './emulator-write.routes.ts';
import type { FaultInjector } from './fault-injector.ts';
import { OAUTH_PATHS } from './oauth.routes.ts';
import type { OAuthServer } from './oauth.routes.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RequestLogEntry } from './request-log.ts';
import { DOCS_URL, ValidationError } from './request-params.ts';
import { WriteRequestError } from './write-request.schema.ts';

export interface RequestHandlerDeps {
  state: EmulatorState;
  clock: EmulatorClock;
  limiter: RateLimiter;
  content: ContentLimiter;
  faults: FaultInjector;
  tokens: TokenRegistry;
  oauth: OAuthServer;
  requireToken: boolean;
}

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  entry: RequestLogEntry;
  requestId: number;
  /** The request body (empty for GET and HEAD). */
  body: string;
}

interface Context extends ApiRequest {
  url: URL;
  /** undefined: no Authorization header; null: a malformed one. */
  token: string | null | undefined;
  identity: TokenIdentity | null;
  truncate: Truncation | null;
}

const BASE_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'private, max-age=60, s-maxage=60',
  vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
  'x-github-media-type': 'github.v3; format=json',
  'x-github-api-version-selected': '2022-11-28',
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
  'x-content-type-options': 'nosniff',
};

const SECONDARY_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

function parseToken(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] ?? null) : null;
}

function unauthorized(message: 'Bad credentials' | 'Requires authentication'): RouteResponse {
  return { status: 401, body: JSON.stringify({ message, documentation_url: DOCS_URL }) };
}

/** Builds the function that answers one API or OAuth request. */
export function createRequestHandler(deps: RequestHandlerDeps): (request: ApiRequest) => void {
  const { limiter } = deps;

  function send(
    ctx: ApiRequest & { identity?: TokenIdentity | null; truncate?: Truncation | null },
    r: RouteResponse,
  ): void {
    const rate = limiter.snapshot();
    const scopes = ctx.identity?.scopes;
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      date: new Date(deps.clock.nowMs()).toUTCString(),
      'x-github-request-id': `E0E0:${ctx.requestId.toString(16).toUpperCase().padStart(6, '0')}`,
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(rate.reset),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-resource': 'core',
      ...(scopes ? { 'x-oauth-scopes': scopes.join(', '), 'x-accepted-oauth-scopes': '' } : {}),
      ...(r.link ? { link: r.link } : {}),
      ...r.headers,
    };
    ctx.entry.status = r.status;
    headers['content-length'] = String(Buffer.byteLength(r.body));
    ctx.res.writeHead(r.status, headers);
    if (ctx.truncate) {
      // Announce the full length, send part of it, then drop the connection: a torn download.
      const bytes = Buffer.from(r.body);
      const sent = Math.min(bytes.length, ctx.truncate.bytes ?? Math.floor(bytes.length / 2));
      ctx.res.write(bytes.subarray(0, sent), () => ctx.res.destroy());
      return;
    }
    ctx.res.end(r.body);
  }

  function write(ctx: Context): RouteResponse {
    if (!ctx.identity)
      return unauthorized(ctx.token === undefined ? 'Requires authentication' : 'Bad credentials');
    const limited = deps.content.take(ctx.token as string);
    if (limited) {
      const message = `${CONTENT_LIMIT_MESSAGE} If you reach out to GitHub Support for help, please include the request ID E0E0:${ctx.requestId}.`;
      return {
        status: 403,
        body: JSON.stringify({ message, documentation_url: SECONDARY_DOCS }),
        headers: { 'retry-after': String(limited.retryAfterSeconds) },
      };
    }
    return routeWrite({
      state: deps.state,
      url: ctx.url,
      method: ctx.req.method ?? 'POST',
      body: ctx.body,
      actor: ctx.identity.login,
      now: deps.clock.nowIso(),
    });
  }

  function route(ctx: Context): RouteResponse {
    try {
      const method = ctx.req.method;
      if (method === 'GET' || method === 'HEAD')
        return routeRequest({
          state: deps.state,
          url: ctx.url,
          login: ctx.identity?.login ?? null,
          rate: limiter.snapshot(),
        });
      return isWriteRoute(method, ctx.url.pathname) ? write(ctx) : NOT_FOUND;
    } catch (error) {
      if (error instanceof ValidationError) return { status: 422, body: JSON.stringify(error.toBody()) };
      if (error instanceof WriteRequestError)
        return { status: error.status, body: JSON.stringify(error.body) };
      if (error instanceof EmulatorTargetNotFoundError || error instanceof URIError) return NOT_FOUND;
      throw error;
    }
  }

  function respond(ctx: Context): void {
    if (ctx.res.destroyed) return;
    if (OAUTH_PATHS.includes(ctx.url.pathname)) {
      // github.com's sign-in pages, not the REST API: no rate limit.
      const answer = deps.oauth.route({
        method: ctx.req.method ?? 'GET',
        url: ctx.url,
        headers: ctx.req.headers,
        body: ctx.body,
      });
      return send(ctx, answer ?? NOT_FOUND);
    }
    const counts = ctx.url.pathname !== '/rate_limit';
    if (counts && limiter.exhausted()) {
      const body = {
        message: `API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID E0E0:${ctx.requestId}.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      };
      return send(ctx, { status: 403, body: JSON.stringify(body) });
    }
    const result = route(ctx);
    const isRead = ctx.req.method === 'GET' || ctx.req.method === 'HEAD';
    if (result.status === 200 && isRead) {
      const current = { etag: weakEtag(result.body), lastModifiedMs: result.lastModifiedMs ?? null };
      // Like GitHub, a 304 answer to a conditional request does not count against the limit.
      if (isNotModified(ctx.req.headers, current)) {
        return send(ctx, {
          status: 304,
          body: '',
          headers: validatorHeaders(current),
          link: result.link ?? null,
        });
      }
      if (counts) limiter.consume();
      return send(ctx, { ...result, headers: { ...result.headers, ...validatorHeaders(current) } });
    }
    if (counts) limiter.consume();
    send(ctx, result);
  }

  return function handle(request: ApiRequest): void {
    const { req } = request;
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const token = parseToken(req.headers.authorization);
    const identity = typeof token === 'string' ? deps.tokens.identify(token) : null;
    const isOAuth = OAUTH_PATHS.includes(url.pathname);
    if (!isOAuth && (token === null || (deps.requireToken && !identity)))
      return send(request, unauthorized('Bad credentials'));
    const fault = deps.faults.take(request.entry.method, request.entry.path);
    if (fault) request.entry.fault = fault.kind;
    const outcome = fault
      ? applyFault(fault, { req, res: request.res, send: (r) => send(request, r) })
      : undefined;
    if (outcome?.action === 'handled') return;
    const next: Context = { ...request, url, token, identity, truncate: outcome?.truncate ?? null };
    if (outcome && outcome.delayMs > 0) {
      const timer = setTimeout(() => respond(next), outcome.delayMs);
      request.res.once('close', () => clearTimeout(timer));
      return;
    }
    respond(next);
  };
}
