/**
 * GitHub's OAuth endpoints for sign-in, as an OAuth app sees them: the web flow
 * (`GET /login/oauth/authorize` → 302 to the app with `code` and `state`; `POST
 * /login/oauth/access_token` exchanges the code), the device flow (`POST /login/device/code`, then
 * polling the same token endpoint) and the error answers GitHub gives (`bad_verification_code`,
 * `authorization_pending`, …: status 200 with an `error` field). The user always approves: the web
 * flow signs in as the configured login (or the `login` hint when it names a known user); a device
 * code waits for `approveDevice` (admin API) unless `autoApproveDevice`. Tokens go to the emulator's
 * TokenRegistry and work on every API route. Codes expire on the emulator clock.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorClock } from './emulator-clock.ts';
import type { RouteResponse } from './emulator-routes.ts';
import { DOCS, ERRORS, answer, errorAnswer, oauthParams, redirect, withQuery } from './oauth-http.ts';
import type { EmulatorState } from './emulator-state.ts';
import type { TokenRegistry } from './emulator-tokens.ts';

export interface OAuthOptions {
  /** Default "Iv1.emulator0000000". */
  clientId?: string;
  /** Default "emulator-client-secret". */
  clientSecret?: string;
  /** Who the web flow signs in (and device approval, unless it names another); default the dataset's viewer. */
  login?: string;
  /** The app's registered callback URL. When set, a `redirect_uri` must be on its host and under its path; when absent, requests must send one. */
  callbackUrl?: string | null;
  /** Device flow enabled (default true); off answers `device_flow_disabled`. */
  deviceFlow?: boolean;
  /** Approve device codes as soon as they are issued (default false: wait for approveDevice). */
  autoApproveDevice?: boolean;
  /** Seconds a device-flow client must wait between polls (GitHub: 5); 0 disables `slow_down`. */
  deviceIntervalSeconds?: number;
  /** The web flow answers `error=access_denied` as if the user had clicked Cancel. */
  denyAuthorization?: boolean;
}

export type OAuthConfig = Required<OAuthOptions>;

export const OAUTH_PATHS = [
  '/login/oauth/authorize',
  '/login/oauth/access_token',
  '/login/device/code',
  '/login/device',
];

const CODE_TTL_MS = 10 * 60_000;
const DEVICE_TTL_SECONDS = 899;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
interface CodeGrant {
  clientId: string;
  login: string;
  scopes: string[];
  redirectUri: string;
  expiresAtMs: number;
  challenge: { value: string; method: 'S256' | 'plain' } | null;
}

export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  status: 'pending' | 'approved' | 'denied';
  login: string;
  expiresAtMs: number;
  intervalSeconds: number;
  lastPollMs: number | null;
}

export function defaultOAuthConfig(options: OAuthOptions, viewer: string): OAuthConfig {
  return {
    clientId: options.clientId ?? 'Iv1.emulator0000000',
    clientSecret: options.clientSecret ?? 'emulator-client-secret',
    login: options.login ?? viewer,
    callbackUrl: options.callbackUrl ?? null,
    deviceFlow: options.deviceFlow ?? true,
    autoApproveDevice: options.autoApproveDevice ?? false,
    deviceIntervalSeconds: options.deviceIntervalSeconds ?? 5,
    denyAuthorization: options.denyAuthorization ?? false,
  } as OAuthConfig;
}

/** "repo user" or "repo,user" → ["repo", "user"]. */
function scopesOf(raw: string | null): string[] {
  return [...new Set((raw ?? '').split(/[\s,]+/).filter((s) => s.length > 0))];
}

/** True when `uri` is on the callback's host and port and under its path, GitHub's rule. */
function redirectAllowed(callback: string, uri: string): boolean {
  try {
    const a = new URL(callback);
    const b = new URL(uri);
    return a.protocol === b.protocol && a.host === b.host && b.pathname.startsWith(a.pathname);
  } catch {
    return false;
  }
}

function userCode(): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXZ0123456789';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export class OAuthServer {
  config: OAuthConfig;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly devices = new Map<string, DeviceGrant>();
  private readonly deps: {
    state: EmulatorState;
    clock: EmulatorClock;
    tokens: TokenRegistry;
    baseUrl: string;
  };

  constructor(
    config: OAuthConfig,
    deps: { state: EmulatorState; clock: EmulatorClock; tokens: TokenRegistry; baseUrl: string },
  ) {
    this.deps = deps;
    this.config = config;
    this.configure({});
  }

  /** Changes the app's settings; the signed-in login becomes a user of the emulator if it was not one. */
  configure(changes: OAuthOptions): OAuthConfig {
    this.config = { ...this.config, ...changes } as OAuthConfig;
    this.config.login = this.deps.state.ensureUser(this.config.login, this.deps.clock.nowIso()).login;
    return this.config;
  }

  /** The login a sign-in ends as: a known user named by the hint, else the configured one. */
  private signedIn(hint: string | null): string {
    const user = hint ? this.deps.state.users.get(hint.toLowerCase()) : undefined;
    return user?.login ?? this.config.login;
  }

  route(request: {
    method: string;
    url: URL;
    headers: IncomingHttpHeaders;
    body: string;
  }): RouteResponse | null {
    const { pathname } = request.url;
    if (pathname === '/login/oauth/authorize' && request.method === 'GET') return this.authorize(request.url);
    if (pathname === '/login/device' && request.method === 'GET') {
      const text = `On GitHub, this is where the user enters the device code. In the emulator, approve it with POST ${this.deps.baseUrl}/_emulator/oauth/device {"userCode": "XXXX-XXXX"}.\n`;
      return { status: 200, body: text, headers: { 'content-type': 'text/plain; charset=utf-8' } };
    }
    if (request.method !== 'POST') return null;
    const params = oauthParams(request.url, request.headers, request.body);
    if (pathname === '/login/oauth/access_token') return this.accessToken(request.headers, params);
    if (pathname === '/login/device/code') return this.deviceCode(request.headers, params);
    return null;
  }

  private authorize(url: URL): RouteResponse {
    const p = url.searchParams;
    const state = p.get('state');
    if (p.get('client_id') !== this.config.clientId) {
      return {
        status: 404,
        body: JSON.stringify({ message: 'Not Found', documentation_url: DOCS.authorize }),
      };
    }
    const asked = p.get('redirect_uri');
    const callback = this.config.callbackUrl;
    if (asked === null && callback === null) {
      return {
        status: 400,
        body: JSON.stringify({
          message:
            'redirect_uri is required: the emulated OAuth app has no registered callback URL (oauth.callbackUrl)',
          documentation_url: DOCS.authorize,
        }),
      };
    }
    if (asked !== null && callback !== null && !redirectAllowed(callback, asked)) {
      return redirect(
        withQuery(callback, {
          error: 'redirect_uri_mismatch',
          error_description: ERRORS.redirect_uri_mismatch!,
          error_uri: `${DOCS.authorize}#redirect-uri-mismatch`,
          state,
        }),
      );
    }
    const redirectUri = asked ?? (callback as string);
    if (this.config.denyAuthorization) {
      return redirect(
        withQuery(redirectUri, {
          error: 'access_denied',
          error_description: 'The user has denied your application access.',
          error_uri: `${DOCS.authorize}#access-denied`,
          state,
        }),
      );
    }
    const challenge = p.get('code_challenge');
    const method = p.get('code_challenge_method') === 'plain' ? 'plain' : 'S256';
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      clientId: this.config.clientId,
      login: this.signedIn(p.get('login')),
      scopes: scopesOf(p.get('scope')),
      redirectUri,
      expiresAtMs: this.deps.clock.nowMs() + CODE_TTL_MS,
      challenge: challenge ? { value: challenge, method } : null,
    });
    return redirect(withQuery(redirectUri, { code, state }));
  }

  private accessToken(headers: IncomingHttpHeaders, p: Map<string, string>): RouteResponse {
    const grantType = p.get('grant_type');
    if (grantType === DEVICE_GRANT) return this.pollDevice(headers, p);
    if (grantType !== undefined && grantType !== 'authorization_code')
      return errorAnswer(headers, 'unsupported_grant_type');
    if (p.get('client_id') !== this.config.clientId || p.get('client_secret') !== this.config.clientSecret) {
      return errorAnswer(headers, 'incorrect_client_credentials');
    }
    const code = p.get('code') ?? '';
    const grant = this.codes.get(code);
    if (!grant || grant.expiresAtMs <= this.deps.clock.nowMs())
      return errorAnswer(headers, 'bad_verification_code');
    const redirectUri = p.get('redirect_uri');
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri)
      return errorAnswer(headers, 'redirect_uri_mismatch');
    if (grant.challenge && !verifierMatches(grant.challenge, p.get('code_verifier')))
      return errorAnswer(headers, 'bad_verification_code');
    this.codes.delete(code);
    return this.tokenAnswer(headers, grant);
  }

  private tokenAnswer(
    headers: IncomingHttpHeaders,
    grant: { login: string; scopes: string[]; clientId: string },
  ): RouteResponse {
    const token = this.deps.tokens.issue(grant);
    return answer(headers, { access_token: token, token_type: 'bearer', scope: grant.scopes.join(',') });
  }

  private deviceCode(headers: IncomingHttpHeaders, p: Map<string, string>): RouteResponse {
    if (p.get('client_id') !== this.config.clientId)
      return errorAnswer(headers, 'incorrect_client_credentials');
    if (!this.config.deviceFlow) return errorAnswer(headers, 'device_flow_disabled');
    const grant: DeviceGrant = {
      deviceCode: randomBytes(20).toString('hex'),
      userCode: userCode(),
      clientId: this.config.clientId,
      scopes: scopesOf(p.get('scope') ?? null),
      status: this.config.autoApproveDevice ? 'approved' : 'pending',
      login: this.config.login,
      expiresAtMs: this.deps.clock.nowMs() + DEVICE_TTL_SECONDS * 1000,
      intervalSeconds: this.config.deviceIntervalSeconds,
      lastPollMs: null,
    };
    this.devices.set(grant.deviceCode, grant);
    return answer(headers, {
      device_code: grant.deviceCode,
      user_code: grant.userCode,
      verification_uri: `${this.deps.baseUrl}/login/device`,
      expires_in: DEVICE_TTL_SECONDS,
      interval: grant.intervalSeconds,
    });
  }

  private pollDevice(headers: IncomingHttpHeaders, p: Map<string, string>): RouteResponse {
    if (p.get('client_id') !== this.config.clientId)
      return errorAnswer(headers, 'incorrect_client_credentials');
    if (!this.config.deviceFlow) return errorAnswer(headers, 'device_flow_disabled');
    const grant = this.devices.get(p.get('device_code') ?? '');
    if (!grant) return errorAnswer(headers, 'incorrect_device_code');
    if (grant.expiresAtMs <= this.deps.clock.nowMs()) return errorAnswer(headers, 'expired_token');
    // Pacing is measured in real time: tests freeze the emulator clock but still poll.
    const now = Date.now();
    const early =
      grant.lastPollMs !== null &&
      grant.intervalSeconds > 0 &&
      now - grant.lastPollMs < grant.intervalSeconds * 1000;
    grant.lastPollMs = now;
    if (early) {
      grant.intervalSeconds += 5;
      return errorAnswer(headers, 'slow_down', { interval: grant.intervalSeconds });
    }
    if (grant.status === 'denied') return errorAnswer(headers, 'access_denied');
    if (grant.status === 'pending') return errorAnswer(headers, 'authorization_pending');
    this.devices.delete(grant.deviceCode);
    return this.tokenAnswer(headers, grant);
  }

  /** The user's answer to a device code (what they do at /login/device on GitHub). */
  decideDevice(userCodeText: string, decision: { approve: boolean; login?: string }): DeviceGrant | null {
    const wanted = userCodeText.trim().toUpperCase();
    const grant = [...this.devices.values()].find((g) => g.userCode === wanted);
    if (!grant) return null;
    grant.status = decision.approve ? 'approved' : 'denied';
    if (decision.login !== undefined)
      grant.login = this.deps.state.ensureUser(decision.login, this.deps.clock.nowIso()).login;
    return grant;
  }

  /** Device codes not yet exchanged, for the admin API. */
  pendingDevices(): Omit<DeviceGrant, 'deviceCode'>[] {
    return [...this.devices.values()].map(({ deviceCode: _deviceCode, ...rest }) => rest);
  }
}

function verifierMatches(
  challenge: { value: string; method: 'S256' | 'plain' },
  verifier: string | undefined,
): boolean {
  if (!verifier) return false;
  const computed =
    challenge.method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  return computed === challenge.value;
}
