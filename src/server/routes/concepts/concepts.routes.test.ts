import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouteApp } from '../../../../test/route-app.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import { defaultTaxonomy } from '../../../core/concepts/index.ts';
import type { Database } from '../../../store/db.ts';
import { conceptsRoutes } from './concepts.routes.ts';
import { MAX_EXTENSION_ENTRIES } from './schema.ts';

interface ConceptBody {
  id: string;
  name: string;
  parent: string | null;
  kind: string;
  issueCount: number;
  custom: boolean;
}
type ErrorBody = { error: { code: string; message: string; details?: { problems: string[] } } };

const BUILT_IN = defaultTaxonomy.concepts.length;

/** A Fastify app set up like server/app.ts, with only the concept routes, on a real database. */
async function buildApp(db: Database, saved: number[]): Promise<FastifyInstance> {
  return buildRouteApp(
    db,
    conceptsRoutes(db, {
      afterSave: async (_workspaceId, revision) => {
        saved.push(revision);
      },
    }),
  );
}

describe('concept routes', () => {
  let db: Database;
  let app: FastifyInstance;
  const saved: number[] = [];
  const put = (payload: unknown) =>
    app.inject({ method: 'PUT', url: '/api/concepts/extensions', payload: payload as object });
  const get = async <T>(url: string) => (await app.inject({ method: 'GET', url })).json() as T;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = await buildApp(db, saved);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the built-in taxonomy, none custom, before any extension', async () => {
    const { concepts } = await get<{ concepts: ConceptBody[] }>('/api/concepts');
    expect(concepts).toHaveLength(BUILT_IN);
    expect(concepts.every((c) => c.custom === false && c.issueCount === 0)).toBe(true);
    expect(await get('/api/concepts/extensions')).toEqual({ extensions: [], revision: 0, problems: [] });
  });

  it('saves a valid extension and shows its concepts under their parents, marked custom', async () => {
    const extensions = [
      { id: 'billing', name: 'Billing', parent: null, kind: 'domain', aliases: ['invoice', 'billing'] },
      { id: 'stripe', name: 'Stripe', parent: 'billing', kind: 'tool', aliases: ['stripe'] },
      {
        id: 'acme-pg-proxy',
        name: 'Acme PG proxy',
        parent: 'postgresql',
        kind: 'tool',
        aliases: ['acme pg proxy'],
      },
      { id: 'postgresql', labels: ['db/postgres'] },
    ];
    const response = await put({ extensions });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ extensions, revision: 1, concepts: BUILT_IN + 3 });
    expect(saved).toEqual([1]);

    const { concepts } = await get<{ concepts: ConceptBody[] }>('/api/concepts');
    expect(concepts).toHaveLength(BUILT_IN + 3);
    const byId = new Map(concepts.map((c) => [c.id, c]));
    expect(byId.get('stripe')).toEqual({
      id: 'stripe',
      name: 'Stripe',
      parent: 'billing',
      kind: 'tool',
      issueCount: 0,
      custom: true,
    });
    expect(byId.get('acme-pg-proxy')).toMatchObject({ parent: 'postgresql', custom: true });
    // An override keeps the built-in fields it does not list, and counts as custom.
    expect(byId.get('postgresql')).toMatchObject({
      name: 'PostgreSQL',
      parent: 'relational-databases',
      custom: true,
    });
    expect(byId.get('mysql')?.custom).toBe(false);
    expect(await get('/api/concepts/extensions')).toEqual({ extensions, revision: 1, problems: [] });
  });

  it('rejects an unknown parent, a cycle and a duplicate alias with 400 listing them all, and saves nothing', async () => {
    const response = await put({
      extensions: [
        { id: 'orphan', name: 'Orphan', parent: 'no-such-concept', kind: 'domain', aliases: [] },
        { id: 'ring-a', name: 'Ring A', parent: 'ring-b', kind: 'domain', aliases: [] },
        { id: 'ring-b', name: 'Ring B', parent: 'ring-a', kind: 'domain', aliases: [] },
        { id: 'my-queue', name: 'My queue', parent: null, kind: 'tool', aliases: ['kafka'] },
      ],
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/\(3 problems\)/);
    expect(body.error.message).toContain('"orphan" has unknown parent "no-such-concept"');
    expect(body.error.message).toMatch(/parent cycle: ring-(a|b) -> ring-(a|b) -> ring-(a|b)/);
    expect(body.error.message).toContain('alias "kafka" of "my-queue" is already an alias of "kafka"');
    expect(body.error.details?.problems).toHaveLength(3);
    expect((await get<{ revision: number }>('/api/concepts/extensions')).revision).toBe(1);
    expect(
      (await get<{ concepts: ConceptBody[] }>('/api/concepts')).concepts.some((c) => c.id === 'orphan'),
    ).toBe(false);
    expect(saved).toEqual([1]);
  });

  it('rejects a body of the wrong shape with 400 before validating the taxonomy', async () => {
    const notArray = await put({ extensions: { id: 'billing' } });
    expect(notArray.statusCode).toBe(400);
    expect((notArray.json() as ErrorBody).error.message).toMatch(/extensions/);

    const bareArray = await put([{ id: 'billing' }]);
    expect(bareArray.statusCode).toBe(400);

    const misspelt = await put({
      extensions: [{ id: 'billing', name: 'Billing', parent: null, kind: 'domain', alias: ['invoice'] }],
    });
    expect(misspelt.statusCode).toBe(400);
    expect((misspelt.json() as ErrorBody).error.message).toMatch(/alias/);

    const tooLong = await put({
      extensions: [{ id: 'billing', name: 'x'.repeat(201), parent: null, kind: 'domain' }],
    });
    expect(tooLong.statusCode).toBe(400);
    expect((tooLong.json() as ErrorBody).error.message).toMatch(/name/);

    const tooMany = await put({
      extensions: Array.from({ length: MAX_EXTENSION_ENTRIES + 1 }, (_, i) => ({
        id: `c-${i}`,
        name: `C ${i}`,
        parent: null,
        kind: 'domain',
      })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as ErrorBody).error.message).toMatch(/at most 2000/);

    expect((await get<{ revision: number }>('/api/concepts/extensions')).revision).toBe(1);
  });

  it('clears the extension with an empty list', async () => {
    const response = await put({ extensions: [] });
    expect(response.json()).toEqual({ extensions: [], revision: 2, concepts: BUILT_IN });
    const { concepts } = await get<{ concepts: ConceptBody[] }>('/api/concepts');
    expect(concepts).toHaveLength(BUILT_IN);
    expect(concepts.some((c) => c.custom)).toBe(false);
  });
});
