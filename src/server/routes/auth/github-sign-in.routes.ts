import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoupeError } from '../../../core/errors.ts';
import { SESSION_COOKIE, type AccessService } from '../../../services/access.service.ts';

export interface GitHubSignInOptions {
  access: AccessService;
  clientId: string;
  clientSecret: string;
  /** Where people sign in: https://github.com, a GHES host, or the emulator. */
  webUrl: string;
  /** The REST API that answers GET /user for the token. */
  apiUrl: string;
  /** This Loupe's public origin (the OAuth app's callback is <publicUrl>/auth/github/callback). */
  publicUrl: string;
  secureCookies: boolean;
}

const STATE_COOKIE = 'loupe_oauth_state';
const deviceCodeSchema = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  interval: z.number(),
  expires_in: z.number(),
});
const githubUserSchema = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string().nullable().optional(),
  avatar_url: z.string().nullable().optional(),
});

/**
 * Sign-in with GitHub's OAuth web flow: /auth/github/login sends the browser to GitHub with a random
 * state (kept in a short-lived httpOnly cookie); /auth/github/callback checks the state, exchanges the
 * code for a token, reads the user, and starts a session (httpOnly, SameSite=Lax cookie).
 */
export const githubSignInRoutes =
  (options: GitHubSignInOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const cookie = { path: '/', httpOnly: true, secure: options.secureCookies, sameSite: 'lax' as const };
    const callbackUrl = `${options.publicUrl}/auth/github/callback`;

    app.get('/auth/github/login', { schema: { hide: true } }, async (_request, reply) => {
      const state = randomBytes(16).toString('base64url');
      reply.setCookie(STATE_COOKIE, state, { ...cookie, maxAge: 600 });
      const url = new URL('/login/oauth/authorize', options.webUrl);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: callbackUrl,
        state,
        scope: 'read:user',
      }).toString();
      return reply.redirect(url.toString());
    });

    app.get(
      '/auth/github/callback',
      {
        schema: {
          hide: true,
          querystring: z.object({
            code: z.string().max(500).optional(),
            state: z.string().max(200).optional(),
            error: z.string().max(200).optional(),
            error_description: z.string().max(1000).optional(),
          }),
        },
      },
      async (request, reply) => {
        const { code, state, error } = request.query;
        if (error)
          throw new LoupeError(
            'UNAUTHENTICATED',
            `GitHub did not sign you in: ${request.query.error_description ?? error}`,
          );
        const expected = request.cookies[STATE_COOKIE];
        reply.clearCookie(STATE_COOKIE, { path: '/' });
        if (!code || !state || !expected || state !== expected) {
          throw new LoupeError(
            'UNAUTHENTICATED',
            'The sign-in link is stale or was not started here: start again at /auth/github/login.',
          );
        }
        const token = await exchangeCode(options, code, callbackUrl);
        const profile = await readUser(options.apiUrl, token);
        const { session, expiresAt } = await options.access.signInWithGitHub({
          githubId: profile.id,
          login: profile.login,
          name: profile.name ?? null,
          avatarUrl: profile.avatar_url ?? null,
        });
        reply.setCookie(SESSION_COOKIE, session, { ...cookie, expires: expiresAt });
        return reply.redirect('/');
      },
    );

    // `loupe login`: GitHub's device flow, run by this server (which holds the OAuth app) for a CLI
    // that knows only the server's address. The CLI shows the user code, then polls /device/token.
    app.post('/auth/github/device/code', { schema: { hide: true } }, async () => {
      const body = await postOAuth(options, '/login/device/code', {
        client_id: options.clientId,
        scope: 'read:user',
      });
      const parsed = deviceCodeSchema.safeParse(body);
      if (!parsed.success)
        throw new LoupeError(
          'SOURCE_UNAVAILABLE',
          `GitHub did not start a device sign-in (${describeOAuthError(body)}); is device flow enabled for the OAuth app?`,
        );
      return {
        deviceCode: parsed.data.device_code,
        userCode: parsed.data.user_code,
        verificationUri: parsed.data.verification_uri,
        intervalSeconds: parsed.data.interval,
        expiresInSeconds: parsed.data.expires_in,
      };
    });

    app.post(
      '/auth/github/device/token',
      {
        schema: {
          hide: true,
          body: z.object({
            deviceCode: z.string().min(1).max(200),
            workspace: z.string().min(1).max(60).optional(),
            tokenName: z.string().min(1).max(100).optional(),
          }),
        },
      },
      async (request, reply) => {
        const body = await postOAuth(options, '/login/oauth/access_token', {
          client_id: options.clientId,
          device_code: request.body.deviceCode,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        });
        if (body.error === 'authorization_pending' || body.error === 'slow_down')
          return reply.status(202).send({
            status: 'pending',
            intervalSeconds: typeof body.interval === 'number' ? body.interval : null,
          });
        if (typeof body.access_token !== 'string')
          throw new LoupeError(
            'UNAUTHENTICATED',
            `GitHub did not sign you in (${describeOAuthError(body)}): run loupe login again.`,
          );
        const profile = await readUser(options.apiUrl, body.access_token);
        const { token, record, principal } = await options.access.signInWithGitHubForCli(
          {
            githubId: profile.id,
            login: profile.login,
            name: profile.name ?? null,
            avatarUrl: profile.avatar_url ?? null,
          },
          {
            workspaceSlug: request.body.workspace ?? null,
            tokenName: request.body.tokenName ?? 'loupe login',
          },
        );
        return {
          status: 'signed-in',
          token,
          tokenId: record.id,
          scopes: record.scopes,
          login: principal.user.login,
          workspace: principal.workspace.slug,
        };
      },
    );

    app.post('/auth/logout', { schema: { hide: true } }, async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await options.access.signOut(session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });
  };

async function exchangeCode(
  options: GitHubSignInOptions,
  code: string,
  redirectUri: string,
): Promise<string> {
  const body = await postOAuth(options, '/login/oauth/access_token', {
    client_id: options.clientId,
    client_secret: options.clientSecret,
    code,
    redirect_uri: redirectUri,
  });
  if (typeof body.access_token !== 'string')
    throw new LoupeError(
      'UNAUTHENTICATED',
      `GitHub refused the sign-in code (${describeOAuthError(body)}): start again at /auth/github/login.`,
    );
  return body.access_token;
}

/** GitHub's OAuth endpoints answer errors as 200 with an `error` field; a failed request is one too. */
async function postOAuth(
  options: GitHubSignInOptions,
  path: string,
  payload: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, options.webUrl), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  }).catch((cause: Error) => {
    throw new LoupeError(
      'SOURCE_UNAVAILABLE',
      `Could not reach ${options.webUrl} to sign in: ${cause.message}`,
    );
  });
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== 'object') return { error: `HTTP ${response.status}` };
  return response.ok ? body : { error: `HTTP ${response.status}`, ...body };
}

function describeOAuthError(body: Record<string, unknown>): string {
  const error = typeof body.error === 'string' ? body.error : 'no token';
  return typeof body.error_description === 'string' ? `${error}: ${body.error_description}` : error;
}

async function readUser(apiUrl: string, token: string): Promise<z.infer<typeof githubUserSchema>> {
  const response = await fetch(`${apiUrl}/user`, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'user-agent': 'loupe',
    },
    signal: AbortSignal.timeout(10_000),
  }).catch((cause: Error) => {
    throw new LoupeError(
      'SOURCE_UNAVAILABLE',
      `Could not reach ${apiUrl} to read who signed in: ${cause.message}`,
    );
  });
  const parsed = githubUserSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success)
    throw new LoupeError('SOURCE_UNAVAILABLE', `${apiUrl}/user answered ${response.status} without a user`);
  return parsed.data;
}
