import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../store/db.ts';
import type { Registry } from 'prom-client';
import type { EventsService } from '../services/events.service.ts';
import type { IssuesService } from '../services/issues.service.ts';
import type { JobsService } from '../services/jobs.service.ts';
import type { ReposService } from '../services/repos.service.ts';
import type { WebhooksService } from '../services/webhooks.service.ts';
import { createAccessService, type AccessService } from '../services/access.service.ts';
import { createConnectionsService, type ConnectionsService } from '../services/connections.service.ts';
import { registerAccessControl } from './access-control.ts';
import { handleError, sendError } from './http-errors.ts';
import { accessRoutes } from './routes/access/access.routes.ts';
import { githubSignInRoutes, type GitHubSignInOptions } from './routes/auth/github-sign-in.routes.ts';
import { acceptOnlyJsonBodies, refuseMalformedQueryString } from './request-parsing.ts';
import { registerMetrics } from './metrics.ts';
import { traceRequests } from './request-tracing.ts';
import { swaggerOptions } from './openapi.ts';
import { metaRoutes } from './routes/meta/meta.routes.ts';
import { conceptsRoutes } from './routes/concepts/concepts.routes.ts';
import { eventsRoutes } from './routes/events/events.routes.ts';
import { issuesRoutes } from './routes/issues/issues.routes.ts';
import { jobsRoutes } from './routes/jobs/jobs.routes.ts';
import { reposRoutes } from './routes/repos/repos.routes.ts';
import { webhooksRoutes } from './routes/webhooks/webhooks.routes.ts';

export const LOUPE_VERSION = '0.1.0';
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface ServerDeps {
  db: Database;
  repos: ReposService;
  issues: IssuesService;
  webhooks: WebhooksService;
  /** GET /api/events; without it the route is not served. */
  events?: EventsService;
  /** GET /api/jobs and retries; without it (no job queue in this process) the routes are not served. */
  jobs?: JobsService;
  /** The registry /metrics serves; pass the one the job queue records into (jobs/job-metrics.ts). */
  metrics?: Registry;
  githubWebhookSecret: string | null;
  /** Called after a workspace's concept extensions change (the server queues re-analysis). */
  afterConceptsSaved?: (workspaceId: number, revision: number) => Promise<void>;
  /** Workspaces, members, sessions, tokens (default: built on `db`). */
  access?: AccessService;
  /** Connections (default: built on `db`, with no key to seal credentials). */
  connections?: ConnectionsService;
  /**
   * Who may do what (default: local single-user mode). Server mode signs people in with GitHub
   * (`github` holds the OAuth app) and needs an API token or a session on every /api route.
   */
  auth?: {
    mode: 'local' | 'github';
    defaultWorkspaceSlug?: string | null;
    rateLimitPerMinute?: number;
    secureCookies?: boolean;
    github?: Omit<GitHubSignInOptions, 'access' | 'secureCookies'>;
  };
  workspace: { demo: boolean; githubApiUrl: string };
  logLevel?: string;
  /** Where the log goes (default stdout); tests read it to check that no secret is ever written. */
  logStream?: NodeJS.WritableStream;
  /** Serve the built web UI from web/dist (when it has been built). */
  serveWeb?: boolean;
}

/** Builds the Fastify app: JSON API under /api, /health, /metrics, and the web UI. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', ...(deps.logStream ? { stream: deps.logStream } : {}) },
    // Per-request lines only at debug: at info they would drown the sync and job messages.
    logController: new LogController({
      disableRequestLogging: deps.logLevel !== 'debug' && deps.logLevel !== 'trace',
    }),
    // A path that is not valid percent-encoding (/api/issues/%FF) answers like every other error.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  traceRequests(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  acceptOnlyJsonBodies(app);
  app.addHook('onRequest', refuseMalformedQueryString);

  await app.register(fastifySwagger, swaggerOptions(LOUPE_VERSION));
  registerMetrics(app, deps.metrics);
  const auth = deps.auth ?? { mode: 'local' as const };
  const access = deps.access ?? createAccessService({ db: deps.db });
  const connections =
    deps.connections ?? createConnectionsService({ db: deps.db, secrets: null, kinds: () => ['github'] });
  await registerAccessControl(app, {
    service: access,
    mode: auth.mode,
    defaultWorkspaceSlug: auth.defaultWorkspaceSlug ?? null,
    rateLimitPerMinute: auth.rateLimitPerMinute ?? 0,
    secureCookies: auth.secureCookies ?? false,
  });
  await app.register(accessRoutes({ access, connections, mode: auth.mode }));
  if (auth.mode === 'github') {
    if (!auth.github) throw new Error('server mode (LOUPE_AUTH=github) needs the GitHub OAuth app settings');
    await app.register(
      githubSignInRoutes({ ...auth.github, access, secureCookies: auth.secureCookies ?? false }),
    );
  }

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(
    metaRoutes({ db: deps.db, version: LOUPE_VERSION, workspace: { ...deps.workspace, mode: auth.mode } }),
  );
  await app.register(reposRoutes(deps.repos));
  await app.register(issuesRoutes(deps.issues));
  await app.register(
    conceptsRoutes(deps.db, deps.afterConceptsSaved ? { afterSave: deps.afterConceptsSaved } : {}),
  );
  await app.register(webhooksRoutes({ service: deps.webhooks, secret: deps.githubWebhookSecret }));
  if (deps.events) await app.register(eventsRoutes(deps.events));
  if (deps.jobs) await app.register(jobsRoutes(deps.jobs));

  const webBuilt = deps.serveWeb !== false && existsSync(`${WEB_DIST}index.html`);
  if (webBuilt) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !webBuilt) {
      return sendError(reply, 404, {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      });
    }
    // Client-side routes (/repos, /issues/12) all load the single-page app.
    return reply.sendFile('index.html');
  });
  return app;
}
