import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../../store/db.ts';
import { healthResponseSchemas, workspaceResponseSchema } from './schema.ts';

export interface MetaRoutesOptions {
  db: Pick<Database, 'query' | 'engine'>;
  version: string;
  workspace: { demo: boolean; githubApiUrl: string; mode: 'local' | 'github' };
}

/** GET /health (liveness and database check) and GET /api/workspace (facts the UI shows). */
export const metaRoutes =
  (options: MetaRoutesOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, version, workspace } = options;
    app.get(
      '/health',
      {
        schema: { summary: 'Liveness and database check', tags: ['meta'], response: healthResponseSchemas },
      },
      async (_request, reply) => {
        try {
          await db.query('SELECT 1');
          return { status: 'ok' as const, engine: db.engine, version };
        } catch (error) {
          return reply
            .status(503)
            .send({ status: 'unavailable', engine: db.engine, error: (error as Error).message });
        }
      },
    );

    app.get(
      '/api/workspace',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Installation facts for the UI (no sign-in needed): demo, mode, version',
          tags: ['meta'],
          response: { 200: workspaceResponseSchema },
        },
      },
      async () => ({
        demo: workspace.demo,
        githubApiUrl: workspace.githubApiUrl,
        version,
        mode: workspace.mode,
        signInUrl: workspace.mode === 'github' ? '/auth/github/login' : null,
      }),
    );
  };
