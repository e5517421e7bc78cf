import {
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_ERROR_TYPE,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from './tracing-config.ts';
import type { SpanAttributes, SpanOptions, StartTracingOptions, TraceSpan, Tracer } from './tracing.ts';

// Only imported by tracing.ts's startTracing (dynamically): the one module that loads the SDK.

const KINDS: Record<NonNullable<SpanOptions['kind']>, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/**
 * A NodeTracerProvider registered as the process's global (AsyncLocalStorage context, so a span is
 * active across awaits), exporting in batches to OTLP/HTTP or the console, with service.name
 * "loupe" unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise.
 */
export function createOtelTracer(config: TracingConfig, options: StartTracingOptions): Tracer {
  const spanProcessors: SpanProcessor[] = options.exporter
    ? [new SimpleSpanProcessor(options.exporter)]
    : config.exporters.map(
        (kind) =>
          new BatchSpanProcessor(kind === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter()),
      );
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'loupe',
    ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register();
  const tracer = provider.getTracer('loupe', options.serviceVersion);
  return {
    startSpan(name, spanOptions) {
      const parent = spanOptions.parent === undefined ? context.active() : contextOf(spanOptions.parent);
      const span = tracer.startSpan(
        name,
        { kind: KINDS[spanOptions.kind ?? 'internal'], attributes: defined(spanOptions.attributes) },
        parent,
      );
      return wrapSpan(span, trace.setSpan(parent, span));
    },
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      // Unregistered so that a later startTracing in the same process (tests) can register again.
      trace.disable();
      context.disable();
    },
  };
}

function wrapSpan(span: Span, active: Context): TraceSpan {
  return {
    setAttributes: (attributes) => span.setAttributes(defined(attributes)),
    fail(error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      span.recordException(failure);
      span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
      // A LoupeError's stable code (RATE_LIMITED, NOT_FOUND…) groups failures better than a class name.
      const code = (failure as { code?: unknown }).code;
      span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : failure.name);
    },
    traceparent: () => formatTraceparent(span.spanContext()),
    run: (fn) => context.with(active, fn),
    end: () => span.end(),
  };
}

function defined(attributes: SpanAttributes | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

// W3C Trace Context (https://www.w3.org/TR/trace-context/#traceparent-header), version 00. Written
// here rather than through the global propagator so that OTEL_PROPAGATORS cannot change what a job carries.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function formatTraceparent(spanContext: SpanContext): string {
  return `00-${spanContext.traceId}-${spanContext.spanId}-${spanContext.traceFlags.toString(16).padStart(2, '0')}`;
}

/** The remote parent named by a traceparent, or the root context (a new trace) when it does not parse. */
export function contextOf(traceparent: string): Context {
  const match = TRACEPARENT.exec(traceparent.trim());
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return ROOT_CONTEXT;
  const spanContext: SpanContext = {
    traceId: match[2]!,
    spanId: match[3]!,
    traceFlags: parseInt(match[4]!, 16) & 1,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}
