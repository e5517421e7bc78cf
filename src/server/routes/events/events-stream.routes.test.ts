import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouteApp } from '../../../../test/route-app.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import type { NewEvent } from '../../../core/event.ts';
import { createEventsService } from '../../../services/events.service.ts';
import { createAccessRepository, LOCAL_USER_ID } from '../../../store/access.repository.ts';
import type { Database } from '../../../store/db.ts';
import { createEventRepository } from '../../../store/event.repository.ts';
import { createRepoRepository } from '../../../store/repo.repository.ts';
import { eventsRoutes } from './events.routes.ts';
import { parseServerSentFrames } from '../../../../web/src/api-client/event-stream.ts';

interface StreamedEvent {
  id: string;
  event: string;
  data: { id: number; type: string; repoId: number | null; payload: Record<string, unknown> };
}

/** Reads a text/event-stream response frame by frame, with the web client's parser. */
function readFrames(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let keepAlives = 0;
  const pending: StreamedEvent[] = [];
  return {
    /** Keep-alive comments seen so far. */
    keepAlives: () => keepAlives,
    /** The next `count` events. */
    async events(count: number): Promise<StreamedEvent[]> {
      while (pending.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended after ${pending.length} of ${count} events`);
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseServerSentFrames(buffer);
        // The parser drops comments: count them in the frames it consumed.
        const consumed = buffer.slice(0, buffer.length - parsed.rest.length);
        keepAlives += (consumed.match(/^: keep-alive$/gm) ?? []).length;
        buffer = parsed.rest;
        for (const frame of parsed.frames)
          if (frame.data !== undefined)
            pending.push({
              id: frame.id!,
              event: frame.event!,
              data: JSON.parse(frame.data) as StreamedEvent['data'],
            });
      }
      return pending.splice(0, count);
    },
    cancel: () => reader.cancel(),
  };
}

describe('GET /api/events/stream', () => {
  let db: Database;
  let app: FastifyInstance;
  let base: string;
  let otherWorkspaceRepo: number;
  const append = (events: NewEvent[]) => db.transaction((tx) => createEventRepository(tx).append(events));
  const created = (repoId: number, number: number): NewEvent => ({
    type: 'item.created',
    repoId,
    payload: { key: `#${number}`, number, origin: 'sync' },
  });
  const open = async (query = '', headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/api/events/stream${query}`, { headers });
    return { response, frames: response.body ? readFrames(response.body) : null };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' });
    const other = await createAccessRepository(db).createWorkspace({
      slug: 'other',
      name: 'Other',
      ownerId: LOCAL_USER_ID,
    });
    otherWorkspaceRepo = (
      await createRepoRepository(db).add({
        owner: 'acme',
        name: 'secret',
        apiUrl: 'http://127.0.0.1:1',
        workspaceId: other!.id,
      })
    ).repo.id;
    app = await buildRouteApp(
      db,
      eventsRoutes(createEventsService({ db }), { keepAliveMs: 200, pollMs: 60_000 }),
    );
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("streams the workspace's events from now on as they are committed, woken by NOTIFY, none of another workspace", async () => {
    await append([created(1, 1)]);
    const { response, frames } = await open();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Connected: what was appended before is not replayed. The poll is 60 s, so only NOTIFY can wake it in time.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await append([created(otherWorkspaceRepo, 9), created(1, 2)]);
    await append([created(1, 3)]);
    const events = await frames!.events(2);
    expect(events.map((e) => [e.event, e.data.payload.number])).toEqual([
      ['item.created', 2],
      ['item.created', 3],
    ]);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((e) => e.data.id));
    await frames!.cancel();
  });

  it('resumes after Last-Event-ID (what EventSource sends on reconnecting), which wins over ?after', async () => {
    const ids = (await createEventRepository(db).list({ after: 0, limit: 100, workspaceId: 1 })).events.map(
      (e) => e.id,
    );
    const { frames } = await open(`?after=0`, { 'last-event-id': String(ids.at(-2)) });
    expect((await frames!.events(1)).map((e) => e.data.id)).toEqual([ids.at(-1)]);
    await frames!.cancel();
    const fromZero = await open('?after=0&type=item.created');
    expect((await fromZero.frames!.events(ids.length)).map((e) => e.data.id)).toEqual(ids);
    await fromZero.frames!.cancel();
  });

  it('sends keep-alive comments while nothing happens', async () => {
    const { frames } = await open();
    const waiting = frames!.events(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await append([created(1, 4)]);
    await waiting;
    expect(frames!.keepAlives()).toBeGreaterThanOrEqual(1);
    await frames!.cancel();
  });

  it('refuses bad input with 400 and a message', async () => {
    for (const [query, headers, message] of [
      ['?after=x', {}, /after .*must be a whole number/],
      ['', { 'last-event-id': 'abc' }, /Last-Event-ID must be a whole number/],
      ['?type=item.exploded', {}, /type must be one or more of/],
    ] as const) {
      const response = await fetch(`${base}/api/events/stream${query}`, { headers });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('an open stream does not hold up closing the server', async () => {
    const { frames } = await open();
    const ended = frames!.events(1).catch((error: Error) => error.message);
    const closing = Date.now();
    await app.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
    expect(await ended).toMatch(/stream ended/);
  });
});
