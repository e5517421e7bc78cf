/**
 * Starts the GitHub emulator on node:http and wires its parts: the in-memory state, the clock, the
 * limits, faults, tokens and OAuth, webhook deliveries for every change, the admin API under
 * /_emulator/ and the request log. Requests are answered by emulator-request.handler.ts.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContentLimiter, GITHUB_CONTENT_LIMITS } from './content-limiter.ts';
import type { ContentLimits } from './content-limiter.ts';
import type { DatasetComment, DatasetIssue, EmulatorDataset } from './dataset.types.ts';
import { isAdminPath, serveAdminRequest } from './emulator-admin.routes.ts';
import { EmulatorClock } from './emulator-clock.ts';
import {
  addComment,
  createIssue,
  deleteComment,
  deleteIssue,
  editComment,
  updateIssue,
} from './emulator-mutations.ts';
import type { IssuePatch, NewComment, NewIssue } from './emulator-mutations.ts';
import { createRequestHandler } from './emulator-request.handler.ts';
import { EmulatorState } from './emulator-state.ts';
import { TokenRegistry } from './emulator-tokens.ts';
import { DEFAULT_FAULT_SEED, FaultInjector } from './fault-injector.ts';
import type { FaultRule, LiveFaultRule } from './fault-injector.ts';
import { OAuthServer, defaultOAuthConfig } from './oauth.routes.ts';
import type { DeviceGrant, OAuthConfig, OAuthOptions } from './oauth.routes.ts';
import { RateLimiter } from './rate-limiter.ts';
import { RequestLog } from './request-log.ts';
import type { RequestLogEntry } from './request-log.ts';
import { snapshotState } from './state-snapshot.ts';
import type { StateSnapshot } from './state-snapshot.ts';
import { WebhookDeliverer } from './webhook-deliverer.ts';
import type { WebhookConfig, WebhookDelivery, WebhookRetryOptions } from './webhook-deliverer.ts';
import { renderPing, renderWebhook } from './webhook-payload.ts';

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
  /** Secondary limit on writes per token (403 + retry-after); default GitHub's 80 a minute, 500 an hour. */
  contentLimits?: Partial<ContentLimits>;
  /** Answer 401 to requests without a valid token. */
  requireToken?: boolean;
  /** Accepted tokens (all the dataset viewer's); any non-empty token when absent. OAuth-issued tokens always work. */
  tokens?: string[];
  /** Freezes the clock at this time from the start; default real time until setClock(). */
  clock?: string;
  /** Base of html_url fields; default https://github.com. */
  htmlUrl?: string;
  /** Fault rules active from the start (see injectFault). */
  faults?: FaultRule[];
  /** Seed of the draws of probabilistic fault rules; default DEFAULT_FAULT_SEED. */
  faultSeed?: number;
  /** Deliver a webhook for every change to this URL (see setWebhook); none by default. */
  webhook?: WebhookConfig | null;
  /** Attempts, waits and timeout of webhook deliveries. */
  webhookRetry?: WebhookRetryOptions;
  /** The emulated OAuth app behind /login/oauth/… and /login/device/code. */
  oauth?: OAuthOptions;
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
  editComment(repoFullName: string, id: number, body: string): DatasetComment;
  createIssue(repoFullName: string, issue: NewIssue): DatasetIssue;
  /** Removes the issue and its comments: GET answers 410, lists leave it out. */
  deleteIssue(repoFullName: string, number: number): DatasetIssue;
  /** Removes a comment; the issue's updated_at stays unless `touchIssue` (GitHub leaves it). */
  deleteComment(repoFullName: string, id: number, options?: { touchIssue?: boolean }): DatasetComment;
  setClock(iso: string): void;
  advanceClock(ms: number): void;
  /** Sets the webhook (a `ping` delivery follows, as on GitHub) or, with null, removes it. */
  setWebhook(config: WebhookConfig | null): void;
  /** Deliveries with id > `after`, oldest first, with their outcome. */
  webhookDeliveries(after?: number): WebhookDelivery[];
  /** Resolves with every delivery once none is pending (each delivered or failed); rejects after timeoutMs (30 s). */
  settleWebhooks(timeoutMs?: number): Promise<WebhookDelivery[]>;
  /** Changes the emulated OAuth app's settings; returns them all. */
  configureOAuth(changes: OAuthOptions): OAuthConfig;
  /** The user's answer to a device-flow code (approve by default, as `login` when given); null for an unknown code. */
  approveDevice(
    userCode: string,
    decision?: { approve?: boolean; login?: string },
  ): Omit<DeviceGrant, 'deviceCode'> | null;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** The whole request body as text; null when it is too large (the socket is dropped). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts an emulator serving `dataset`; resolves once it listens. */
export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const clock = new EmulatorClock(options.clock);
  const limiter = new RateLimiter({
    limit: options.rateLimit?.limit ?? 5000,
    windowMs: options.rateLimit?.windowMs ?? 3_600_000,
    now: () => clock.nowMs(),
  });
  const content = new ContentLimiter({ ...GITHUB_CONTENT_LIMITS, ...options.contentLimits }, () =>
    clock.nowMs(),
  );
  const faultSeed = options.faultSeed ?? DEFAULT_FAULT_SEED;
  const faults = new FaultInjector(faultSeed);
  for (const rule of options.faults ?? []) faults.add(rule);
  const log = new RequestLog();
  const tokens = new TokenRegistry({
    ...(options.tokens ? { tokens: options.tokens } : {}),
    viewer: options.dataset.viewer,
  });
  let requestCounter = 0;
  // The request handler is attached once listening: rendered URLs need the bound port.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const live = new EmulatorState(options.dataset, {
    api: url,
    html: options.htmlUrl ?? 'https://github.com',
  });
  const oauth = new OAuthServer(defaultOAuthConfig(options.oauth ?? {}, options.dataset.viewer), {
    state: live,
    clock,
    tokens,
    baseUrl: url,
  });

  const deliverer = new WebhookDeliverer(options.webhookRetry);
  live.onChange((change) => {
    if (deliverer.wants(change.event)) deliverer.enqueue(renderWebhook(live, change));
  });
  const setWebhook = (config: WebhookConfig | null): void => {
    const id = deliverer.configure(config);
    const hook = deliverer.config();
    if (id !== null && hook)
      deliverer.enqueue(
        renderPing(
          { id, url: hook.url, events: hook.events, createdAt: clock.nowIso(), hasSecret: hook.hasSecret },
          live.urls,
        ),
      );
  };
  if (options.webhook) setWebhook(options.webhook);

  const handle = createRequestHandler({
    state: live,
    clock,
    limiter,
    content,
    faults,
    tokens,
    oauth,
    requireToken: options.requireToken ?? false,
  });
  const adminDeps = {
    faults,
    faultSeed,
    log,
    state: live,
    clock,
    webhooks: deliverer,
    setWebhook,
    oauth,
    tokens,
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isAdminPath(req.url ?? '/')) return void serveAdminRequest(req, res, adminDeps);
    requestCounter += 1;
    const request = {
      req,
      res,
      entry: log.begin(req.method ?? 'GET', req.url ?? '/'),
      requestId: requestCounter,
      body: '',
    };
    const startedAt = performance.now();
    res.once('close', () => {
      request.entry.durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
    });
    if (req.method === 'GET' || req.method === 'HEAD') return handle(request);
    readBody(req).then(
      (body) => (body === null ? res.destroy() : handle({ ...request, body })),
      () => res.destroy(),
    );
  });

  return {
    url,
    requests: log.entries,
    resetRequestLog: () => log.clear(),
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    snapshotState: (repo) =>
      snapshotState(live, { clock: clock.nowIso(), ...(repo === undefined ? {} : { repo }) }),
    updateIssue: (repo, number, patch) => updateIssue(live, { repo, number, now: clock.nowIso() }, patch),
    addComment: (repo, number, comment) => addComment(live, { repo, number, now: clock.nowIso() }, comment),
    editComment: (repo, id, body) => editComment(live, { repo, id, now: clock.nowIso() }, body),
    createIssue: (repo, issue) => createIssue(live, { repo, now: clock.nowIso() }, issue),
    deleteIssue: (repo, number) => deleteIssue(live, { repo, number, now: clock.nowIso() }),
    deleteComment: (repo, id, opts) => deleteComment(live, { repo, id, now: clock.nowIso(), ...opts }),
    setClock: (iso) => clock.set(iso),
    advanceClock: (ms) => clock.advance(ms),
    setWebhook,
    webhookDeliveries: (after) => deliverer.list(after),
    settleWebhooks: async (timeoutMs) => {
      await deliverer.idle(timeoutMs);
      return deliverer.list();
    },
    configureOAuth: (changes) => oauth.configure(changes),
    approveDevice: (userCode, decision = {}) => {
      const grant = oauth.decideDevice(userCode, {
        approve: decision.approve ?? true,
        ...(decision.login === undefined ? {} : { login: decision.login }),
      });
      if (!grant) return null;
      const { deviceCode: _deviceCode, ...rest } = grant;
      return rest;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        deliverer.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging 'timeout' faults and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
