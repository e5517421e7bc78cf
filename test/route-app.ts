import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { handleError } from '../src/server/http-errors.ts';

/** A Fastify app set up like server/app.ts (zod validation, error mapping) with only the given routes. */
export async function buildRouteApp(...plugins: FastifyPluginAsync[]): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  for (const plugin of plugins) await app.register(plugin);
  return app;
}
