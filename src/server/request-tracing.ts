import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { startSpan, tracingEnabled, type TraceSpan } from '../tracing/tracing.ts';

// Probes and scrapes would be most of the spans and say nothing about what users did.
const UNTRACED_ROUTES = new Set(['/health', '/metrics']);

/**
 * A server span per request (`POST /api/repos/:id/sync`), continuing a caller's `traceparent`
 * header, active while the route's handler runs, so that the jobs it queues and the calls it makes
 * are in its trace. Adds nothing when tracing is off. Call before any route is registered.
 */
export function traceRequests(app: FastifyInstance): void {
  if (!tracingEnabled()) return;
  const spans = new WeakMap<FastifyRequest, { span: TraceSpan; error?: Error }>();

  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (route !== undefined && UNTRACED_ROUTES.has(route)) return;
    const traceparent = request.headers.traceparent;
    const span = startSpan(route === undefined ? request.method : `${request.method} ${route}`, {
      kind: 'server',
      parent: typeof traceparent === 'string' ? traceparent : undefined,
      attributes: {
        'http.request.method': request.method,
        'http.route': route,
        'url.path': request.url.split('?')[0],
        'url.scheme': request.protocol,
      },
    });
    spans.set(request, { span });
  });

  // Hooks cannot run the rest of the request inside a context, but the handler can be wrapped: the
  // handler is where services queue jobs and call sources.
  app.addHook('onRoute', (route) => {
    const handler = route.handler as (
      this: FastifyInstance,
      ...args: Parameters<RouteHandlerMethod>
    ) => unknown;
    route.handler = function tracedHandler(this: FastifyInstance, request, reply) {
      const traced = spans.get(request);
      return traced
        ? traced.span.run(() => handler.call(this, request, reply))
        : handler.call(this, request, reply);
    } as RouteHandlerMethod;
  });

  app.addHook('onError', async (request, _reply, error) => {
    const traced = spans.get(request);
    if (traced) traced.error = error;
  });

  const finish = (request: FastifyRequest, statusCode: number | null) => {
    const traced = spans.get(request);
    if (!traced) return;
    spans.delete(request);
    if (statusCode !== null) traced.span.setAttributes({ 'http.response.status_code': statusCode });
    // HTTP conventions: for a server, only 5xx (and a request cut off) is its own failure.
    if (statusCode === null)
      traced.span.fail(new Error('the client closed the connection before the answer'));
    else if (statusCode >= 500) traced.span.fail(traced.error ?? new Error(`answered ${statusCode}`));
    traced.span.end();
  };
  app.addHook('onResponse', async (request, reply) => finish(request, reply.statusCode));
  app.addHook('onRequestAbort', async (request) => finish(request, null));
}
