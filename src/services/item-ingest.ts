import { itemEvents, type ChangeOrigin, type NewEvent } from '../core/event.ts';
import type { Issue, IssueComment } from '../core/issue.ts';
import type { SqlClient } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository, type IssueRemoval } from '../store/issue.repository.ts';

/** The writes of one ingest; each records the events of what it changed. */
export interface ItemWriter {
  /** Takes the removal locks of these repositories first (a transfer removes from one and writes to another). */
  lockForRemoval(repoIds: readonly number[]): Promise<void>;
  upsertIssues(repoId: number, issues: Issue[]): Promise<number>;
  upsertComments(repoId: number, comments: (IssueComment & { issueNumber: number })[]): Promise<number>;
  deleteIssues(repoId: number, numbers: readonly number[], removal: IssueRemoval): Promise<number>;
  deleteComments(
    repoId: number,
    externalIds: readonly string[],
    removal: Pick<IssueRemoval, 'deletedAt'>,
  ): Promise<number>;
}

/**
 * The one ingest path for items, used by sync pages and webhook deliveries alike: runs `write` in
 * the caller's transaction `tx`, then appends the events of everything it wrote (item created,
 * changed, deleted) in one statement, in that same transaction. Items and their events commit or
 * roll back together. A comment write is an `item.changed` event of its issue (`comments: true`)
 * unless the issue itself was written in this ingest.
 */
export async function ingestItems<T extends object>(
  tx: SqlClient,
  origin: ChangeOrigin,
  write: (writer: ItemWriter) => Promise<T>,
): Promise<T & { lastEventId: number | null }> {
  const issues = createIssueRepository(tx);
  // Per repository: the numbers written as created/changed/deleted, and those touched through comments.
  const changes = new Map<
    number,
    {
      created: Set<number>;
      changed: Set<number>;
      deleted: Map<number, IssueRemoval['reason']>;
      comments: Set<number>;
    }
  >();
  const of = (repoId: number) => {
    let change = changes.get(repoId);
    if (!change)
      changes.set(
        repoId,
        (change = { created: new Set(), changed: new Set(), deleted: new Map(), comments: new Set() }),
      );
    return change;
  };
  const writer: ItemWriter = {
    lockForRemoval: (repoIds) => issues.lockForRemoval(repoIds),
    async upsertIssues(repoId, rows) {
      const written = await issues.writeIssues(repoId, rows);
      for (const row of written) of(repoId)[row.created ? 'created' : 'changed'].add(row.number);
      return written.length;
    },
    async upsertComments(repoId, rows) {
      const written = await issues.writeComments(repoId, rows);
      for (const row of written) of(repoId).comments.add(row.issueNumber);
      return written.length;
    },
    async deleteIssues(repoId, numbers, removal) {
      const removed = await issues.removeIssues(repoId, numbers, removal);
      for (const number of removed) of(repoId).deleted.set(number, removal.reason);
      return removed.length;
    },
    async deleteComments(repoId, externalIds, removal) {
      const removed = await issues.removeComments(repoId, externalIds, removal);
      for (const row of removed) of(repoId).comments.add(row.issueNumber);
      return removed.length;
    },
  };
  const result = await write(writer);
  const events: NewEvent[] = [];
  for (const [repoId, change] of changes) {
    events.push(...itemEvents('item.created', repoId, [...change.created], { origin }));
    events.push(...itemEvents('item.changed', repoId, [...change.changed], { origin }));
    const viaComments = [...change.comments].filter(
      (n) => !change.created.has(n) && !change.changed.has(n) && !change.deleted.has(n),
    );
    events.push(...itemEvents('item.changed', repoId, viaComments, { origin, comments: true }));
    for (const [number, reason] of change.deleted)
      events.push({ type: 'item.deleted', repoId, payload: { key: `#${number}`, number, origin, reason } });
  }
  const lastEventId = await createEventRepository(tx).append(events);
  return { ...result, lastEventId };
}
