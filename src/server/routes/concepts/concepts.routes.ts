import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createConceptsService, type ConceptsServiceDeps } from '../../../services/concepts.service.ts';
import type { SqlClient } from '../../../store/db.ts';
import { errorResponses } from '../common.schema.ts';
import {
  conceptListResponseSchema,
  extensionsResponseSchema,
  putExtensionsBodySchema,
  savedExtensionsResponseSchema,
} from './schema.ts';

/** 2,000 entries with long alias lists outgrow Fastify's default 1 MiB body limit. */
const EXTENSIONS_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The effective concept taxonomy (built-in plus the workspace extension) with issue counts, and the
 * extension itself. `issueCount` includes no descendants; `custom` marks concepts the extension adds
 * or overrides.
 */
export const conceptsRoutes =
  (db: SqlClient, options: Pick<ConceptsServiceDeps, 'afterSave'> = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const service = createConceptsService({ db, ...options });

    app.get(
      '/api/concepts',
      {
        schema: {
          summary: 'Concept taxonomy with issue counts',
          tags: ['concepts'],
          response: { 200: conceptListResponseSchema, ...errorResponses },
        },
      },
      async (request) => ({
        concepts: await service.list(request.principal!.workspace.id),
      }),
    );

    app.get(
      '/api/concepts/extensions',
      {
        schema: {
          summary: "The workspace's extension of the concept taxonomy",
          tags: ['concepts'],
          response: { 200: extensionsResponseSchema, ...errorResponses },
        },
      },
      async (request) => service.getExtensions(request.principal!.workspace.id),
    );

    app.put(
      '/api/concepts/extensions',
      {
        config: { access: 'admin' },
        bodyLimit: EXTENSIONS_BODY_LIMIT,
        schema: {
          summary: 'Replace the workspace extension of the concept taxonomy (validated as a whole)',
          tags: ['concepts'],
          body: putExtensionsBodySchema,
          response: { 200: savedExtensionsResponseSchema, ...errorResponses },
        },
      },
      async (request) => service.saveExtensions(request.principal!.workspace.id, request.body.extensions),
    );
  };
