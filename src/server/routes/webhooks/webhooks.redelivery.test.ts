import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWebhookApp,
  deliverWebhook as deliver,
  WEBHOOK_SECRET,
  webhookExample,
  type WebhookPayload,
} from '../../../../test/github-webhook-deliveries.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import { testIssue } from '../../../../test/issue-fixture.ts';
import type { Issue } from '../../../core/issue.ts';
import type { Database, SqlClient } from '../../../store/db.ts';
import { createIssueRepository } from '../../../store/issue.repository.ts';
import { createRepoRepository } from '../../../store/repo.repository.ts';

// The reliability issue: `issues.deleted`, then a redelivery of the old `issues.opened` (same
// X-GitHub-Delivery) answered 200 and brought the issue back, and polling could never remove it.
// Each test uses its own issue number and comment id, so they share one migrated database.

/** An `issues` example moved to issue #number, last updated at updatedAt. */
function issueEvent(action: string, number: number, updatedAt: string): WebhookPayload {
  const payload = webhookExample('issues', action);
  Object.assign(payload.issue as object, { number, updated_at: updatedAt });
  return payload;
}

/** An `issue_comment` example on issue #number, for comment commentId. */
function commentEvent(action: string, number: number, commentId: number, updatedAt: string): WebhookPayload {
  const payload = webhookExample('issue_comment', action);
  Object.assign(payload.issue as object, { number, updated_at: updatedAt });
  Object.assign(payload.comment as object, { id: commentId, updated_at: updatedAt });
  return payload;
}

/** The row a poller page would write for issue #number: the copy GitHub served before the deletion. */
function polledIssue(number: number, updatedAt: string): Issue {
  return testIssue(
    number,
    {
      externalId: String(9000 + number),
      title: `Polled #${number}`,
      author: 'Codertocat',
      authorAssociation: 'OWNER',
      createdAt: '2019-05-15T15:20:18.000Z',
      updatedAt,
    },
    'Codertocat/Hello-World',
  );
}

/** The database as the service sees it, except that statements matching `failing` throw inside transactions. */
function failingInsideTransactions(db: Database, failing: RegExp): Database {
  const wrap = (tx: SqlClient): SqlClient => ({
    query(text, params) {
      return failing.test(text)
        ? Promise.reject(new Error('forced failure inside the transaction'))
        : tx.query(text, params);
    },
    exec: (text) => tx.exec(text),
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

describe('redeliveries and tombstones: a deleted item never comes back', () => {
  let db: Database;
  let app: FastifyInstance;
  let repoId: number;
  const issues = () => createIssueRepository(db);

  beforeAll(async () => {
    db = await openTestDatabase();
    repoId = (
      await createRepoRepository(db).add({
        owner: 'Codertocat',
        name: 'Hello-World',
        apiUrl: 'https://api.github.com',
      })
    ).repo.id;
    app = await buildWebhookApp(db, WEBHOOK_SECRET);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('issues.opened (X), issues.deleted (Y), redelivery of X: 200 duplicate, and the issue stays gone', async () => {
    const opened = issueEvent('opened', 101, '2024-03-01T10:00:00Z');
    expect((await deliver(app, 'issues', opened, { delivery: 'replay-X' })).json).toMatchObject({
      outcome: 'stored',
      issuesWritten: 1,
    });
    const deleted = await deliver(app, 'issues', issueEvent('deleted', 101, '2024-03-02T10:00:00Z'), {
      delivery: 'replay-Y',
    });
    expect(deleted.json).toMatchObject({ outcome: 'stored', issuesDeleted: 1 });

    const again = await deliver(app, 'issues', opened, { delivery: 'replay-X' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      outcome: 'duplicate',
      delivery: 'replay-X',
      event: 'issues',
      action: 'opened',
      firstReceivedAt: expect.any(String),
    });
    expect(await issues().findByNumber(repoId, 101)).toBeNull();
  });

  it('a new delivery id carrying a copy older than the deletion does not resurrect the issue', async () => {
    await deliver(app, 'issues', issueEvent('opened', 102, '2024-03-01T10:00:00Z'));
    await deliver(app, 'issues', issueEvent('deleted', 102, '2024-03-02T10:00:00Z'));
    const edited = await deliver(app, 'issues', issueEvent('edited', 102, '2024-03-01T12:00:00Z'));
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ outcome: 'stored', issuesWritten: 0, lastEventId: null });
    // Dated exactly at the deletion is not newer than it either.
    expect(
      (await deliver(app, 'issues', issueEvent('edited', 102, '2024-03-02T10:00:00Z'))).json,
    ).toMatchObject({ issuesWritten: 0 });
    expect(await issues().findByNumber(repoId, 102)).toBeNull();
  });

  it('an issue transferred out of a followed repository does not come back there with an older copy', async () => {
    const source = (
      await createRepoRepository(db).add({
        owner: 'octo-org',
        name: 'octo-repo',
        apiUrl: 'https://api.github.com',
      })
    ).repo;
    const transferred = webhookExample('issues', 'transferred');
    const number = (transferred.issue as { number: number }).number;
    await deliver(app, 'issues', { ...transferred, action: 'opened' });
    expect((await deliver(app, 'issues', transferred)).json).toMatchObject({
      outcome: 'stored',
      issuesDeleted: 1,
    });
    expect((await deliver(app, 'issues', { ...transferred, action: 'edited' })).json).toMatchObject({
      outcome: 'stored',
      issuesWritten: 0,
    });
    expect(await issues().findByNumber(source.id, number)).toBeNull();
  });

  it('a poller page holding the pre-deletion copy does not resurrect the issue or its comments', async () => {
    await deliver(app, 'issue_comment', commentEvent('created', 103, 10301, '2024-03-01T10:00:00Z'));
    await deliver(app, 'issues', issueEvent('deleted', 103, '2024-03-02T10:00:00Z'));
    expect(
      await issues().upsertIssues(repoId, [
        polledIssue(103, '2024-03-01T10:00:00.000Z'),
        polledIssue(104, '2024-03-01T10:00:00.000Z'),
      ]),
    ).toBe(1);
    const comment = {
      issueNumber: 103,
      externalId: '10301',
      author: 'Codertocat',
      body: 'polled',
      createdAt: '2024-03-01T10:00:00.000Z',
      updatedAt: '2024-03-01T10:00:00.000Z',
    };
    expect(await issues().upsertComments(repoId, [comment])).toBe(0);
    expect(await issues().findByNumber(repoId, 103)).toBeNull();
    expect(await issues().listComments(repoId, 103)).toEqual([]);
    expect(await issues().findByNumber(repoId, 104)).not.toBeNull();
  });

  it('a deleted comment stays gone after a redelivery of its issue_comment.created, or a new copy of it', async () => {
    const created = commentEvent('created', 105, 10501, '2024-03-01T10:00:00Z');
    await deliver(app, 'issue_comment', created, { delivery: 'comment-C1' });
    expect(await issues().listComments(repoId, 105)).toHaveLength(1);
    const deleted = await deliver(
      app,
      'issue_comment',
      commentEvent('deleted', 105, 10501, '2024-03-01T11:00:00Z'),
    );
    expect(deleted.json).toMatchObject({ outcome: 'stored', commentsDeleted: 1 });

    expect((await deliver(app, 'issue_comment', created, { delivery: 'comment-C1' })).json).toMatchObject({
      outcome: 'duplicate',
    });
    expect((await deliver(app, 'issue_comment', created)).json).toMatchObject({
      outcome: 'stored',
      commentsWritten: 0,
    });
    expect(await issues().listComments(repoId, 105)).toEqual([]);
    expect(await issues().findByNumber(repoId, 105)).not.toBeNull();
  });

  it('a copy updated after the deletion is accepted (an issue transferred back), and its tombstone goes', async () => {
    await deliver(app, 'issues', issueEvent('opened', 106, '2024-03-01T10:00:00Z'));
    await deliver(app, 'issues', issueEvent('deleted', 106, '2024-03-02T10:00:00Z'));
    const back = await deliver(app, 'issues', issueEvent('edited', 106, '2024-03-03T10:00:00Z'));
    expect(back.json).toMatchObject({ outcome: 'stored', issuesWritten: 1 });
    expect(await issues().findByNumber(repoId, 106)).toMatchObject({ updatedAt: '2024-03-03T10:00:00.000Z' });
    const left = await db.query('SELECT 1 FROM issue_tombstones WHERE repo_id = $1 AND number = 106', [
      repoId,
    ]);
    expect(left.rows).toEqual([]);
    // Comments older than the deletion came back with the issue (a transfer keeps them).
    expect(
      (await deliver(app, 'issue_comment', commentEvent('created', 106, 10601, '2024-03-01T10:00:00Z'))).json,
    ).toMatchObject({ commentsWritten: 1 });
  });

  it('two copies of one delivery arriving together are applied once', async () => {
    const opened = issueEvent('opened', 108, '2024-03-01T10:00:00Z');
    const both = await Promise.all([
      deliver(app, 'issues', opened, { delivery: 'twin' }),
      deliver(app, 'issues', opened, { delivery: 'twin' }),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.json.outcome).sort()).toEqual(['duplicate', 'stored']);
  });

  it('records a delivery id in the transaction of its writes: a failure inside it records nothing', async () => {
    const created = commentEvent('created', 107, 10701, '2024-03-01T10:00:00Z');
    const broken = await buildWebhookApp(
      failingInsideTransactions(db, /INSERT INTO issue_comments/),
      WEBHOOK_SECRET,
    );
    const failed = await deliver(broken, 'issue_comment', created, { delivery: 'atomic-1' });
    await broken.close();
    expect(failed.status).toBe(500);
    const recorded = () =>
      db.query<{ event: string; outcome: string }>(
        'SELECT event, outcome FROM webhook_deliveries WHERE delivery_id = $1',
        ['atomic-1'],
      );
    expect((await recorded()).rows).toEqual([]);
    expect(await issues().findByNumber(repoId, 107)).toBeNull();

    // GitHub's redelivery of the failed delivery is applied, not answered "duplicate".
    const retried = await deliver(app, 'issue_comment', created, { delivery: 'atomic-1' });
    expect(retried.json).toMatchObject({ outcome: 'stored', issuesWritten: 1, commentsWritten: 1 });
    expect((await recorded()).rows).toEqual([{ event: 'issue_comment', outcome: 'stored' }]);
  });
});
