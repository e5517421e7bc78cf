import { Webhooks } from '@octokit/webhooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildWebhookApp as buildApp,
  deliverWebhook as deliver,
  itemEventsOf,
  requireJson,
  WEBHOOK_SECRET as SECRET,
  webhookDefinitions as definitions,
  webhookExample as example,
  webhookSigner as signer,
  type WebhookDefinition as Definition,
} from '../../../../test/github-webhook-deliveries.ts';
import { openTestDatabase } from '../../../../test/test-database.ts';
import type { Database } from '../../../store/db.ts';
import { createIssueRepository } from '../../../store/issue.repository.ts';
import { createRepoRepository } from '../../../store/repo.repository.ts';

describe('every payload in @octokit/webhooks-examples', () => {
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDatabase();
    // Followed, so that the issue, comment and pull request examples reach the store.
    await createRepoRepository(db).add({
      owner: 'Codertocat',
      name: 'Hello-World',
      apiUrl: 'https://api.github.com',
    });
    app = await buildApp(db, SECRET);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  async function deliverAll(sets: Definition[], prefix: string) {
    const results: { event: string; action: string; status: number; outcome: unknown; message?: string }[] =
      [];
    for (const definition of sets) {
      for (const [i, payload] of definition.examples.entries()) {
        const { status, json } = await deliver(app, definition.name, payload, {
          delivery: `${prefix}-${definition.name}-${i}`,
        });
        results.push({
          event: definition.name,
          action: payload.action ?? '',
          status,
          outcome: json.outcome,
          ...(json.error ? { message: json.error.message } : {}),
        });
      }
    }
    return results;
  }

  it('api.github.com: every example is accepted (2xx), and issue events reach the store', async () => {
    const expected = definitions.reduce((sum, d) => sum + d.examples.length, 0);
    const results = await deliverAll(definitions, 'api');
    expect(results.filter((r) => r.status < 200 || r.status >= 300)).toEqual([]);
    expect(results).toHaveLength(expected);
    expect(expected).toBeGreaterThan(300);
    const ingested = results.filter((r) => ['issues', 'issue_comment', 'pull_request'].includes(r.event));
    expect(ingested.filter((r) => r.outcome !== 'stored')).toEqual([]);
    expect(results.filter((r) => r.event === 'ping').every((r) => r.outcome === 'pong')).toBe(true);
    expect(
      new Set(
        results
          .filter((r) => !['issues', 'issue_comment', 'pull_request', 'ping'].includes(r.event))
          .map((r) => r.outcome),
      ),
    ).toEqual(new Set(['ignored']));
    const repo = (await createRepoRepository(db).findByFullName('Codertocat/Hello-World'))!;
    // What is left in the store depends on the examples' order (they include deletions); every
    // write recorded item events of the followed repository, from webhooks, and nothing else.
    const events = await itemEventsOf(db);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['item.created', 'item.changed', 'item.deleted']),
    );
    expect(events.every((e) => e.repoId === repo.id && e.origin === 'webhook')).toBe(true);
    console.log(`webhook examples accepted: ${results.length}/${expected} (${ingested.length} stored)`);
  });

  it('GitHub Enterprise Server sets in the same package are accepted too', async () => {
    const versions = ['ghes-31', 'ghes-32', 'ghes-33', 'ghes-34', 'ghes-35'];
    const sets = versions.flatMap(
      (v) => requireJson(`@octokit/webhooks-examples/${v}/index.json`) as Definition[],
    );
    const expected = sets.reduce((sum, d) => sum + d.examples.length, 0);
    const results = await deliverAll(sets, 'ghes');
    expect(results.filter((r) => r.status < 200 || r.status >= 300)).toEqual([]);
    expect(results).toHaveLength(expected);
    expect(expected).toBeGreaterThan(300);
    console.log(`webhook examples accepted (GHES 3.1-3.5): ${results.length}/${expected}`);
  });
});

describe('POST /api/webhooks/github on a followed repository', () => {
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
    app = await buildApp(db, SECRET);
  });
  // One migrated database per file (migrations dominate the run time); each test starts with no issues.
  beforeEach(async () => {
    await db.exec(
      'DELETE FROM issue_comments; DELETE FROM issues; DELETE FROM issue_tombstones; DELETE FROM comment_tombstones; DELETE FROM webhook_deliveries; DELETE FROM events;',
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('issues.opened stores a readable issue with its title and labels, and its item.created event', async () => {
    const payload = example('issues', 'opened');
    const issue = payload.issue as { number: number; title: string; labels: { name: string }[] };
    const { status, json } = await deliver(app, 'issues', payload);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      outcome: 'stored',
      event: 'issues',
      action: 'opened',
      repo: 'Codertocat/Hello-World',
      repoId,
      issuesWritten: 1,
      lastEventId: expect.any(Number),
    });
    const stored = await issues().findByNumber(repoId, issue.number);
    expect(stored).toMatchObject({ title: issue.title, state: 'open', isPullRequest: false });
    expect(stored?.labels.map((l) => l.name)).toEqual(issue.labels.map((l) => l.name));
    expect(await itemEventsOf(db)).toEqual([
      { type: 'item.created', repoId, number: issue.number, origin: 'webhook' },
    ]);
  });

  it('a redelivery (same X-GitHub-Delivery) duplicates nothing', async () => {
    const comment = example('issue_comment', 'created');
    await deliver(app, 'issue_comment', comment, { delivery: 'same-id' });
    const before = {
      counts: await issues().countByRepo(repoId),
      issue: await issues().findByNumber(repoId, 1),
      comments: await issues().listComments(repoId, 1),
    };
    const again = await deliver(app, 'issue_comment', comment, { delivery: 'same-id' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      outcome: 'duplicate',
      delivery: 'same-id',
      firstReceivedAt: expect.any(String),
    });
    // The first copy created the issue (and its comment); the redelivery wrote no event.
    expect(await itemEventsOf(db)).toEqual([{ type: 'item.created', repoId, number: 1, origin: 'webhook' }]);
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 1, comments: 1 });
    expect(before.counts).toEqual({ issues: 1, comments: 1 });
    expect(await issues().listComments(repoId, 1)).toEqual(before.comments);
    expect(await issues().findByNumber(repoId, 1)).toEqual(before.issue);
  });

  it('issue_comment.created stores the comment under its issue', async () => {
    const payload = example('issue_comment', 'created');
    const comment = payload.comment as { id: number; body: string };
    const { status, json } = await deliver(app, 'issue_comment', payload);
    expect(status).toBe(200);
    expect(json).toMatchObject({ outcome: 'stored', issuesWritten: 1, commentsWritten: 1 });
    expect(await issues().listComments(repoId, 1)).toEqual([
      expect.objectContaining({ externalId: String(comment.id), body: comment.body, author: 'Codertocat' }),
    ]);
  });

  it('deleted comments and issues are removed, and so is an issue transferred out of a followed repository', async () => {
    const created = example('issue_comment', 'created');
    const issueNumber = (created.issue as { number: number }).number;
    await deliver(app, 'issue_comment', created);
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 1, comments: 1 });
    const commentGone = await deliver(app, 'issue_comment', { ...created, action: 'deleted' });
    expect(commentGone.json).toMatchObject({ outcome: 'stored', commentsDeleted: 1, issuesDeleted: 0 });
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 1, comments: 0 });
    await deliver(app, 'issue_comment', created);
    const issueGone = await deliver(app, 'issues', {
      ...example('issues', 'opened'),
      issue: created.issue,
      action: 'deleted',
    });
    expect(issueGone.json).toMatchObject({ outcome: 'stored', issuesDeleted: 1 });
    expect(await issues().findByNumber(repoId, issueNumber)).toBeNull();
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 0, comments: 0 });

    // The transfer example moves an issue out of octo-org/octo-repo into Codertocat/Hello-World: both followed here.
    // Its new issue is dated before the deletion above of Hello-World #1; on GitHub it is dated at the transfer.
    const transferred = example('issues', 'transferred');
    const target = transferred.changes as {
      new_repository: { full_name: string };
      new_issue: { number: number; updated_at: string };
    };
    target.new_issue.updated_at = (transferred.issue as { updated_at: string }).updated_at;
    const source = (
      await createRepoRepository(db).add({
        owner: 'octo-org',
        name: 'octo-repo',
        apiUrl: 'https://api.github.com',
      })
    ).repo;
    await deliver(app, 'issues', { ...transferred, action: 'opened' });
    const moved = (transferred.issue as { number: number }).number;
    expect(await issues().findByNumber(source.id, moved)).not.toBeNull();
    const out = await deliver(app, 'issues', transferred);
    expect(out.json).toMatchObject({
      outcome: 'stored',
      repo: target.new_repository.full_name,
      issuesDeleted: 1,
      issuesWritten: 1,
    });
    expect(await issues().findByNumber(source.id, moved)).toBeNull();
    expect(await issues().findByNumber(repoId, target.new_issue.number)).not.toBeNull();

    // Moved to a repository this workspace does not follow: only the removal applies. The issue
    // first comes back (transferred back: a copy newer than its tombstone is accepted).
    const back = structuredClone(transferred);
    Object.assign(back.issue as object, { updated_at: '2019-10-26T00:00:00Z' });
    expect((await deliver(app, 'issues', { ...back, action: 'opened' })).json).toMatchObject({
      issuesWritten: 1,
    });
    const away = structuredClone(back);
    (away.changes as { new_repository: { full_name: string } }).new_repository.full_name =
      'someone/unfollowed';
    const gone = await deliver(app, 'issues', away);
    expect(gone.json).toMatchObject({
      outcome: 'stored',
      repo: 'octo-org/octo-repo',
      issuesDeleted: 1,
      issuesWritten: 0,
    });
    expect(await issues().findByNumber(source.id, moved)).toBeNull();
  });

  it('an older delivery does not roll back a newer one', async () => {
    const newer = example('issues', 'edited');
    Object.assign(newer.issue as object, { title: 'Newer title', updated_at: '2030-01-01T00:00:00Z' });
    await deliver(app, 'issues', newer);
    const older = await deliver(app, 'issues', example('issues', 'opened'));
    expect(older.status).toBe(200);
    expect(older.json).toMatchObject({ outcome: 'stored', issuesWritten: 0, lastEventId: null });
    expect(await issues().findByNumber(repoId, 1)).toMatchObject({
      title: 'Newer title',
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('pull_request events store the pull request as an issue row; a slim issues.pinned keeps stored labels', async () => {
    const pr = example('pull_request', 'closed');
    Object.assign(pr.pull_request as object, { merged_at: '2019-05-15T15:21:18Z' });
    expect((await deliver(app, 'pull_request', pr)).json).toMatchObject({
      outcome: 'stored',
      issuesWritten: 1,
    });
    expect(await issues().findByNumber(repoId, 2)).toMatchObject({
      isPullRequest: true,
      state: 'closed',
      mergedAt: '2019-05-15T15:21:18.000Z',
    });

    const pinnedFirst = await deliver(app, 'issues', example('issues', 'pinned'));
    expect(pinnedFirst.json).toMatchObject({ outcome: 'stored', issuesWritten: 0, issuesSkipped: [1] });
    await deliver(app, 'issues', example('issues', 'labeled'));
    const labels = (await issues().findByNumber(repoId, 1))!.labels;
    expect(labels.length).toBeGreaterThan(0);
    const pinned = await deliver(app, 'issues', example('issues', 'pinned'));
    expect(pinned.json).toMatchObject({ outcome: 'stored', issuesWritten: 1 });
    expect((await issues().findByNumber(repoId, 1))!.labels).toEqual(labels);
  });

  it('events of repositories Loupe does not follow, and unhandled events, are 202 with a reason', async () => {
    const payload = example('issues', 'opened');
    (payload.repository as { full_name: string }).full_name = 'someone/elsewhere';
    const other = await deliver(app, 'issues', payload);
    expect(other.status).toBe(202);
    expect(other.json).toMatchObject({
      outcome: 'ignored',
      repo: 'someone/elsewhere',
      reason: expect.stringMatching(/not followed/),
    });
    const push = await deliver(app, 'push', example('push', ''));
    expect(push.status).toBe(202);
    expect(push.json.reason).toMatch(/"push" events are not ingested/);
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 0, comments: 0 });
    expect(await itemEventsOf(db)).toEqual([]);
  });

  it('ping answers 200 pong', async () => {
    const { status, json } = await deliver(app, 'ping', example('ping', ''));
    expect(status).toBe(200);
    expect(json).toMatchObject({ outcome: 'pong', zen: expect.any(String) });
  });

  it('rejects a bad or missing signature with 401, missing headers and bad JSON with 400', async () => {
    const payload = example('issues', 'opened');
    const bad = await deliver(app, 'issues', payload, {
      signature: await new Webhooks({ secret: 'wrong' }).sign(JSON.stringify(payload)),
    });
    expect(bad.status).toBe(401);
    expect(bad.json.error).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      message: expect.stringMatching(/GITHUB_WEBHOOK_SECRET/),
    });
    const missing = await deliver(app, 'issues', payload, { signature: null });
    expect(missing.status).toBe(401);
    expect(missing.json.error?.message).toMatch(/X-Hub-Signature-256 header is missing/);
    for (const header of ['x-github-event', 'x-github-delivery']) {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': await signer.sign(body),
      };
      delete headers[header];
      const response = await app.inject({
        method: 'POST',
        url: '/api/webhooks/github',
        headers,
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(
        new RegExp(`${header}|${header.replace('x-github-', 'X-GitHub-')}`, 'i'),
      );
    }
    const notJson = await deliver(app, 'issues', null, { body: '{"action": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error?.message).toMatch(/not JSON/);
    const malformed = await deliver(app, 'issues', {
      action: 'opened',
      repository: { full_name: 'Codertocat/Hello-World' },
      issue: { number: 1 },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error?.message).toMatch(/issue\.id/);
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 0, comments: 0 });
  });

  it('with no secret configured, every delivery is refused with 403', async () => {
    const disabled = await buildApp(db, null);
    const { status, json } = await deliver(disabled, 'issues', example('issues', 'opened'));
    await disabled.close();
    expect(status).toBe(403);
    expect(json.error?.message).toBe(
      'webhooks are disabled: set GITHUB_WEBHOOK_SECRET to the secret configured on the GitHub webhook',
    );
    expect(await issues().countByRepo(repoId)).toEqual({ issues: 0, comments: 0 });
  });

  it('over real HTTP, the exact bytes are verified (pretty JSON, non-ASCII), and form-encoded deliveries work', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const payload = example('issues', 'opened');
    Object.assign(payload.issue as object, { title: 'Überprüfung der Größe 🚀 — “quotes”' });
    const pretty = JSON.stringify(payload, null, 2);
    const post = (body: string, signature: string, contentType = 'application/json') =>
      fetch(`${address}/api/webhooks/github`, {
        method: 'POST',
        body,
        headers: {
          'content-type': contentType,
          'x-github-event': 'issues',
          'x-github-delivery': 'http-1',
          'x-hub-signature-256': signature,
        },
      });
    // Signed over a compact re-serialisation: what a server that re-stringified the parsed body would check.
    expect((await post(pretty, await signer.sign(JSON.stringify(payload)))).status).toBe(401);
    const ok = await post(pretty, await signer.sign(pretty));
    expect(ok.status).toBe(200);
    expect((await issues().findByNumber(repoId, 1))?.title).toBe('Überprüfung der Größe 🚀 — “quotes”');
    const form = `payload=${encodeURIComponent(JSON.stringify(example('issue_comment', 'created')))}`;
    const formResponse = await fetch(`${address}/api/webhooks/github`, {
      method: 'POST',
      body: form,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'http-2',
        'x-hub-signature-256': await signer.sign(form),
      },
    });
    expect(formResponse.status).toBe(200);
    expect(await issues().countByRepo(repoId)).toMatchObject({ comments: 1 });
  });
});
