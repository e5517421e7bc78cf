import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Issue } from '../core/issue.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { ingestItems } from './item-ingest.ts';

const issue = (number: number, updatedAt = '2024-01-01T00:00:00Z'): Issue =>
  testIssue(
    number,
    {
      externalId: String(1000 + number),
      url: `https://github.com/acme/widgets/issues/${number}`,
      title: `Issue ${number}`,
      author: 'octocat',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt,
    },
    'acme/widgets',
  );

/** A client that records every statement it runs. */
function recording(tx: SqlClient, statements: string[]): SqlClient {
  return {
    query: (text, params) => {
      statements.push(text);
      return tx.query(text, params);
    },
    exec: (text) => tx.exec(text),
  };
}

describe('ingestItems: items and their events in one transaction', () => {
  let db: Database;
  let repoId: number;
  const itemEvents = async (): Promise<Record<string, unknown>[]> =>
    (await createEventRepository(db).list({ after: 0, limit: 1000 })).events.map((e) => ({
      type: e.type,
      repoId: e.repoId,
      ...(e.payload as Record<string, unknown>),
    }));

  beforeAll(async () => {
    db = await openTestDatabase();
    repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
  });
  beforeEach(async () => {
    await db.exec(
      'DELETE FROM issue_comments; DELETE FROM issues; DELETE FROM issue_tombstones; DELETE FROM events;',
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('a 100-item page writes item.created events in one INSERT, and a newer copy item.changed', async () => {
    const statements: string[] = [];
    const page = Array.from({ length: 100 }, (_, i) => issue(i + 1));
    await db.transaction((tx) =>
      ingestItems(recording(tx, statements), 'sync', async (w) => ({
        written: await w.upsertIssues(repoId, page),
      })),
    );
    expect(statements.filter((s) => /INSERT INTO events/.test(s))).toHaveLength(1);
    const events = await itemEvents();
    expect(events).toHaveLength(100);
    expect(events.every((e) => e.type === 'item.created' && e.repoId === repoId && e.origin === 'sync')).toBe(
      true,
    );
    expect(events.map((e) => e.number)).toEqual(page.map((i) => i.number));

    await db.exec('DELETE FROM events');
    await db.transaction((tx) =>
      ingestItems(tx, 'webhook', async (w) => ({
        written: await w.upsertIssues(repoId, [issue(3, '2024-02-01T00:00:00Z'), issue(4)]),
      })),
    );
    // #4 is the same copy again: written (same updated_at), so it counts as changed too.
    expect(await itemEvents()).toEqual([
      { type: 'item.changed', repoId, key: '#3', number: 3, origin: 'webhook' },
      { type: 'item.changed', repoId, key: '#4', number: 4, origin: 'webhook' },
    ]);
  });

  it('comments change their issue; removals are item.deleted; an older copy writes nothing and no event', async () => {
    await db.transaction((tx) =>
      ingestItems(tx, 'sync', async (w) => ({
        n: await w.upsertIssues(repoId, [issue(1), issue(2, '2024-03-01T00:00:00Z')]),
      })),
    );
    await db.exec('DELETE FROM events');
    const result = await db.transaction((tx) =>
      ingestItems(tx, 'webhook', async (w) => {
        await w.upsertComments(repoId, [
          {
            issueNumber: 1,
            externalId: 'c1',
            author: 'a',
            authorAssociation: null,
            body: 'hi',
            createdAt: '2024-01-02T00:00:00Z',
            updatedAt: '2024-01-02T00:00:00Z',
          },
        ]);
        await w.upsertIssues(repoId, [issue(2, '2024-01-01T00:00:00Z')]);
        await w.deleteIssues(repoId, [2], { deletedAt: '2024-04-01T00:00:00Z', reason: 'deleted' });
        return {};
      }),
    );
    expect(await itemEvents()).toEqual([
      { type: 'item.changed', repoId, key: '#1', number: 1, origin: 'webhook', comments: true },
      { type: 'item.deleted', repoId, key: '#2', number: 2, origin: 'webhook', reason: 'deleted' },
    ]);
    expect(result.lastEventId).toEqual(expect.any(Number));
  });

  it('when the event append fails, the items roll back with it', async () => {
    const failing: (tx: SqlClient) => SqlClient = (tx) => ({
      query: (text, params) =>
        /INSERT INTO events/.test(text) ? Promise.reject(new Error('disk full')) : tx.query(text, params),
      exec: (text) => tx.exec(text),
    });
    await expect(
      db.transaction((tx) =>
        ingestItems(failing(tx), 'sync', async (w) => ({ n: await w.upsertIssues(repoId, [issue(9)]) })),
      ),
    ).rejects.toThrow('disk full');
    expect(await createIssueRepository(db).findByNumber(repoId, 9)).toBeNull();
    expect(await itemEvents()).toEqual([]);
  });
});
