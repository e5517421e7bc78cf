import type { EventType, LoupeEvent, NewEvent } from '../core/event.ts';
import type { SqlClient } from './db.ts';

/** The NOTIFY channel that carries the last id of each append. */
export const EVENTS_CHANNEL = 'loupe_events';
/** First key of the advisory lock that orders appends by commit (see 0009_events.sql). */
const EVENT_APPEND_LOCK = 7_314_161;
/** How long a consumer's lease lasts without renewal; every delivered batch renews it. */
const CONSUMER_LEASE_SECONDS = 60;

export interface EventPage {
  events: LoupeEvent[];
  /** The highest event id visible to the read, of any type (0 when there is none). */
  head: number;
}

const EVENT_COLUMNS = `id, type, repo_id AS "repoId", payload, created_at AS "createdAt"`;

/** The event outbox and the cursors of its consumers. */
export function createEventRepository(db: SqlClient) {
  return {
    /**
     * Appends events in one statement and NOTIFYs their last id. Call it with the transaction of the
     * change the events describe, as late in it as possible: from here to commit, other appends wait
     * (that is what keeps ids in commit order). Returns the last id, or null for no events. Each event
     * belongs to its repository's workspace; `workspaceId` says which when the repository is gone.
     */
    async append(
      events: readonly NewEvent[],
      options: { workspaceId?: number } = {},
    ): Promise<number | null> {
      if (events.length === 0) return null;
      await db.query('SELECT pg_advisory_xact_lock($1::int, 0)', [EVENT_APPEND_LOCK]);
      const rows = events.map((e) => ({ type: e.type, repo_id: e.repoId, payload: e.payload }));
      const result = await db.query<{ last: number }>(
        `WITH appended AS (
           INSERT INTO events (type, repo_id, payload, workspace_id)
           SELECT x.e->>'type', (x.e->>'repo_id')::bigint, x.e->'payload',
             COALESCE($3::bigint, (SELECT r.workspace_id FROM repositories r WHERE r.id = (x.e->>'repo_id')::bigint))
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
           ORDER BY x.n
           RETURNING id
         )
         SELECT last, pg_notify($2, last::text) FROM (SELECT max(id) AS last FROM appended) a`,
        [JSON.stringify(rows), EVENTS_CHANNEL, options.workspaceId ?? null],
      );
      return result.rows[0]?.last ?? null;
    },

    /**
     * Events after `after` in id order, optionally of some types only, and the head id of the same read.
     * With a workspace, only events of its repositories.
     */
    async list(query: {
      after: number;
      limit: number;
      types?: readonly EventType[];
      workspaceId?: number;
    }): Promise<EventPage> {
      const result = await db.query<{ head: number | null; events: LoupeEvent[] | null }>(
        `WITH page AS (
           SELECT ${EVENT_COLUMNS} FROM events
           WHERE id > $1 AND ($3::text[] IS NULL OR type = ANY($3::text[]))
             AND ($4::bigint IS NULL OR workspace_id = $4)
           ORDER BY id LIMIT $2
         )
         SELECT (SELECT max(id) FROM events) AS head,
                (SELECT json_agg(page ORDER BY page.id) FROM page) AS events`,
        [query.after, query.limit, query.types ? [...query.types] : null, query.workspaceId ?? null],
      );
      const row = result.rows[0];
      // json_agg hands back ids as JSON numbers and times as ISO strings without the int8/timestamptz parsers.
      const events = (row?.events ?? []).map((e) => ({
        ...e,
        id: Number(e.id),
        createdAt: new Date(e.createdAt).toISOString(),
      }));
      return { events, head: Number(row?.head ?? 0) };
    },

    /** The oldest event still kept, or null when there is none (retention may have pruned older ones). */
    async oldestId(): Promise<number | null> {
      const result = await db.query<{ id: number | null }>('SELECT min(id) AS id FROM events');
      return result.rows[0]?.id ?? null;
    },

    /**
     * Deletes events older than `maxAgeDays` and all but the newest `maxRows`, at most `batch` rows
     * (oldest first), so one call is a short transaction; returns how many went.
     */
    async prune(options: { maxAgeDays: number; maxRows: number; batch: number }): Promise<number> {
      const result = await db.query(
        `DELETE FROM events WHERE id IN (
           SELECT id FROM events
           WHERE created_at < now() - make_interval(days => $1)
              OR id <= (SELECT id FROM events ORDER BY id DESC OFFSET $2 LIMIT 1)
           ORDER BY id LIMIT $3)`,
        [options.maxAgeDays, options.maxRows, options.batch],
      );
      return result.rowCount;
    },

    /**
     * Takes (or renews) the lease of a consumer for `holder` and returns its cursor, or null when
     * another live holder has it. A consumer seen for the first time starts at the current head
     * (`from: 'latest'`) or at the beginning of what is kept (`from: 'earliest'`).
     */
    async claimConsumer(name: string, holder: string, from: 'latest' | 'earliest'): Promise<number | null> {
      await db.query(
        `INSERT INTO event_consumers (name, last_event_id)
         VALUES ($1, CASE WHEN $2 = 'latest' THEN (SELECT coalesce(max(id), 0) FROM events) ELSE 0 END)
         ON CONFLICT (name) DO NOTHING`,
        [name, from],
      );
      const result = await db.query<{ last: number }>(
        `UPDATE event_consumers SET leased_by = $2, leased_until = now() + make_interval(secs => $3)
         WHERE name = $1 AND (leased_by IS NULL OR leased_by = $2 OR leased_until < now())
         RETURNING last_event_id AS last`,
        [name, holder, CONSUMER_LEASE_SECONDS],
      );
      return result.rows[0]?.last ?? null;
    },

    /** Moves a consumer's cursor (renewing the lease); false when `holder` lost the lease meanwhile. */
    async advanceConsumer(name: string, holder: string, lastEventId: number): Promise<boolean> {
      const result = await db.query(
        `UPDATE event_consumers SET last_event_id = GREATEST(last_event_id, $3), updated_at = now(),
           leased_until = now() + make_interval(secs => $4)
         WHERE name = $1 AND leased_by = $2`,
        [name, holder, lastEventId, CONSUMER_LEASE_SECONDS],
      );
      return result.rowCount > 0;
    },

    async releaseConsumer(name: string, holder: string): Promise<void> {
      await db.query(
        'UPDATE event_consumers SET leased_by = NULL, leased_until = NULL WHERE name = $1 AND leased_by = $2',
        [name, holder],
      );
    },

    /** Every consumer's cursor, for the operator (how far behind is each). */
    async consumers(): Promise<{ name: string; lastEventId: number; updatedAt: string }[]> {
      const result = await db.query<{ name: string; lastEventId: number; updatedAt: string }>(
        'SELECT name, last_event_id AS "lastEventId", updated_at AS "updatedAt" FROM event_consumers ORDER BY name',
      );
      return result.rows;
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
