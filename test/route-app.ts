import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAccessControl } from '../src/server/access-control.ts';
import { handleError } from '../src/server/http-errors.ts';
import { createAccessService } from '../src/services/access.service.ts';
import type { SqlClient } from '../src/store/db.ts';

/**
 * A Fastify app set up like server/app.ts (zod validation, error mapping, access control in local
 * mode: the local user, workspace "default" unless the request names another) with only the given routes.
 */
export async function buildRouteApp(
  db: SqlClient,
  ...plugins: FastifyPluginAsync[]
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await registerAccessControl(app, {
    service: createAccessService({ db }),
    mode: 'local',
    defaultWorkspaceSlug: 'default',
    rateLimitPerMinute: 0,
    secureCookies: false,
  });
  for (const plugin of plugins) await app.register(plugin);
  return app;
}
