import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Database } from './db.ts';
import { createIssueRepository } from './issue.repository.ts';
import { createRepoRepository } from './repo.repository.ts';
import { ALL_REPOSITORIES, createSearchRepository, FACET_SAMPLE, refreshSearchTerms, type PageRequest, type TextMatch } from './search.repository.ts';

function makeIssue(repo: string, number: number, patch: Partial<Issue> = {}): Issue {
  return {
    source: 'github', repo, number, externalId: `${repo}#${number}`, url: null, title: `Issue ${number}`, body: '', state: 'open',
    stateReason: null, isPullRequest: false, mergedAt: null, labels: [], author: 'alice', authorAssociation: 'NONE', assignees: [],
    milestone: null, commentsCount: 0, reactionsCount: 0, createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: new Date(Date.UTC(2024, 0, 2, 0, number)).toISOString(), closedAt: null, ...patch,
  };
}

const request = (patch: Partial<PageRequest> = {}): PageRequest => ({ filters: {}, sort: 'relevance', limit: 25, cursor: null, ...patch });

describe('search repository', () => {
  let db: Database;
  let widgets: number;
  let gadgets: number;
  const search = () => createSearchRepository(db);
  const numbers = async (ids: number[]) => (await search().issueRows(ids, null)).issues.map((i) => `${i.repo}#${i.number}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    widgets = (await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })).repo.id;
    gadgets = (await createRepoRepository(db).add({ owner: 'acme', name: 'gadgets', apiUrl: 'http://127.0.0.1:1' })).repo.id;
    // The same texts in both repositories: every mode would find both copies without a scope.
    for (const [repoId, repo] of [[widgets, 'acme/widgets'], [gadgets, 'acme/gadgets']] as const) {
      await createIssueRepository(db).upsertIssues(repoId, [
        makeIssue(repo, 1, { title: 'Websocket reconnect leaks listeners', labels: [{ name: 'bug' }] }),
        makeIssue(repo, 2, { title: 'Websocket guide', body: 'How to reconnect', state: 'closed', isPullRequest: true }),
        makeIssue(repo, 3, { title: 'The and of it', labels: [{ name: 'question' }] }),
      ]);
    }
    await refreshSearchTerms(db);
  });
  afterAll(async () => db.close());

  it('each mode matches its own way', async () => {
    expect(await numbers((await search().allWords('websocket reconnect', request(), { repoIds: [widgets] })).ids)).toEqual(['acme/widgets#1', 'acme/widgets#2']);
    expect(await numbers((await search().allWords('websocket leaks guide', request(), { repoIds: [widgets] })).ids)).toEqual([]);
    expect((await search().anyWord('leaks guide', request(), { repoIds: [widgets] })).total).toBe(2);
    expect(await numbers((await search().titleSubstring('and of', request(), { repoIds: [widgets] })).ids)).toEqual(['acme/widgets#3']);
    expect(await numbers((await search().fuzzyTitle('websocet', request(), { repoIds: [widgets] })).ids)).toEqual(expect.arrayContaining(['acme/widgets#1', 'acme/widgets#2']));
    expect(await search().queryTermCount('the and of')).toBe(0);
    expect(await search().closestTitleWords(['websocet', 'guide'])).toEqual([{ word: 'websocet', fix: 'websocket' }]);
  });

  it('keeps every mode, its count and its facets within the scope', async () => {
    const cases: [TextMatch | null, () => ReturnType<ReturnType<typeof search>['filtered']>, () => ReturnType<ReturnType<typeof search>['filtered']>][] = [
      [{ mode: 'all-words', text: 'websocket' }, () => search().allWords('websocket', request(), { repoIds: [gadgets] }), () => search().allWords('websocket', request(), ALL_REPOSITORIES)],
      [{ mode: 'any-word', text: 'leaks guide' }, () => search().anyWord('leaks guide', request(), { repoIds: [gadgets] }), () => search().anyWord('leaks guide', request(), ALL_REPOSITORIES)],
      [{ mode: 'title-substring', text: 'and of' }, () => search().titleSubstring('and of', request(), { repoIds: [gadgets] }), () => search().titleSubstring('and of', request(), ALL_REPOSITORIES)],
      [{ mode: 'fuzzy-title', text: 'websocet' }, () => search().fuzzyTitle('websocet', request(), { repoIds: [gadgets] }), () => search().fuzzyTitle('websocet', request(), ALL_REPOSITORIES)],
      [null, () => search().filtered(request({ sort: 'updated' }), { repoIds: [gadgets] }), () => search().filtered(request({ sort: 'updated' }), ALL_REPOSITORIES)],
    ];
    for (const [match, scoped, everywhere] of cases) {
      const page = await scoped();
      const all = await everywhere();
      expect(page.ids.length, match?.mode).toBeGreaterThan(0);
      expect(all.total, match?.mode).toBe(page.total * 2);
      expect(new Set((await numbers(page.ids)).map((n) => n.split('#')[0])), match?.mode).toEqual(new Set(['acme/gadgets']));
      const facets = await search().facetCounts(match, {}, { repoIds: [gadgets] });
      expect(facets.facets.repos, match?.mode).toEqual([{ value: 'acme/gadgets', count: page.total }]);
      expect((await search().facetCounts(match, {}, ALL_REPOSITORIES)).facets.repos.map((r) => r.count), match?.mode).toEqual([page.total, page.total]);
      expect((await search().facetCounts(match, {}, { repoIds: [] })).facets.repos, match?.mode).toEqual([]);
    }
    expect((await search().allWords('websocket', request(), { repoIds: [] })).total).toBe(0);
  });

  it('counts every facet of the matches, filters applied', async () => {
    const { facets, sampled } = await search().facetCounts({ mode: 'all-words', text: 'websocket' }, { labels: ['bug'] }, ALL_REPOSITORIES);
    expect(sampled).toBe(false);
    expect(facets.state).toEqual([{ value: 'open', count: 2 }]);
    expect(facets.type).toEqual([{ value: 'issue', count: 2 }]);
    expect(facets.labels).toEqual([{ value: 'bug', count: 2 }]);
    expect(facets.repos).toEqual([{ value: 'acme/gadgets', count: 1 }, { value: 'acme/widgets', count: 1 }]);
    expect(facets.authors).toEqual([{ value: 'alice', count: 2 }]);
  });

  it('says when facets counted a sample of the matches', async () => {
    const repoId = (await createRepoRepository(db).add({ owner: 'acme', name: 'many', apiUrl: 'http://127.0.0.1:1' })).repo.id;
    await db.query(
      `INSERT INTO issues (repo_id, number, external_id, title, state, created_at, updated_at)
       SELECT $1, n, 'many-' || n, 'Zeppelin sighting ' || n, CASE WHEN n % 4 = 0 THEN 'closed' ELSE 'open' END,
         '2024-01-01', timestamptz '2024-01-01' + n * interval '1 minute'
       FROM generate_series(1, $2::int) AS n`,
      [repoId, FACET_SAMPLE + 10],
    );
    const all = await search().facetCounts({ mode: 'all-words', text: 'zeppelin' }, {}, ALL_REPOSITORIES);
    expect(all.sampled).toBe(true);
    expect(all.facets.state.reduce((sum, c) => sum + c.count, 0)).toBe(FACET_SAMPLE);
    const fewer = await search().facetCounts({ mode: 'all-words', text: 'zeppelin' }, { state: 'closed' }, ALL_REPOSITORIES);
    expect(fewer.sampled).toBe(false);
    expect(fewer.facets.state).toEqual([{ value: 'closed', count: Math.floor((FACET_SAMPLE + 10) / 4) }]);
  });
});
