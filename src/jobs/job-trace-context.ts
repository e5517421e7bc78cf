/**
 * The key of a job's stored data that carries the W3C traceparent of the span that queued it, so
 * that the worker's span continues that trace (in whichever process runs it). Reserved: it is never
 * part of a job's payload, and is taken off before the payload is validated or shown.
 */
export const TRACE_CONTEXT_KEY = '_traceparent';

/** The data to store for a job: its payload, plus the traceparent when there is one (tracing on). */
export function withTraceContext(payload: object, traceparent: string | undefined): object {
  return traceparent === undefined ? payload : { ...payload, [TRACE_CONTEXT_KEY]: traceparent };
}

/** A job's stored data split back into its payload and the traceparent it carried, if any. */
export function splitTraceContext(data: unknown): { payload: unknown; traceparent: string | undefined } {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !(TRACE_CONTEXT_KEY in data))
    return { payload: data, traceparent: undefined };
  const { [TRACE_CONTEXT_KEY]: traceparent, ...payload } = data as Record<string, unknown>;
  return { payload, traceparent: typeof traceparent === 'string' ? traceparent : undefined };
}
