import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database } from './db.ts';
import { createIssueRepository } from './issue.repository.ts';
import { createRepoRepository } from './repo.repository.ts';

// Tombstones: the rows upsertIssues / upsertComments (shared by sync and webhooks) must never write again.

const makeIssue = (number: number, updatedAt: string): Issue =>
  testIssue(
    number,
    {
      externalId: String(5000 + number),
      title: `Issue ${number}`,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt,
    },
    'acme/tombs',
  );

function makeComment(issueNumber: number, externalId: string, updatedAt: string) {
  return {
    issueNumber,
    externalId,
    author: 'bob',
    body: `comment ${externalId}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt,
  };
}

describe('issue tombstones', () => {
  let db: Database;
  let repoId: number;
  const issues = () => createIssueRepository(db);
  const tombstone = async (number: number) =>
    (
      await db.query<{ deletedAt: string; reason: string }>(
        'SELECT deleted_at AS "deletedAt", reason FROM issue_tombstones WHERE repo_id = $1 AND number = $2',
        [repoId, number],
      )
    ).rows[0] ?? null;

  beforeAll(async () => {
    db = await openTestDatabase();
    repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'tombs', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
  });
  afterAll(async () => db.close());

  it('a removed issue is dated at the later of the removal and its stored rows, and older copies are refused', async () => {
    await issues().upsertIssues(repoId, [makeIssue(1, '2024-02-01T00:00:00.000Z')]);
    // A comment edited after the issue's last update: the tombstone must cover it too.
    await issues().upsertComments(repoId, [makeComment(1, 'c1', '2024-02-05T00:00:00.000Z')]);
    expect(
      await issues().deleteIssues(repoId, [1, 1, 2], {
        deletedAt: '2024-01-15T00:00:00.000Z',
        reason: 'deleted',
      }),
    ).toBe(1);
    expect(await tombstone(1)).toEqual({ deletedAt: '2024-02-05T00:00:00.000Z', reason: 'deleted' });
    // Never stored here, removed all the same: a poller page in flight must not add it afterwards.
    expect(await tombstone(2)).toEqual({ deletedAt: '2024-01-15T00:00:00.000Z', reason: 'deleted' });

    const written = await issues().upsertIssues(repoId, [
      makeIssue(1, '2024-02-05T00:00:00.000Z'),
      makeIssue(2, '2024-01-10T00:00:00.000Z'),
      makeIssue(3, '2024-01-10T00:00:00.000Z'),
    ]);
    expect(written).toBe(1);
    expect(await issues().findByNumber(repoId, 1)).toBeNull();
    expect(await issues().findByNumber(repoId, 2)).toBeNull();
    expect(
      await issues().upsertComments(repoId, [
        makeComment(1, 'c1', '2024-02-05T00:00:00.000Z'),
        makeComment(1, 'c2', '2024-01-20T00:00:00.000Z'),
      ]),
    ).toBe(0);
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 1, comments: 0 });
  });

  it('a copy newer than the tombstone is written, drops the tombstone, and lets older comments of the issue back', async () => {
    await issues().deleteIssues(repoId, [4], {
      deletedAt: '2024-03-01T00:00:00.000Z',
      reason: 'transferred',
    });
    expect(await issues().upsertIssues(repoId, [makeIssue(4, '2024-03-02T00:00:00.000Z')])).toBe(1);
    expect(await tombstone(4)).toBeNull();
    expect(await issues().upsertComments(repoId, [makeComment(4, 'c4', '2024-02-01T00:00:00.000Z')])).toBe(1);
  });

  it('a removal never moves a tombstone back in time', async () => {
    await issues().deleteIssues(repoId, [5], { deletedAt: '2024-04-02T00:00:00.000Z', reason: 'deleted' });
    await issues().deleteIssues(repoId, [5], {
      deletedAt: '2024-04-01T00:00:00.000Z',
      reason: 'transferred',
    });
    expect(await tombstone(5)).toEqual({ deletedAt: '2024-04-02T00:00:00.000Z', reason: 'deleted' });
  });

  it('an upsert racing a removal waits for it and then sees its tombstone (PostgreSQL: two processes)', async () => {
    await issues().upsertIssues(repoId, [makeIssue(7, '2024-06-01T00:00:00.000Z')]);
    let removed!: () => void;
    const removalStarted = new Promise<void>((resolve) => (removed = resolve));
    const removal = db.transaction(async (tx) => {
      await createIssueRepository(tx).deleteIssues(repoId, [7], {
        deletedAt: '2024-06-02T00:00:00.000Z',
        reason: 'deleted',
      });
      removed();
      // Still uncommitted while the poller's page below starts writing.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    await removalStarted;
    const page = db.transaction((tx) =>
      createIssueRepository(tx).upsertIssues(repoId, [makeIssue(7, '2024-06-01T00:00:00.000Z')]),
    );
    await removal;
    expect(await page).toBe(0);
    expect(await issues().findByNumber(repoId, 7)).toBeNull();
  });

  it('a deleted comment stays out until a newer copy, and its tombstone goes with the repository', async () => {
    await issues().upsertComments(repoId, [makeComment(6, 'c6', '2024-05-01T00:00:00.000Z')]);
    expect(
      await issues().deleteComments(repoId, ['c6', 'c6', 'never-stored'], {
        deletedAt: '2024-04-01T00:00:00.000Z',
      }),
    ).toBe(1);
    const stones = await db.query<{ externalId: string; deletedAt: string }>(
      'SELECT external_id AS "externalId", deleted_at AS "deletedAt" FROM comment_tombstones WHERE repo_id = $1 ORDER BY external_id',
      [repoId],
    );
    expect(stones.rows).toEqual([
      { externalId: 'c6', deletedAt: '2024-05-01T00:00:00.000Z' },
      { externalId: 'never-stored', deletedAt: '2024-04-01T00:00:00.000Z' },
    ]);
    expect(await issues().upsertComments(repoId, [makeComment(6, 'c6', '2024-05-01T00:00:00.000Z')])).toBe(0);
    expect(await issues().upsertComments(repoId, [makeComment(6, 'c6', '2024-05-02T00:00:00.000Z')])).toBe(1);
    expect((await issues().listComments(repoId, 6)).map((c) => c.externalId)).toEqual(['c6']);

    await db.query('DELETE FROM repositories WHERE id = $1', [repoId]);
    const left = await db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM issue_tombstones)::int + (SELECT count(*) FROM comment_tombstones)::int AS n',
    );
    expect(left.rows[0]?.n).toBe(0);
  });
});
