import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventsService } from '../../../services/events.service.ts';
import { eventsQuerySchema, eventsResponseSchema } from './schema.ts';

export const eventsRoutes =
  (service: EventsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/events',
      {
        schema: {
          summary: 'Replay events after an id (item, analysis and sync events; kept 7 days)',
          tags: ['events'],
          querystring: eventsQuerySchema,
          response: { 200: eventsResponseSchema },
        },
      },
      async (request) => {
        const { after, limit, type } = request.query;
        return service.replay(request.principal!.workspace.id, {
          after,
          limit,
          ...(type ? { types: type } : {}),
        });
      },
    );
  };
