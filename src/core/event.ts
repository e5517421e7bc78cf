/**
 * Events: what happened to the store, written to the outbox (the `events` table) in the transaction
 * that made the change, so that a reader never sees a change without its event or the reverse.
 * Consumers subscribe by type (jobs/event-dispatcher.ts); GET /api/events replays them.
 */
export const EVENT_TYPES = [
  'item.created',
  'item.changed',
  'item.deleted',
  'analysis.updated',
  'sync.started',
  'sync.progressed',
  'sync.finished',
  'sync.failed',
  'container.removed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Where an item change came from: a sync page or a webhook delivery. */
export type ChangeOrigin = 'sync' | 'webhook';

export type ItemEventPayload = {
  /** The item as the source shows it (`#123` on GitHub). */
  key: string;
  number: number;
  origin: ChangeOrigin;
  /** True when the change was to the item's comments only. */
  comments?: boolean;
};

export type SyncCounts = {
  issuesSynced: number;
  commentsSynced: number;
  requests: number;
  notModified: number;
};

/** The payload each event type carries. */
export type EventPayloads = {
  'item.created': ItemEventPayload;
  'item.changed': ItemEventPayload;
  'item.deleted': ItemEventPayload & { reason: 'deleted' | 'transferred' };
  'analysis.updated': { key: string; number: number; issueId: number; version: string };
  'sync.started': { runId: number; jobId: string | null };
  'sync.progressed': { runId: number } & SyncCounts;
  /** `startedAt`: the database clock when the sync began; items it wrote have synced_at at or after it. */
  'sync.finished': { runId: number; upToDate: boolean; startedAt: string } & SyncCounts;
  'sync.failed': { runId: number; error: string } & SyncCounts;
  /**
   * A container (repository) and everything stored for it were removed, in this event's transaction.
   * `key` is how its source names it (`owner/name`); the counts are what went with it.
   */
  'container.removed': { key: string; source: string; issues: number; comments: number };
};

/** An event about to be written; `repoId` is null for events about no repository. */
export type NewEvent = {
  [T in EventType]: { type: T; repoId: number | null; payload: EventPayloads[T] };
}[EventType];

/** A stored event. Ids grow in commit order: a reader that saw id N never later sees one below N. */
export type LoupeEvent = NewEvent & { id: number; createdAt: string };

/** An item event for each number, in the order given. */
export function itemEvents(
  type: 'item.created' | 'item.changed',
  repoId: number,
  numbers: readonly number[],
  extra: { origin: ChangeOrigin; comments?: boolean },
): NewEvent[] {
  return numbers.map((number) => ({ type, repoId, payload: { key: `#${number}`, number, ...extra } }));
}
