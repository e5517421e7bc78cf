import type { EventType, LoupeEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository, EVENTS_CHANNEL } from '../store/event.repository.ts';

export interface EventReplay {
  events: LoupeEvent[];
  /** Pass as `after` to read on: the last event returned, or the head when the page was short. */
  next: number;
  /** The newest event id (of any type) when this page was read. */
  head: number;
  /** The oldest event still kept; older ones were pruned (README: Events, retention). */
  oldest: number | null;
  /** True when `after` is older than the oldest kept event: events in between may have been pruned. */
  mayHaveMissed: boolean;
}

export interface FollowOptions {
  /** Start after this id; null: from the head (only what happens from now on). */
  after: number | null;
  types?: readonly EventType[];
  /** Ends the follow (the client went away, the server is closing). */
  signal: AbortSignal;
  /** Longest wait without a NOTIFY before the outbox is read anyway (a dropped LISTEN loses some); default 10 s. */
  pollMs?: number;
  /**
   * Shortest time between two reads of the outbox; default 250 ms. A sync commits a page of events
   * many times a second: each stream then reads once per period, not once per NOTIFY (on PGlite
   * every read waits behind the one connection).
   */
  minIntervalMs?: number;
}

/** Events read per page while following; a longer backlog is read page after page. */
const FOLLOW_PAGE = 500;

/**
 * Wakes the followers of this process when an event is appended (NOTIFY from any process). One
 * LISTEN serves them all, opened for the first and closed after the last.
 */
function createAppendSignal(db: Pick<Database, 'listen'>) {
  const subscribers = new Set<{ wake(): void }>();
  let listening: Promise<() => Promise<void>> | null = null;
  return {
    /**
     * Subscribes once the LISTEN is in place, so nothing committed after this resolves is missed. An
     * append while the subscriber is busy is kept: its next `wait` returns at once.
     */
    async subscribe() {
      let pending = false;
      let resolveWait: (() => void) | null = null;
      const subscriber = {
        wake() {
          pending = true;
          resolveWait?.();
        },
      };
      subscribers.add(subscriber);
      listening ??= db.listen(EVENTS_CHANNEL, () => {
        for (const s of subscribers) s.wake();
      });
      await listening;
      return {
        /** Resolves on an append (since the last wait), after `ms`, or when `signal` aborts. */
        async wait(ms: number, signal: AbortSignal): Promise<void> {
          if (!pending && !signal.aborted)
            await new Promise<void>((resolve) => {
              const timer = setTimeout(done, ms);
              signal.addEventListener('abort', done);
              resolveWait = done;
              function done(): void {
                clearTimeout(timer);
                signal.removeEventListener('abort', done);
                resolveWait = null;
                resolve();
              }
            });
          pending = false;
        },
        async close(): Promise<void> {
          subscribers.delete(subscriber);
          if (subscribers.size > 0 || !listening) return;
          const unlisten = listening;
          listening = null;
          await (await unlisten)().catch(() => undefined);
        },
      };
    },
  };
}

/** Waits `ms` (nothing when not positive), or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Replaying the event outbox for clients (GET /api/events) and following it live (GET /api/events/stream). */
export function createEventsService(deps: { db: Database }) {
  const events = createEventRepository(deps.db);
  const appended = createAppendSignal(deps.db);
  return {
    /**
     * Follows the workspace's events as they are committed, in id order, batch by batch, until the
     * signal aborts. Resolves once it listens and knows where it starts, so every event committed
     * after that is delivered. It reads the outbox, not the NOTIFY payload: that keeps the order
     * and the workspace scope, and a poll finds what a dropped LISTEN missed.
     */
    async follow(workspaceId: number, options: FollowOptions): Promise<AsyncGenerator<LoupeEvent[]>> {
      const pollMs = options.pollMs ?? 10_000;
      const minIntervalMs = options.minIntervalMs ?? 250;
      const subscription = await appended.subscribe();
      let position: number;
      try {
        position = options.after ?? (await events.list({ after: 0, limit: 1, workspaceId })).head;
      } catch (error) {
        await subscription.close();
        throw error;
      }
      return (async function* () {
        try {
          while (!options.signal.aborted) {
            const page = await events.list({
              after: position,
              limit: FOLLOW_PAGE,
              workspaceId,
              ...(options.types ? { types: options.types } : {}),
            });
            const full = page.events.length === FOLLOW_PAGE;
            position = full ? page.events.at(-1)!.id : Math.max(position, page.head);
            if (page.events.length > 0) yield page.events;
            if (!full) {
              const readAt = Date.now();
              await subscription.wait(pollMs, options.signal);
              await pause(readAt + minIntervalMs - Date.now(), options.signal);
            }
          }
        } finally {
          await subscription.close();
        }
      })();
    },

    /** The workspace's events (those of its repositories). */
    async replay(
      workspaceId: number,
      query: { after: number; limit: number; types?: readonly EventType[] },
    ): Promise<EventReplay> {
      const page = await events.list({ ...query, workspaceId });
      const oldest = await events.oldestId();
      const short = page.events.length < query.limit;
      const next = short ? Math.max(query.after, page.head) : page.events.at(-1)!.id;
      return {
        events: page.events,
        next,
        head: page.head,
        oldest,
        mayHaveMissed: oldest !== null && query.after < oldest - 1,
      };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
