import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from './tracing-config.ts';

/**
 * Loupe's tracing facade. Instrumented code (HTTP requests, job queue, GitHub calls) calls
 * startSpan/inSpan; while tracing is off these run the work and nothing else, and no OpenTelemetry
 * module is loaded: startTracing imports the SDK (otel-tracer.ts) only when the config enables it.
 */

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

export interface SpanOptions {
  kind?: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  attributes?: SpanAttributes;
  /**
   * A W3C traceparent to continue (from a job's data, an HTTP header) instead of the active span;
   * one that does not parse starts a new trace.
   */
  parent?: string | undefined;
}

/** A started span. Every method is a no-op (and `run` just runs) when tracing is off. */
export interface TraceSpan {
  setAttributes(attributes: SpanAttributes): void;
  /** Records the failure on the span (an exception event) and marks the span as an error. */
  fail(error: unknown): void;
  /** This span's W3C traceparent, to carry its trace across a process boundary; undefined when off. */
  traceparent(): string | undefined;
  /** Runs `fn` with this span as the active one: spans started inside it are its children. */
  run<T>(fn: () => T): T;
  end(): void;
}

/** What otel-tracer.ts provides once loaded. */
export interface Tracer {
  startSpan(name: string, options: SpanOptions): TraceSpan;
  /** Exports every span ended so far. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface RunningTracing {
  flush(): Promise<void>;
  /** Exports what is left and turns tracing off again. */
  shutdown(): Promise<void>;
}

const NOOP_SPAN: TraceSpan = {
  setAttributes: () => undefined,
  fail: () => undefined,
  traceparent: () => undefined,
  run: (fn) => fn(),
  end: () => undefined,
};

const NOT_TRACING: RunningTracing = { flush: async () => undefined, shutdown: async () => undefined };

let active: Tracer | null = null;

/** Whether this process records spans (callers use it to skip setting up hooks that would do nothing). */
export function tracingEnabled(): boolean {
  return active !== null;
}

/** Starts a span under the active one (or `options.parent`); the caller ends it. */
export function startSpan(name: string, options: SpanOptions = {}): TraceSpan {
  return active ? active.startSpan(name, options) : NOOP_SPAN;
}

/** Runs `fn` in a new span, active for its duration; a throw is recorded on the span and rethrown. */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: TraceSpan) => Promise<T>,
): Promise<T> {
  if (!active) return fn(NOOP_SPAN);
  const span = active.startSpan(name, options);
  try {
    return await span.run(() => fn(span));
  } catch (error) {
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}

export interface StartTracingOptions {
  serviceVersion?: string;
  /** Replaces the configured exporters, each span exported as soon as it ends (tests: an in-memory exporter). */
  exporter?: SpanExporter;
}

/**
 * Turns tracing on for this process when `config` asks for it (one tracer per process: a second
 * start while one runs throws). With `config` null and no test exporter, nothing is loaded.
 */
export async function startTracing(
  config: TracingConfig | null,
  options: StartTracingOptions = {},
): Promise<RunningTracing> {
  if (!config && !options.exporter) return NOT_TRACING;
  if (active) throw new Error('tracing is already started in this process');
  // Loaded here, not at the top: a process that does not trace never parses the SDK.
  const { createOtelTracer } = await import('./otel-tracer.ts');
  const tracer = createOtelTracer(config ?? { exporters: [] }, options);
  active = tracer;
  return {
    flush: () => tracer.flush(),
    async shutdown() {
      if (active === tracer) active = null;
      await tracer.shutdown();
    },
  };
}
