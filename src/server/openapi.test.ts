import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApiTestApp, type ApiTestApp } from '../../test/api-test-app.ts';
import { listRoutes, routesWithoutSuccessSchema, type OpenApiDocument } from '../../test/openapi-routes.ts';
import { swaggerOptions } from './openapi.ts';

describe('/api/openapi.json', () => {
  let api: ApiTestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    api = await buildApiTestApp();
    const response = await api.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json() as OpenApiDocument;
  });
  afterAll(async () => api?.close());

  it('lists the API routes', () => {
    const routes = listRoutes(document).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /api/workspace',
        'GET /api/repos',
        'POST /api/repos',
        'GET /api/repos/{id}',
        'POST /api/repos/{id}/sync',
        'DELETE /api/repos/{id}',
        'GET /api/issues',
        'GET /api/search',
        'GET /api/issues/{id}',
        'POST /api/issues/{id}/duplicates/{otherId}',
        'GET /api/concepts',
        'GET /api/concepts/extensions',
        'PUT /api/concepts/extensions',
        'POST /api/webhooks/github',
        'GET /api/events/stream',
      ]),
    );
  });

  it('every route declares the JSON schema of its 2xx answers', () => {
    expect(routesWithoutSuccessSchema(document)).toEqual([]);
  });

  it('every $ref points at a component the document has, and no component is unused', () => {
    const text = JSON.stringify(document);
    const referenced = new Set([...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    const components = Object.keys(document.components?.schemas ?? {});
    expect([...referenced].filter((name) => !components.includes(name))).toEqual([]);
    expect(components.filter((name) => !referenced.has(name))).toEqual([]);
    expect(components).toEqual(
      expect.arrayContaining([
        'Repo',
        'IssueSummary',
        'IssueListResponse',
        'IssueDetailResponse',
        'Concept',
        'Workspace',
      ]),
    );
  });
});

describe('routesWithoutSuccessSchema', () => {
  it('names a route registered without a response schema', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, swaggerOptions('test'));
    app.get('/api/with', { schema: { response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({
      ok: true,
    }));
    app.post('/api/without', { schema: { body: z.object({ a: z.string() }) } }, async () => ({ ok: true }));
    app.delete(
      '/api/errors-only',
      { schema: { response: { 404: z.object({ error: z.string() }) } } },
      async () => ({ error: 'x' }),
    );
    // A 204 declared without a body is complete; a 200 declared without one is not.
    app.delete(
      '/api/no-content',
      { schema: { response: { 204: z.undefined().describe('Gone') } } },
      async (_request, reply) => reply.status(204).send(),
    );
    app.post(
      '/api/empty-200',
      { schema: { response: { 200: z.undefined().describe('Nothing') } } },
      async () => undefined,
    );
    await app.ready();
    expect(routesWithoutSuccessSchema(app.swagger() as unknown as OpenApiDocument)).toEqual([
      'POST /api/without',
      'DELETE /api/errors-only',
      'POST /api/empty-200',
    ]);
    await app.close();
  });
});
