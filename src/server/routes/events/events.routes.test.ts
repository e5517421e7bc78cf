import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouteApp } from '../../../../test/route-app.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import { createEventsService } from '../../../services/events.service.ts';
import type { Database } from '../../../store/db.ts';
import { createEventRepository } from '../../../store/event.repository.ts';
import { createRepoRepository } from '../../../store/repo.repository.ts';
import { eventsRoutes } from './events.routes.ts';

describe('GET /api/events', () => {
  let db: Database;
  let app: FastifyInstance;
  let ids: number[];
  const get = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/events${query}` });
    return {
      status: response.statusCode,
      json: response.json() as Record<string, unknown> & {
        events: { id: number; type: string }[];
        error?: { code: string; message: string };
      },
    };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    // Events are shown to the workspace of their repository (1, in "default").
    await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' });
    app = await buildRouteApp(db, eventsRoutes(createEventsService({ db })));
    await db.transaction((tx) =>
      createEventRepository(tx).append([
        { type: 'sync.started', repoId: 1, payload: { runId: 1, jobId: null } },
        { type: 'item.created', repoId: 1, payload: { key: '#1', number: 1, origin: 'sync' } },
        { type: 'item.created', repoId: 1, payload: { key: '#2', number: 2, origin: 'sync' } },
        {
          type: 'sync.finished',
          repoId: 1,
          payload: {
            runId: 1,
            upToDate: false,
            startedAt: new Date().toISOString(),
            issuesSynced: 2,
            commentsSynced: 0,
            requests: 3,
            notModified: 0,
          },
        },
      ]),
    );
    ids = (await createEventRepository(db).list({ after: 0, limit: 10 })).events.map((e) => e.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('replays after an id, page by page, with the cursor to read on', async () => {
    const first = await get('?limit=2');
    expect(first.status).toBe(200);
    expect(first.json.events.map((e) => e.type)).toEqual(['sync.started', 'item.created']);
    expect(first.json).toMatchObject({ next: ids[1], head: ids[3], oldest: ids[0], mayHaveMissed: false });
    const rest = await get(`?after=${first.json.next as number}&limit=10`);
    expect(rest.json.events.map((e) => e.id)).toEqual(ids.slice(2));
    expect(rest.json.next).toBe(ids[3]);
    expect((await get(`?after=${ids[3]}`)).json).toMatchObject({ events: [], next: ids[3] });
  });

  it('filters by type (comma-separated); a short filtered page moves the cursor to the head', async () => {
    const { json } = await get('?type=sync.started,sync.finished');
    expect(json.events.map((e) => e.type)).toEqual(['sync.started', 'sync.finished']);
    expect(json.events[1]).toMatchObject({ repoId: 1, payload: { upToDate: false, issuesSynced: 2 } });
    expect(json.next).toBe(ids[3]);
  });

  it('says when events after `after` were pruned', async () => {
    await db.query('DELETE FROM events WHERE id = $1', [ids[0]]);
    await db.query('DELETE FROM events WHERE id = $1', [ids[1]]);
    expect((await get('?after=0')).json).toMatchObject({ oldest: ids[2], mayHaveMissed: true });
    expect((await get(`?after=${ids[1]}`)).json).toMatchObject({ mayHaveMissed: false });
  });

  it('refuses bad input with 400 and a message', async () => {
    for (const [query, message] of [
      ['?after=-1', /after .*must be a whole number/],
      ['?after=1e3', /after .*must be a whole number/],
      ['?limit=0', /limit must be at least 1/],
      ['?limit=5000', /limit must be at most 1000/],
      ['?type=item.exploded', /type must be one or more of item.created, .*got "item.exploded"/],
    ] as const) {
      const { status, json } = await get(query);
      expect(status, query).toBe(400);
      expect(json.error?.message, query).toMatch(message);
    }
  });
});
