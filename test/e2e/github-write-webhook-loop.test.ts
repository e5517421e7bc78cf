/**
 * The two-way loop, end to end over real HTTP: Loupe writes through the GitHub source to the
 * emulator (open, comment, close with a reason, label), the emulator delivers signed webhooks to a
 * Loupe server built in-process (every route, the real webhook service, PGlite), and the store ends
 * with what GitHub has, written by those deliveries alone. A delivery signed with another secret is
 * refused and changes nothing.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.ts';
import { TEST_REPO, testDataset } from '../../src/emulators/github/test-dataset.fixture.ts';
import { createGitHubClient } from '../../src/sources/github/github-client.ts';
import { createGitHubSource } from '../../src/sources/github/github.source.ts';
import type { ContainerRef, Source } from '../../src/sources/source.ts';
import { createIssueRepository } from '../../src/store/issue.repository.ts';
import { createRepoRepository, type RepoRecord } from '../../src/store/repo.repository.ts';
import { API_TEST_WEBHOOK_SECRET, buildApiTestApp, type ApiTestApp } from '../api-test-app.ts';
import { itemEventsOf } from '../github-webhook-deliveries.ts';
import { syncGitHubRepository } from '../sync-github.ts';

let api: ApiTestApp;
let hookUrl: string;
let emulator: GitHubEmulator;
let repo: RepoRecord;
let github: Source;
let ref: ContainerRef;

beforeAll(async () => {
  api = await buildApiTestApp();
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  hookUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/webhooks/github`;
  emulator = await startGitHubEmulator({
    dataset: testDataset(),
    webhook: { url: hookUrl, secret: API_TEST_WEBHOOK_SECRET },
    webhookRetry: { maxAttempts: 2, retryDelaysMs: [20] },
  });
  const client = createGitHubClient({
    token: 'loupe-automation',
    apiUrl: emulator.url,
    retryBaseMs: 1,
    paceWrites: false,
  });
  github = createGitHubSource({ clientFor: () => client });
  repo = (await createRepoRepository(api.db).add({ owner: 'acme', name: 'widgets', apiUrl: emulator.url }))
    .repo;
  ref = { kind: 'github', apiUrl: emulator.url, key: TEST_REPO };
  await syncGitHubRepository({ db: api.db, client }, repo);
});

afterAll(async () => {
  await emulator?.close();
  await api?.close();
});

describe('write through the GitHub source → signed webhooks → the store', () => {
  it('opens, comments, closes with a reason and labels: every delivery is accepted and the store has the change', async () => {
    const writer = github.writer!;
    const store = createIssueRepository(api.db);
    const eventsBefore = (await itemEventsOf(api.db)).length;
    const opened = await writer.createItem(ref, {
      title: 'Export drops the last row',
      body: 'Export 3 rows, get 2.',
      labels: ['bug'],
    });
    await writer.comment(ref, `#${opened.number}`, 'Reproduced with 10 rows too.');
    await writer.updateItem(ref, `#${opened.number}`, { state: 'closed', stateReason: 'not_planned' });
    await writer.addLabels(ref, `#${opened.number}`, ['area/ui', 'wontfix']);
    await writer.removeLabel(ref, `#${opened.number}`, 'bug');

    const deliveries = await emulator.settleWebhooks(20_000);
    expect(deliveries.map((d) => [d.event, d.action, d.status, d.statusCode])).toEqual([
      ['ping', null, 'delivered', 200],
      ['issues', 'opened', 'delivered', 200],
      ['issue_comment', 'created', 'delivered', 200],
      ['issues', 'closed', 'delivered', 200],
      ['issues', 'labeled', 'delivered', 200],
      ['issues', 'labeled', 'delivered', 200],
      ['issues', 'unlabeled', 'delivered', 200],
    ]);

    const stored = await store.findByNumber(repo.id, opened.number);
    const truth = emulator
      .snapshotState(TEST_REPO)!
      .repos[0]!.issues.find((i) => i.number === opened.number)!;
    expect(truth).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
      labels: ['area/ui', 'wontfix'],
      commentsCount: 1,
    });
    expect(stored).toMatchObject({
      title: 'Export drops the last row',
      body: 'Export 3 rows, get 2.',
      state: 'closed',
      stateReason: 'not_planned',
      author: truth.author,
      commentsCount: 1,
    });
    expect(stored!.labels.map((l) => l.name).sort()).toEqual(['area/ui', 'wontfix']);
    expect(new Date(stored!.updatedAt).toISOString()).toBe(new Date(truth.updatedAt).toISOString());
    expect((await store.listComments(repo.id, opened.number)).map((c) => c.body)).toEqual([
      'Reproduced with 10 rows too.',
    ]);
    // Written by the deliveries: the item events of this test come from webhooks.
    const events = (await itemEventsOf(api.db)).slice(eventsBefore);
    expect(events.length).toBeGreaterThan(0);
    expect(
      events.every((e) => e.origin === 'webhook' && e.repoId === repo.id && e.number === opened.number),
    ).toBe(true);
  });

  it('a change made on GitHub itself (an admin mutation) arrives the same way', async () => {
    emulator.updateIssue(TEST_REPO, 1, {
      title: 'Renamed on GitHub',
      state: 'closed',
      stateReason: 'duplicate',
    });
    await emulator.settleWebhooks(20_000);
    expect(emulator.webhookDeliveries().every((d) => d.status === 'delivered')).toBe(true);
    expect(await createIssueRepository(api.db).findByNumber(repo.id, 1)).toMatchObject({
      title: 'Renamed on GitHub',
      state: 'closed',
      stateReason: 'duplicate',
    });
  });

  it('refuses deliveries signed with another secret (401) and stores nothing from them', async () => {
    const after = emulator.webhookDeliveries().at(-1)!.id;
    emulator.setWebhook({ url: hookUrl, secret: 'not-the-secret' });
    const eventsBefore = (await itemEventsOf(api.db)).length;
    await github.writer!.updateItem(ref, '#2', { title: 'Forged rename' });
    const refused = (await emulator.settleWebhooks(20_000)).filter((d) => d.id > after);
    expect(refused.map((d) => [d.event, d.action, d.status, d.statusCode, d.attempts])).toEqual([
      ['ping', null, 'failed', 401, 2],
      ['issues', 'edited', 'failed', 401, 2],
    ]);
    expect((await createIssueRepository(api.db).findByNumber(repo.id, 2))?.title).toBe('Issue 2');
    expect(await itemEventsOf(api.db)).toHaveLength(eventsBefore);
  });
});
