import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoupeError } from '../core/errors.ts';
import type { UserRecord } from '../store/access.repository.ts';
import {
  allows,
  hashSecret,
  SESSION_COOKIE,
  TOKEN_PREFIX,
  type Access,
  type AccessService,
  type Principal,
} from '../services/access.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, in which workspace; null on public routes, and on signed-in routes for someone in no workspace. */
    principal: Principal | null;
    /** Who is asking (set on every non-public route). */
    user: UserRecord | null;
  }
  interface FastifyContextConfig {
    /** What the route needs (default: read for GET, write otherwise; public outside /api and /auth). */
    access?: Access;
  }
}

export const WORKSPACE_HEADER = 'x-loupe-workspace';
export const CSRF_HEADER = 'x-csrf-token';

export interface AccessControlOptions {
  service: AccessService;
  mode: 'local' | 'github';
  /** Local mode: the workspace shown when the client names none (the demo while it runs). */
  defaultWorkspaceSlug: string | null;
  /** Requests per minute per API token, session or IP; 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Send cookies only over https (server mode behind TLS). */
  secureCookies: boolean;
}

/** The access a route needs when it does not say. */
export function routeAccess(request: FastifyRequest): Access {
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  const path = request.routeOptions.url ?? request.url;
  if (!path.startsWith('/api/') || !request.routeOptions.url) return 'public';
  return request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write';
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX))
    throw new LoupeError(
      'UNAUTHENTICATED',
      `Authorization must be "Bearer ${TOKEN_PREFIX}…" with an API token made in Settings → API tokens or POST /api/tokens`,
    );
  return match[1]!;
}

const workspaceSlugOf = (request: FastifyRequest): string | null => {
  const value = request.headers[WORKSPACE_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/**
 * Who is asking and what they may do: local single-user mode (everything, as the local user) or server
 * mode (GitHub sign-in sessions in httpOnly SameSite cookies with CSRF tokens on writes, or API tokens
 * with scopes); per-token/session/IP rate limits; and every route's declared access checked before its
 * handler runs.
 */
export async function registerAccessControl(
  app: FastifyInstance,
  options: AccessControlOptions,
): Promise<void> {
  await app.register(fastifyCookie);
  if (options.mode === 'github') {
    await app.register(fastifyCsrfProtection, {
      sessionPlugin: '@fastify/cookie',
      cookieOpts: {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        signed: false,
      },
      getToken: (request) => request.headers[CSRF_HEADER] as string | undefined,
    });
  }
  if (options.rateLimitPerMinute > 0) {
    await app.register(fastifyRateLimit, {
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      // Each API token and each browser session has its own allowance; anonymous callers share their IP's.
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        if (auth) return `token:${hashSecret(auth)}`;
        const session = request.cookies?.[SESSION_COOKIE];
        return session ? `session:${hashSecret(session)}` : `ip:${request.ip}`;
      },
      allowList: (request) => request.url === '/health' || request.url === '/metrics',
      errorResponseBuilder: (_request, context) => {
        const resetAt = new Date(Date.now() + context.ttl).toISOString();
        return Object.assign(
          new Error(
            `Too many requests: at most ${context.max} per minute per API token, session or address. Try again after ${resetAt} (in ${Math.ceil(context.ttl / 1000)} s).`,
          ),
          {
            statusCode: 429,
            code: 'TOO_MANY_REQUESTS',
          },
        );
      },
    });
  }

  app.decorateRequest('principal', null);
  app.decorateRequest('user', null);
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = routeAccess(request);
    if (access === 'public') return;
    const { user, principal } = await resolvePrincipal(request, options, access);
    request.user = user;
    request.principal = principal;
    if (!principal) return;
    const writes = request.method !== 'GET' && request.method !== 'HEAD';
    const denied = !allows(principal, access, writes);
    if (denied) {
      const how = principal.via === 'token' ? ` with a token scoped ${principal.scopes.join(', ')}` : '';
      throw new LoupeError(
        'FORBIDDEN',
        `${request.method} ${request.routeOptions.url} needs ${access === 'signed-in' ? 'write' : access} access to workspace "${principal.workspace.slug}"; you are ${principal.role}${how}.`,
      );
    }
  });
  // A browser session's writes carry the CSRF token the page read from GET /api/workspace; a cookie
  // alone (sent by a form on another site) changes nothing. API tokens are not sent by browsers on
  // their own, so they need none.
  if (options.mode === 'github') {
    app.addHook('preHandler', (request, reply, done) => {
      const writes = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
      if (writes && request.user && !request.headers.authorization)
        return app.csrfProtection(request, reply, done);
      done();
    });
  }
}

async function resolvePrincipal(
  request: FastifyRequest,
  options: AccessControlOptions,
  access: Access,
): Promise<{ user: UserRecord; principal: Principal | null }> {
  const slug = workspaceSlugOf(request);
  if (options.mode === 'local') {
    const principal = await options.service.localPrincipal(slug, options.defaultWorkspaceSlug);
    return { user: principal.user, principal };
  }
  const token = bearerToken(request);
  if (token) {
    const principal = await options.service.tokenPrincipal(token, slug);
    if (!principal) throw new LoupeError('UNAUTHENTICATED', 'This API token is unknown or was revoked.');
    return { user: principal.user, principal };
  }
  const session = request.cookies?.[SESSION_COOKIE];
  const user = session ? await options.service.sessionUser(session) : null;
  if (!user)
    throw new LoupeError(
      'UNAUTHENTICATED',
      'Sign in first (GET /auth/github/login) or send an API token (Authorization: Bearer loupe_…).',
    );
  // Routes for the person rather than a workspace (their workspaces, making one) work in no workspace.
  if (access === 'signed-in') {
    const memberships = await options.service.memberships(user.id);
    const chosen = (slug && memberships.find((m) => m.slug === slug)) || memberships[0];
    return { user, principal: chosen ? await options.service.sessionPrincipal(user, chosen.slug) : null };
  }
  return { user, principal: await options.service.sessionPrincipal(user, slug) };
}
