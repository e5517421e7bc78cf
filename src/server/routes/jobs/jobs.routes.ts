import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobsService } from '../../../services/jobs.service.ts';
import { presentJob } from '../../presenters/job.presenter.ts';
import { jobParamsSchema, jobsQuerySchema, jobsResponseSchema, retryResponseSchema } from './schema.ts';

export const jobsRoutes =
  (service: JobsService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/jobs',
      {
        schema: {
          summary: 'Recent jobs per queue, with state, timings and error',
          tags: ['jobs'],
          querystring: jobsQuerySchema,
          response: { 200: jobsResponseSchema },
        },
      },
      async (request) => {
        const { queue, state, limit } = request.query;
        const queues = await service.list(request.principal!.workspace.id, {
          limit,
          ...(queue !== undefined ? { queue } : {}),
          ...(state ? { state } : {}),
        });
        return { queues: queues.map((q) => ({ ...q, jobs: q.jobs.map(presentJob) })) };
      },
    );

    app.post(
      '/api/jobs/:queue/:id/retry',
      {
        schema: {
          summary: 'Send a failed job back to its queue',
          tags: ['jobs'],
          params: jobParamsSchema,
          response: { 202: retryResponseSchema },
        },
      },
      async (request, reply) => {
        await service.retry(request.principal!.workspace.id, request.params.queue, request.params.id);
        return reply
          .status(202)
          .send({ queue: request.params.queue, id: request.params.id, state: 'retry' as const });
      },
    );
  };
