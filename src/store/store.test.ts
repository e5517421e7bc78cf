import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database } from './db.ts';
import { createIssueRepository } from './issue.repository.ts';
import { migrate } from './migrate.ts';
import { createRepoRepository } from './repo.repository.ts';
import { createSearchRepository, refreshSearchTerms, searchTermsCheckpoint } from './search.repository.ts';
import { createSearchService } from '../services/search.service.ts';

/** The search policy over this store's search repository, as the API runs it. */
const createSearch = (db: Database) => createSearchService({ search: createSearchRepository(db) });

const makeIssue = (number: number, patch: Partial<Issue> = {}): Issue =>
  testIssue(
    number,
    {
      externalId: String(1000 + number),
      url: `https://github.com/acme/widgets/issues/${number}`,
      title: `Issue ${number}`,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
      ...patch,
    },
    'acme/widgets',
  );

describe('store', () => {
  let db: Database;
  let repoId: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    const { repo } = await createRepoRepository(db).add({
      owner: 'acme',
      name: 'widgets',
      apiUrl: 'http://127.0.0.1:1',
    });
    repoId = repo.id;
  });
  afterAll(async () => db.close());

  it('migrations are idempotent', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('adding a repository twice (any case) keeps one row', async () => {
    const again = await createRepoRepository(db).add({
      owner: 'ACME',
      name: 'Widgets',
      apiUrl: 'http://127.0.0.1:1',
    });
    expect(again.created).toBe(false);
    expect(again.repo.id).toBe(repoId);
    expect((await createRepoRepository(db).list()).length).toBe(1);
  });

  it('upserts issues idempotently and never rolls an issue back to an older version', async () => {
    const issues = createIssueRepository(db);
    await issues.upsertIssues(repoId, [
      makeIssue(1, { title: 'Crash on start', labels: [{ name: 'bug', color: 'd73a4a' }] }),
      makeIssue(2),
    ]);
    await issues.upsertIssues(repoId, [
      makeIssue(1, { title: 'Crash on start (edited)', updatedAt: '2024-02-01T00:00:00.000Z' }),
    ]);
    await issues.upsertIssues(repoId, [
      makeIssue(1, { title: 'stale replay', updatedAt: '2024-01-15T00:00:00.000Z' }),
    ]);
    expect(await issues.countByRepo(repoId)).toEqual({ issues: 2, comments: 0 });
    const stored = await issues.findByNumber(repoId, 1);
    expect(stored?.title).toBe('Crash on start (edited)');
    expect(stored?.updatedAt).toBe('2024-02-01T00:00:00.000Z');
    expect(stored?.repo).toBe('acme/widgets');
  });

  it('stores comments keyed by source id, even before their issue exists', async () => {
    const issues = createIssueRepository(db);
    const comment = {
      issueNumber: 99,
      externalId: 'c1',
      author: 'bob',
      body: 'first',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    await issues.upsertComments(repoId, [comment]);
    await issues.upsertComments(repoId, [
      { ...comment, body: 'edited', updatedAt: '2024-01-03T00:00:00.000Z' },
    ]);
    const comments = await issues.listComments(repoId, 99);
    expect(comments.map((c) => c.body)).toEqual(['edited']);
  });

  it('searches with ranking, filters, highlighted snippets and spelling fixes', async () => {
    const issues = createIssueRepository(db);
    await issues.upsertIssues(repoId, [
      makeIssue(10, {
        title: 'Memory leak in websocket reconnect',
        body: 'The websocket client leaks listeners on every reconnect.',
        labels: [{ name: 'bug' }],
      }),
      makeIssue(11, {
        title: 'Add dark mode',
        body: 'A websocket is not involved here.',
        labels: [{ name: 'enhancement' }],
        state: 'closed',
      }),
      makeIssue(12, {
        title: 'Docs: websocket guide',
        body: 'Explain reconnect options',
        isPullRequest: true,
      }),
    ]);
    await refreshSearchTerms(db);
    const search = createSearch(db);
    const result = await search.search({ q: 'websocket reconnect' });
    expect(result.issues[0]?.number).toBe(10);
    expect(result.issues.map((i) => i.number)).not.toContain(11);
    expect(result.issues[0]?.snippet).toContain('\u0002');
    expect(result.facets?.type).toEqual(
      expect.arrayContaining([
        { value: 'issue', count: 1 },
        { value: 'pr', count: 1 },
      ]),
    );

    const prsOnly = await search.search({ q: 'websocket', type: 'pr' });
    expect(prsOnly.issues.map((i) => i.number)).toEqual([12]);
    const closed = await search.search({ q: 'websocket', state: 'closed' });
    expect(closed.issues.map((i) => i.number)).toEqual([11]);

    const typo = await search.search({ q: 'websockt' });
    expect(typo.didYouMean).toBe('websocket');
    expect(typo.total).toBeGreaterThan(0);
  });

  it('takes only the titles written since a checkpoint into the spelling lexicon', async () => {
    const issues = createIssueRepository(db);
    await refreshSearchTerms(db);
    const lexicon = async (): Promise<Map<string, number>> =>
      new Map(
        (await db.query<{ word: string; ndoc: number }>('SELECT word, ndoc FROM search_terms')).rows.map(
          (r) => [r.word, r.ndoc],
        ),
      );
    const before = await lexicon();
    const checkpoint = await searchTermsCheckpoint(db);
    await issues.upsertIssues(repoId, [
      makeIssue(40, { title: 'Tokenizer panics on zeppelin input' }),
      makeIssue(41, { title: 'Zeppelin export is slow' }),
    ]);
    await refreshSearchTerms(db, { changedSince: checkpoint });
    const after = await lexicon();
    expect(after.get('zeppelin')).toBe(2);
    expect(after.get('tokenizer')).toBe(1);
    // Words of titles written before the checkpoint keep their counts.
    for (const [word, ndoc] of before) expect(after.get(word)).toBe(ndoc);
    const typo = await createSearch(db).search({ q: 'zepelin' });
    expect(typo.didYouMean).toBe('zeppelin');
  });

  it('pages through results with a keyset cursor without repeats or gaps', async () => {
    const issues = createIssueRepository(db);
    const batch = Array.from({ length: 23 }, (_, k) =>
      makeIssue(100 + k, { updatedAt: new Date(Date.UTC(2024, 5, 1, 0, k % 5)).toISOString() }),
    );
    await issues.upsertIssues(repoId, batch);
    const search = createSearch(db);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await search.search({ limit: 7, facets: false, ...(cursor ? { cursor } : {}) });
      seen.push(...page.issues.map((i) => i.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const total = (await createIssueRepository(db).countByRepo(repoId)).issues;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });
});
