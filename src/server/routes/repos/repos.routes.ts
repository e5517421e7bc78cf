import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ReposService } from '../../../services/repos.service.ts';
import { presentRepo } from '../../presenters/repo.presenter.ts';
import { errorResponses } from '../common.schema.ts';
import {
  addRepoBodySchema,
  addRepoResponseSchema,
  removeRepoResponseSchema,
  repoIdParamsSchema,
  repoListResponseSchema,
  repoResponseSchema,
  syncRepoResponseSchema,
} from './schema.ts';

export const reposRoutes =
  (service: ReposService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/repos',
      {
        schema: {
          summary: 'Repositories with sync status',
          tags: ['repos'],
          response: { 200: repoListResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({
        repos: (await service.list(request.principal!.workspace.id)).map(presentRepo),
      }),
    );

    app.get(
      '/api/repos/:id',
      {
        schema: {
          summary: 'One repository',
          tags: ['repos'],
          params: repoIdParamsSchema,
          response: { 200: repoResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({
        repo: presentRepo(await service.get(request.principal!.workspace.id, request.params.id)),
      }),
    );

    app.post(
      '/api/repos',
      {
        schema: {
          summary: 'Add a GitHub repository (checked with GitHub first) and queue its first sync',
          tags: ['repos'],
          body: addRepoBodySchema,
          response: { 202: addRepoResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const workspaceId = request.principal!.workspace.id;
        const { repo, jobId } = await service.add(
          workspaceId,
          request.body.fullName,
          request.body.connectionId !== undefined ? { connectionId: request.body.connectionId } : {},
        );
        return reply.status(202).send({ repo: presentRepo(await service.get(workspaceId, repo.id)), jobId });
      },
    );

    app.delete(
      '/api/repos/:id',
      {
        config: { access: 'admin' },
        schema: {
          summary:
            'Remove a repository with everything stored for it (issues, comments, analyses, duplicate links, sync state)',
          tags: ['repos'],
          params: repoIdParamsSchema,
          response: { 204: removeRepoResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.remove(request.principal!.workspace.id, request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/repos/:id/sync',
      {
        schema: {
          summary: 'Queue a sync (no-op if one is already waiting)',
          tags: ['repos'],
          params: repoIdParamsSchema,
          response: { 202: syncRepoResponseSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await service.sync(request.principal!.workspace.id, request.params.id);
        return reply.status(202).send(result);
      },
    );
  };
