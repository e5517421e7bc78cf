import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeError } from '../core/errors.ts';
import { tracingConfigFromEnv } from './tracing-config.ts';
import { inSpan, startSpan, startTracing, tracingEnabled, type RunningTracing } from './tracing.ts';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

describe('tracing off (the default)', () => {
  it('runs the work and records nothing, and startTracing(null) turns nothing on', async () => {
    const tracing = await startTracing(null);
    expect(tracingEnabled()).toBe(false);
    const seen: (string | undefined)[] = [];
    const result = await inSpan('work', { kind: 'producer' }, async (span) => {
      seen.push(span.traceparent());
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual([undefined]);
    expect(startSpan('x').run(() => 'ran')).toBe('ran');
    await expect(inSpan('boom', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await tracing.shutdown();
  });
});

describe('tracing on (in-memory exporter)', () => {
  // A fresh exporter per test: shutting tracing down shuts its exporter down too.
  let exporter: InMemorySpanExporter;
  let tracing: RunningTracing | null = null;
  beforeEach(() => {
    exporter = new InMemorySpanExporter();
  });
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = null;
  });

  it('makes a span started inside another its child, across awaits, and carries it as a traceparent', async () => {
    tracing = await startTracing(null, { exporter });
    expect(tracingEnabled()).toBe(true);
    let carried: string | undefined;
    await inSpan(
      'outer',
      { kind: 'server', attributes: { 'http.route': '/x', skipped: undefined } },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await inSpan('inner', { kind: 'producer' }, async (span) => {
          carried = span.traceparent();
        });
      },
    );
    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner!.name).toBe('inner');
    expect(inner!.kind).toBe(SpanKind.PRODUCER);
    expect(inner!.parentSpanContext?.spanId).toBe(outer!.spanContext().spanId);
    expect(inner!.spanContext().traceId).toBe(outer!.spanContext().traceId);
    expect(outer!.attributes).toEqual({ 'http.route': '/x' });
    expect(carried).toBe(`00-${inner!.spanContext().traceId}-${inner!.spanContext().spanId}-01`);
  });

  it('continues the trace of a traceparent, and starts a new trace for one that does not parse', async () => {
    tracing = await startTracing(null, { exporter });
    await inSpan('continued', { parent: `00-${TRACE_ID}-${SPAN_ID}-01` }, async () => undefined);
    for (const bad of [
      'garbage',
      `00-${'0'.repeat(32)}-${SPAN_ID}-01`,
      `ff-${TRACE_ID}-${SPAN_ID}-01`,
      `00-${TRACE_ID}-${SPAN_ID}-01-extra`,
    ]) {
      await inSpan(`new from ${bad}`, { parent: bad }, async () => undefined);
    }
    const [continued, ...fresh] = exporter.getFinishedSpans();
    expect(continued!.spanContext().traceId).toBe(TRACE_ID);
    expect(continued!.parentSpanContext).toMatchObject({ spanId: SPAN_ID, isRemote: true });
    expect(fresh).toHaveLength(4);
    for (const span of fresh) {
      expect(span.parentSpanContext).toBeUndefined();
      expect(span.spanContext().traceId).not.toBe(TRACE_ID);
    }
  });

  it('a parent traceparent wins over the active span (a job continues its producer, not whatever polled it)', async () => {
    tracing = await startTracing(null, { exporter });
    await inSpan('poller', {}, async () =>
      inSpan('job', { parent: `00-${TRACE_ID}-${SPAN_ID}-01` }, async () => undefined),
    );
    const job = exporter.getFinishedSpans().find((s) => s.name === 'job')!;
    expect(job.spanContext().traceId).toBe(TRACE_ID);
    expect(job.parentSpanContext?.spanId).toBe(SPAN_ID);
  });

  it("records a throw as an error with its exception, using a LoupeError's code as error.type", async () => {
    tracing = await startTracing(null, { exporter });
    await expect(
      inSpan('sync', {}, async () => Promise.reject(new LoupeError('RATE_LIMITED', 'wait'))),
    ).rejects.toThrow('wait');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'wait' });
    expect(span!.attributes['error.type']).toBe('RATE_LIMITED');
    expect(span!.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('allows one tracer per process, and can be started again after shutdown', async () => {
    tracing = await startTracing(null, { exporter });
    await expect(startTracing(null, { exporter })).rejects.toThrow(/already started/);
    await tracing.shutdown();
    expect(tracingEnabled()).toBe(false);
    exporter = new InMemorySpanExporter();
    tracing = await startTracing(null, { exporter });
    await inSpan('again', {}, async () => undefined);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['again']);
  });
});

describe('tracing over OTLP/HTTP', () => {
  it('sends the spans to OTEL_EXPORTER_OTLP_ENDPOINT as service "loupe", at the latest on shutdown', async () => {
    const bodies: { path: string; body: unknown }[] = [];
    const collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        bodies.push({
          path: request.url ?? '',
          body: JSON.parse(
            (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
          ),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    // The exporter reads the standard variable itself, as every OpenTelemetry SDK does.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    try {
      const tracing = await startTracing(
        tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, []),
        { serviceVersion: '9.9.9' },
      );
      await inSpan('exported', { kind: 'server' }, async () => undefined);
      await tracing.shutdown();
    } finally {
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      collector.close();
    }
    expect(bodies.map((b) => b.path)).toEqual(['/v1/traces']);
    const [resourceSpans] = (
      bodies[0]!.body as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: { name: string }[] }[];
        }[];
      }
    ).resourceSpans;
    const attributes = Object.fromEntries(
      resourceSpans!.resource.attributes.map((a) => [a.key, a.value.stringValue]),
    );
    expect(attributes).toMatchObject({ 'service.name': 'loupe', 'service.version': '9.9.9' });
    expect(resourceSpans!.scopeSpans.flatMap((s) => s.spans.map((span) => span.name))).toEqual(['exported']);
  });
});
