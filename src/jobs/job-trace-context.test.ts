import { describe, expect, it } from 'vitest';
import { splitTraceContext, TRACE_CONTEXT_KEY, withTraceContext } from './job-trace-context.ts';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('the trace context a job carries', () => {
  it('is added only when there is a traceparent, and split off again whole', () => {
    expect(withTraceContext({ repoId: 3 }, undefined)).toEqual({ repoId: 3 });
    const stored = withTraceContext({ repoId: 3 }, TRACEPARENT);
    expect(stored).toEqual({ repoId: 3, [TRACE_CONTEXT_KEY]: TRACEPARENT });
    expect(splitTraceContext(stored)).toEqual({ payload: { repoId: 3 }, traceparent: TRACEPARENT });
  });

  it('leaves data without one as it is (jobs queued with tracing off, or by an older Loupe)', () => {
    for (const data of [{ repoId: 3 }, {}, null, 'text', [1, 2]])
      expect(splitTraceContext(data)).toEqual({ payload: data, traceparent: undefined });
  });

  it('drops a key that is not a string instead of passing it to the payload schema', () => {
    expect(splitTraceContext({ repoId: 3, [TRACE_CONTEXT_KEY]: 7 })).toEqual({
      payload: { repoId: 3 },
      traceparent: undefined,
    });
  });
});
