import { useEffect, useRef } from 'react';
import { followEvents, type LoupeEvent } from '../api-client/event-stream.ts';

/**
 * Calls `onEvents` with the workspace's events of `types` as the server commits them
 * (GET /api/events/stream), for as long as the component is mounted. Batches that arrive within
 * `throttleMs` of each other are handed over together, so a sync writing hundreds of events
 * re-renders a page a few times, not hundreds. It is also called, with no events, each time the
 * stream opens: a stream starts from the moment it opens, so a change made between the page's
 * first read and that moment would otherwise never show.
 */
export function useLiveEvents(
  types: readonly string[],
  onEvents: (events: LoupeEvent[]) => void,
  options: { throttleMs?: number } = {},
): void {
  const handler = useRef(onEvents);
  handler.current = onEvents;
  const throttleMs = options.throttleMs ?? 1000;
  const typesKey = types.join(',');
  useEffect(() => {
    const stop = new AbortController();
    let pending: LoupeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = (): void => {
      timer = null;
      const events = pending;
      pending = [];
      if (events.length > 0 && !stop.signal.aborted) handler.current(events);
    };
    void followEvents({
      types: typesKey === '' ? [] : typesKey.split(','),
      signal: stop.signal,
      onOpen: () => handler.current([]),
      onEvents: (events) => {
        pending.push(...events);
        timer ??= setTimeout(flush, throttleMs);
      },
    });
    return () => {
      stop.abort();
      if (timer) clearTimeout(timer);
    };
  }, [typesKey, throttleMs]);
}
