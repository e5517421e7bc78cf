/**
 * GET /api/events/stream read with fetch rather than EventSource: EventSource cannot send the
 * workspace header. Reconnects after a drop, resuming after the last event it saw (Last-Event-ID),
 * as EventSource would.
 */
import { getRequestContext, WORKSPACE_HEADER } from './http.ts';
import type { paths } from './generated/api.d.ts';

/** One event of the outbox, as GET /api/events and the stream send it. */
export type LoupeEvent =
  paths['/api/events']['get']['responses'][200]['content']['application/json']['events'][number];

export interface ServerSentFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
}

/**
 * Splits a text/event-stream buffer into complete frames and the unfinished rest. Comment lines
 * (keep-alives) are dropped; a frame's `data` lines are joined with newlines (the SSE rules).
 */
export function parseServerSentFrames(buffer: string): { frames: ServerSentFrame[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const parts = normalised.split('\n\n');
  const rest = parts.pop() ?? '';
  const frames: ServerSentFrame[] = [];
  for (const part of parts) {
    const frame: ServerSentFrame = {};
    const data: string[] = [];
    for (const line of part.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') frame.id = value;
      else if (field === 'event') frame.event = value;
      else if (field === 'retry' && /^\d+$/.test(value)) frame.retry = Number(value);
    }
    if (data.length > 0) frame.data = data.join('\n');
    if (Object.keys(frame).length > 0) frames.push(frame);
  }
  return { frames, rest };
}

/**
 * Follows the workspace's events of `types` until `signal` aborts, calling `onEvents` with each
 * batch that arrives together. Never rejects: a failed connection is retried after the server's
 * `retry` delay (3 s), and an answer that is not a stream (e.g. 401) after 30 s.
 */
export async function followEvents(options: {
  types: readonly string[];
  onEvents: (events: LoupeEvent[]) => void;
  /** Each time a stream opens: what changed before it (and after the page read its data) is not in it. */
  onOpen?: () => void;
  signal: AbortSignal;
}): Promise<void> {
  let lastId: string | null = null;
  let retryMs = 3000;
  const query = options.types.length > 0 ? `?type=${encodeURIComponent(options.types.join(','))}` : '';
  while (!options.signal.aborted) {
    try {
      const { workspace } = getRequestContext();
      const response = await fetch(`/api/events/stream${query}`, {
        headers: {
          accept: 'text/event-stream',
          ...(workspace ? { [WORKSPACE_HEADER]: workspace } : {}),
          ...(lastId ? { 'last-event-id': lastId } : {}),
        },
        credentials: 'same-origin',
        signal: options.signal,
      });
      if (!response.ok || !response.body) {
        await pause(30_000, options.signal);
        continue;
      }
      options.onOpen?.();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseServerSentFrames(buffer);
        buffer = parsed.rest;
        const events: LoupeEvent[] = [];
        for (const frame of parsed.frames) {
          if (frame.retry !== undefined) retryMs = frame.retry;
          if (frame.id !== undefined) lastId = frame.id;
          if (frame.data !== undefined) events.push(JSON.parse(frame.data) as LoupeEvent);
        }
        if (events.length > 0) options.onEvents(events);
      }
    } catch {
      // A dropped connection or an aborted fetch: retried below unless stopped.
    }
    await pause(retryMs, options.signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
  });
}
