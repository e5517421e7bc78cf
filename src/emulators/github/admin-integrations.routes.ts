/**
 * Admin routes for what the emulator does beyond answering requests: its webhook (`/webhook`), the
 * deliveries it made (`/deliveries`, with `wait` to block until none is pending) and the OAuth app
 * behind sign-in (`/oauth`, `/oauth/device` to approve or deny a device code).
 */
import { BadRequest, objectBody } from './admin-request.ts';
import type { AdminAnswer, AdminDeps, AdminHandler, AdminMethod } from './admin-request.ts';
import type { OAuthOptions } from './oauth.routes.ts';
import type { WebhookConfig } from './webhook-deliverer.ts';

const PREFIX = '/_emulator';
const MAX_WAIT_MS = 60_000;

function webhookAnswer(deps: AdminDeps): AdminAnswer {
  return { status: 200, body: { webhook: deps.webhooks.config() } };
}

function parseWebhook(body: unknown): WebhookConfig {
  const fields = objectBody(body, '{"url", "secret"?, "events"?}');
  const errors: string[] = [];
  const unknown = Object.keys(fields).filter((k) => !['url', 'secret', 'events'].includes(k));
  if (unknown.length > 0) errors.push(`unknown field(s) ${unknown.join(', ')}: use url, secret, events`);
  const { url, secret, events } = fields;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    errors.push(`"url" must be an http(s) URL (got ${JSON.stringify(url)})`);
  if (secret !== undefined && secret !== null && (typeof secret !== 'string' || secret === ''))
    errors.push('"secret" must be a non-empty string or null');
  if (events !== undefined && (!Array.isArray(events) || events.some((e) => typeof e !== 'string')))
    errors.push('"events" must be an array of event names');
  if (errors.length > 0) throw new BadRequest(`Invalid webhook: ${errors.join('; ')}`, errors);
  return {
    url: url as string,
    secret: (secret as string | null | undefined) ?? null,
    ...(events ? { events: events as string[] } : {}),
  };
}

function parseOAuth(body: unknown): OAuthOptions {
  const fields = objectBody(body, 'OAuth settings');
  const kinds: Record<keyof OAuthOptions, 'string' | 'string|null' | 'boolean' | 'number'> = {
    clientId: 'string',
    clientSecret: 'string',
    login: 'string',
    callbackUrl: 'string|null',
    deviceFlow: 'boolean',
    autoApproveDevice: 'boolean',
    deviceIntervalSeconds: 'number',
    denyAuthorization: 'boolean',
  };
  const errors: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const kind = kinds[key as keyof OAuthOptions];
    if (!kind) errors.push(`unknown field "${key}" (fields: ${Object.keys(kinds).join(', ')})`);
    else if (
      kind === 'string|null'
        ? value !== null && typeof value !== 'string'
        : typeof value !== kind.replace('|null', '')
    )
      errors.push(`"${key}" must be a ${kind}`);
    else if (kind === 'string' && value === '') errors.push(`"${key}" must not be empty`);
    else if (key === 'deviceIntervalSeconds' && (!Number.isInteger(value) || (value as number) < 0))
      errors.push('"deviceIntervalSeconds" must be an integer >= 0');
  }
  if (errors.length > 0) throw new BadRequest(`Invalid OAuth settings: ${errors.join('; ')}`, errors);
  return fields as OAuthOptions;
}

function oauthAnswer(deps: AdminDeps): AdminAnswer {
  return {
    status: 200,
    body: {
      oauth: deps.oauth.config,
      issuedTokens: deps.tokens.list(),
      devices: deps.oauth.pendingDevices(),
    },
  };
}

export const INTEGRATION_ROUTES: Record<string, Partial<Record<AdminMethod, AdminHandler>>> = {
  [`${PREFIX}/webhook`]: {
    GET: ({ deps }) => webhookAnswer(deps),
    PUT: ({ deps, body }) => {
      deps.setWebhook(parseWebhook(body));
      return webhookAnswer(deps);
    },
    DELETE: ({ deps }) => {
      const removed = deps.webhooks.config() !== null;
      deps.setWebhook(null);
      return { status: 200, body: { removed } };
    },
  },
  [`${PREFIX}/deliveries`]: {
    GET: async ({ deps, url }) => {
      const after = url.searchParams.get('after') ?? '0';
      const wait = url.searchParams.get('wait') ?? '0';
      const payloads = url.searchParams.get('payloads') ?? 'true';
      const errors: string[] = [];
      if (!/^\d+$/.test(after))
        errors.push(`"after" must be a delivery id, an integer >= 0 (got "${after}")`);
      if (!/^\d+$/.test(wait) || Number(wait) > MAX_WAIT_MS)
        errors.push(`"wait" must be milliseconds from 0 to ${MAX_WAIT_MS} (got "${wait}")`);
      if (payloads !== 'true' && payloads !== 'false')
        errors.push(`"payloads" must be true or false (got "${payloads}")`);
      if (errors.length > 0) throw new BadRequest(errors.join('; '), errors);
      // A wait that runs out still answers: `pending` tells the caller what is left.
      if (Number(wait) > 0) await deps.webhooks.idle(Number(wait)).catch(() => undefined);
      const deliveries = deps.webhooks
        .list(Number(after))
        .map((d) => (payloads === 'true' ? d : { ...d, payload: undefined }));
      return { status: 200, body: { pending: deps.webhooks.pending(), deliveries } };
    },
    DELETE: ({ deps }) => ({ status: 200, body: { removed: deps.webhooks.clear() } }),
  },
  [`${PREFIX}/oauth`]: {
    GET: ({ deps }) => oauthAnswer(deps),
    POST: ({ deps, body }) => {
      deps.oauth.configure(parseOAuth(body));
      return oauthAnswer(deps);
    },
  },
  [`${PREFIX}/oauth/device`]: {
    POST: ({ deps, body }) => {
      const fields = objectBody(body, '{"userCode", "approve"?, "login"?}');
      const { userCode, approve, login } = fields;
      const errors: string[] = [];
      const unknown = Object.keys(fields).filter((k) => !['userCode', 'approve', 'login'].includes(k));
      if (unknown.length > 0)
        errors.push(`unknown field(s) ${unknown.join(', ')}: use userCode, approve, login`);
      if (typeof userCode !== 'string')
        errors.push('"userCode" must be the user_code the device flow gave (e.g. "WDJB-MJHT")');
      if (approve !== undefined && typeof approve !== 'boolean')
        errors.push('"approve" must be true or false');
      if (login !== undefined && (typeof login !== 'string' || login === ''))
        errors.push('"login" must be a login');
      if (errors.length > 0) throw new BadRequest(`Invalid device decision: ${errors.join('; ')}`, errors);
      const grant = deps.oauth.decideDevice(userCode as string, {
        approve: (approve as boolean | undefined) ?? true,
        ...(login === undefined ? {} : { login: login as string }),
      });
      if (!grant)
        return {
          status: 404,
          body: { message: `No pending device code with user code ${JSON.stringify(userCode)}` },
        };
      const { deviceCode: _deviceCode, ...shown } = grant;
      return { status: 200, body: shown };
    },
  },
};
