import type { EventType, LoupeEvent } from '../core/event.ts';
import type { SqlClient } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';

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

/** Replaying the event outbox for clients (GET /api/events). */
export function createEventsService(deps: { db: SqlClient }) {
  const events = createEventRepository(deps.db);
  return {
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
