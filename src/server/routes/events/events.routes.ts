import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventsService } from '../../../services/events.service.ts';
import {
  eventsQuerySchema,
  eventsResponseSchema,
  eventStreamHeadersSchema,
  eventStreamQuerySchema,
} from './schema.ts';

/** A comment line every so often keeps proxies and load balancers from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000;

export const eventsRoutes =
  (service: EventsService, options: { keepAliveMs?: number; pollMs?: number } = {}): FastifyPluginAsyncZod =>
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

    // Streams end when the client goes or the server closes; an open stream must not hold up close.
    const open = new Set<AbortController>();
    app.addHook('preClose', async () => {
      for (const stream of open) stream.abort();
    });

    app.get(
      '/api/events/stream',
      {
        schema: {
          summary:
            "Follow the workspace's events live (Server-Sent Events: one `id`, `event` (the type) and JSON `data` per event)",
          description:
            'text/event-stream. Resumes after Last-Event-ID (EventSource sends it when it reconnects) or `after`; with neither, starts from now. A comment line is sent every 25 s.',
          tags: ['events'],
          produces: ['text/event-stream'],
          querystring: eventStreamQuerySchema,
          headers: eventStreamHeadersSchema,
          response: {
            200: z
              .string()
              .describe('text/event-stream: `id: <event id>`, `event: <type>`, `data: <event JSON>`'),
          },
        },
      },
      async (request, reply) => {
        const workspaceId = request.principal!.workspace.id;
        const after = request.headers['last-event-id'] ?? request.query.after ?? null;
        const { type } = request.query;
        const stop = new AbortController();
        open.add(stop);
        reply.raw.on('close', () => stop.abort());
        // Listening and placed before the answer starts: what is committed after the client sees the
        // headers reaches it.
        const batches = await service
          .follow(workspaceId, {
            after,
            signal: stop.signal,
            ...(type ? { types: type } : {}),
            ...(options.pollMs ? { pollMs: options.pollMs } : {}),
          })
          .catch((error: unknown) => {
            open.delete(stop);
            throw error;
          });
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // nginx buffers responses unless told not to.
          'x-accel-buffering': 'no',
        });
        // Tells EventSource how long to wait before reconnecting; also sends the headers now.
        out.write('retry: 3000\n\n');
        const keepAlive = setInterval(
          () => out.write(': keep-alive\n\n'),
          options.keepAliveMs ?? KEEP_ALIVE_MS,
        );
        // Ended at once when stopped (a closing server waits for open answers), before the LISTEN is let go.
        const end = (): void => {
          clearInterval(keepAlive);
          open.delete(stop);
          if (!out.writableEnded) out.end();
        };
        stop.signal.addEventListener('abort', end, { once: true });
        try {
          for await (const batch of batches)
            out.write(
              batch
                .map((event) => `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
                .join(''),
            );
        } catch (error) {
          request.log.warn({ err: error }, 'event stream stopped');
        } finally {
          end();
        }
      },
    );
  };
