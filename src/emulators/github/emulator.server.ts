/**
 * The GitHub REST emulator's HTTP transport on node:http: auth, the primary rate limit, conditional
 * requests (ETag, Last-Modified) with 304s, fault injection and the request log. API routing lives
 * in emulator-routes.ts; /_emulator/ requests go to emulator-admin.routes.ts before any of this.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatasetComment, DatasetIssue, EmulatorDataset } from './dataset.types.ts';
import { EmulatorClock } from './emulator-clock.ts';
import { addComment, createIssue, deleteComment, deleteIssue, updateIssue } from './emulator-mutations.ts';
import type { IssuePatch, NewComment, NewIssue } from './emulator-mutations.ts';
import { NOT_FOUND, routeRequest } from './emulator-routes.ts';
import type { RouteResponse } from './emulator-routes.ts';
import { EmulatorState } from './emulator-state.ts';
import { DEFAULT_FAULT_SEED, FaultInjector } from './fault-injector.ts';
import type { FaultRule, LiveFaultRule } from './fault-injector.ts';
import { RateLimiter } from './rate-limiter.ts';
import { RequestLog } from './request-log.ts';
import type { RequestLogEntry } from './request-log.ts';
import { DOCS_URL, ValidationError } from './request-params.ts';
import { snapshotState } from './state-snapshot.ts';
import type { StateSnapshot } from './state-snapshot.ts';
import { applyFault } from './apply-fault.ts';
import { isAdminPath, serveAdminRequest } from './emulator-admin.routes.ts';
import { isNotModified, validatorHeaders, weakEtag } from './conditional-request.ts';
import type { Truncation } from './apply-fault.ts';

export type { RequestLogEntry } from './request-log.ts';
export { weakEtag } from './conditional-request.ts';

export interface GitHubEmulatorOptions {
  dataset: EmulatorDataset;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Primary rate limit; default 5000 requests per hour. */
  rateLimit?: { limit: number; windowMs?: number };
  /** Answer 401 to requests without a valid token. */
  requireToken?: boolean;
  /** Accepted tokens when requireToken is set; any non-empty token when absent. */
  tokens?: string[];
  /** Freezes the clock at this time from the start; default real time until setClock(). */
  clock?: string;
  /** Base of html_url fields; default https://github.com. */
  htmlUrl?: string;
  /** Fault rules active from the start (see injectFault). */
  faults?: FaultRule[];
  /** Seed of the draws of probabilistic fault rules; default DEFAULT_FAULT_SEED. */
  faultSeed?: number;
}

/** A running emulator. `url` works as an Octokit `baseUrl`. */
export interface GitHubEmulator {
  url: string;
  close(): Promise<void>;
  requests: RequestLogEntry[];
  resetRequestLog(): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Live rules with their remaining uses (Infinity for rules without an end). */
  listFaults(): readonly LiveFaultRule[];
  /** The true current state (as GET /_emulator/state); undefined for an unknown `repo`. */
  snapshotState(repo?: string): StateSnapshot | undefined;
  updateIssue(repoFullName: string, number: number, patch: IssuePatch): DatasetIssue;
  addComment(repoFullName: string, number: number, comment: NewComment): DatasetComment;
  createIssue(repoFullName: string, issue: NewIssue): DatasetIssue;
  /** Removes the issue and its comments: GET answers 410, lists leave it out. */
  deleteIssue(repoFullName: string, number: number): DatasetIssue;
  /** Removes a comment; the issue's updated_at stays unless `touchIssue` (GitHub leaves it). */
  deleteComment(repoFullName: string, id: number, options?: { touchIssue?: boolean }): DatasetComment;
  setClock(iso: string): void;
  advanceClock(ms: number): void;
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

function parseToken(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] ?? null) : null;
}

/** Starts an emulator serving `dataset`; resolves once it listens. */
export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const clock = new EmulatorClock(options.clock);
  const limiter = new RateLimiter({
    limit: options.rateLimit?.limit ?? 5000,
    windowMs: options.rateLimit?.windowMs ?? 3_600_000,
    now: () => clock.nowMs(),
  });
  const faultSeed = options.faultSeed ?? DEFAULT_FAULT_SEED;
  const faults = new FaultInjector(faultSeed);
  for (const rule of options.faults ?? []) faults.add(rule);
  const log = new RequestLog();
  let requestCounter = 0;
  // The request handler is attached once listening: rendered URLs need the bound port.
  const server = createServer();

  function send(
    ctx: { res: ServerResponse; entry: RequestLogEntry; requestId: number; truncate?: Truncation | null },
    r: RouteResponse & { headers?: Record<string, string> },
  ): void {
    const rate = limiter.snapshot();
    const headers: Record<string, string> = {
      ...BASE_HEADERS,
      date: new Date(clock.nowMs()).toUTCString(),
      'x-github-request-id': `E0E0:${ctx.requestId.toString(16).toUpperCase().padStart(6, '0')}`,
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(rate.reset),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-resource': 'core',
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

  function handle(ctx: { req: IncomingMessage; res: ServerResponse; entry: RequestLogEntry; state: EmulatorState; requestId: number }): void {
    const { req } = ctx;
    const token = parseToken(req.headers.authorization);
    const validToken = typeof token === 'string' && (!options.tokens || options.tokens.includes(token));
    if (token === null || (options.requireToken && !validToken)) {
      return send(ctx, { status: 401, body: JSON.stringify({ message: 'Bad credentials', documentation_url: DOCS_URL }) });
    }
    const fault = faults.take(ctx.entry.method, ctx.entry.path);
    if (fault) ctx.entry.fault = fault.kind;
    const outcome = fault ? applyFault(fault, { req, res: ctx.res, send: (r) => send(ctx, r) }) : undefined;
    if (outcome?.action === 'handled') return;
    const next = { ...ctx, authenticated: validToken, truncate: outcome?.truncate ?? null };
    if (outcome && outcome.delayMs > 0) {
      const timer = setTimeout(() => respond(next), outcome.delayMs);
      ctx.res.once('close', () => clearTimeout(timer));
      return;
    }
    respond(next);
  }

  interface RespondContext {
    req: IncomingMessage;
    res: ServerResponse;
    entry: RequestLogEntry;
    state: EmulatorState;
    requestId: number;
    authenticated: boolean;
    truncate: Truncation | null;
  }

  function respond(ctx: RespondContext): void {
    if (ctx.res.destroyed) return;
    const url = new URL(ctx.req.url ?? '/', 'http://emulator.invalid');
    const counts = url.pathname !== '/rate_limit';
    if (counts && limiter.exhausted()) {
      const body = {
        message: `API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID E0E0:${ctx.requestId}.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      };
      return send(ctx, { status: 403, body: JSON.stringify(body) });
    }
    let result: RouteResponse;
    try {
      result =
        ctx.req.method === 'GET' || ctx.req.method === 'HEAD'
          ? routeRequest({ state: ctx.state, url, authenticated: ctx.authenticated, rate: limiter.snapshot() })
          : NOT_FOUND;
    } catch (error) {
      if (error instanceof ValidationError) result = { status: 422, body: JSON.stringify(error.toBody()) };
      else if (error instanceof URIError) result = NOT_FOUND;
      else throw error;
    }
    if (result.status === 200) {
      const current = { etag: weakEtag(result.body), lastModifiedMs: result.lastModifiedMs ?? null };
      // Like GitHub, a 304 answer to a conditional request does not count against the limit.
      if (isNotModified(ctx.req.headers, current)) {
        return send(ctx, { status: 304, body: '', headers: validatorHeaders(current), link: result.link ?? null });
      }
      if (counts) limiter.consume();
      return send(ctx, { ...result, headers: validatorHeaders(current) });
    }
    if (counts) limiter.consume();
    send(ctx, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const live = new EmulatorState(options.dataset, { api: url, html: options.htmlUrl ?? 'https://github.com' });
  const adminDeps = { faults, faultSeed, log, state: live, clock };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isAdminPath(req.url ?? '/')) return void serveAdminRequest(req, res, adminDeps);
    requestCounter += 1;
    const entry = log.begin(req.method ?? 'GET', req.url ?? '/');
    const startedAt = performance.now();
    res.once('close', () => {
      entry.durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
    });
    handle({ req, res, entry, state: live, requestId: requestCounter });
  });

  return {
    url,
    requests: log.entries,
    resetRequestLog: () => log.clear(),
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    snapshotState: (repo) => snapshotState(live, { clock: clock.nowIso(), ...(repo === undefined ? {} : { repo }) }),
    updateIssue: (repo, number, patch) => updateIssue(live, { repo, number, now: clock.nowIso() }, patch),
    addComment: (repo, number, comment) => addComment(live, { repo, number, now: clock.nowIso() }, comment),
    createIssue: (repo, issue) => createIssue(live, { repo, now: clock.nowIso() }, issue),
    deleteIssue: (repo, number) => deleteIssue(live, { repo, number }),
    deleteComment: (repo, id, opts) => deleteComment(live, { repo, id, now: clock.nowIso(), ...opts }),
    setClock: (iso) => clock.set(iso),
    advanceClock: (ms) => clock.advance(ms),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging 'timeout' faults and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
