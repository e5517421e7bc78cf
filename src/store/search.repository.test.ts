import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database } from './db.ts';
import { createIssueRepository } from './issue.repository.ts';
import { createRepoRepository } from './repo.repository.ts';
import {
  ALL_REPOSITORIES,
  createSearchRepository,
  decodeCursor,
  FACET_SAMPLE,
  MAX_COUNTED,
  refreshSearchTerms,
  type MatchedPage,
  type PageRequest,
  type SearchScope,
} from './search.repository.ts';

const makeIssue = (repo: string, number: number, patch: Partial<Issue> = {}): Issue =>
  testIssue(
    number,
    {
      externalId: `${repo}#${number}`,
      title: `Issue ${number}`,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: new Date(Date.UTC(2024, 0, 2, 0, number)).toISOString(),
      ...patch,
    },
    repo,
  );

const request = (patch: Partial<PageRequest> = {}): PageRequest => ({
  filters: {},
  sort: 'relevance',
  limit: 25,
  cursor: null,
  facets: true,
  ...patch,
});

describe('search repository', () => {
  let db: Database;
  let widgets: number;
  let gadgets: number;
  const search = () => createSearchRepository(db);
  /** A mode's page with its facets counted, as the search service asks for them. */
  const withFacets = async (page: Promise<MatchedPage>) => {
    const matched = await page;
    return {
      ...matched,
      facets: matched.facetSample && (await search().facetCounts(matched.facetSample.ids)),
      facetsSampled: matched.facetSample?.sampled,
    };
  };
  const numbers = async (ids: number[]) =>
    (await search().issueRows(ids)).map((i) => `${i.repo}#${i.number}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    widgets = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    gadgets = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'gadgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    // The same texts in both repositories: every mode would find both copies without a scope.
    for (const [repoId, repo] of [
      [widgets, 'acme/widgets'],
      [gadgets, 'acme/gadgets'],
    ] as const) {
      await createIssueRepository(db).upsertIssues(repoId, [
        makeIssue(repo, 1, { title: 'Websocket reconnect leaks listeners', labels: [{ name: 'bug' }] }),
        makeIssue(repo, 2, {
          title: 'Websocket guide',
          body: 'How to reconnect',
          state: 'closed',
          isPullRequest: true,
        }),
        makeIssue(repo, 3, { title: 'The and of it', labels: [{ name: 'question' }] }),
      ]);
    }
    await refreshSearchTerms(db);
  });
  afterAll(async () => db.close());

  it('each mode matches its own way', async () => {
    expect(
      await numbers((await search().allWords('websocket reconnect', request(), { repoIds: [widgets] })).ids),
    ).toEqual(['acme/widgets#1', 'acme/widgets#2']);
    expect(
      await numbers(
        (await search().allWords('websocket leaks guide', request(), { repoIds: [widgets] })).ids,
      ),
    ).toEqual([]);
    expect((await search().anyWord('leaks guide', request(), { repoIds: [widgets] })).total).toBe(2);
    expect(
      await numbers((await search().titleSubstring('and of', request(), { repoIds: [widgets] })).ids),
    ).toEqual(['acme/widgets#3']);
    expect(
      await numbers((await search().fuzzyTitle('websocet', request(), { repoIds: [widgets] })).ids),
    ).toEqual(expect.arrayContaining(['acme/widgets#1', 'acme/widgets#2']));
    expect(await search().allWords('the and of', request(), ALL_REPOSITORIES)).toMatchObject({
      queryTerms: 0,
      total: 0,
    });
    // Only a negation: the index cannot answer the text, the week keys and the scope still apply.
    expect(
      await numbers((await search().allWords('-websocket', request(), { repoIds: [widgets] })).ids),
    ).toEqual(['acme/widgets#3']);
    expect(await search().closestTitleWords(['websocet', 'guide'])).toEqual([
      { word: 'websocet', fix: 'websocket' },
    ]);
  });

  it('keeps every mode, its count and its facets within the scope', async () => {
    type Mode = (scope: SearchScope) => Promise<MatchedPage>;
    const modes: [string, Mode][] = [
      ['all-words', (scope) => search().allWords('websocket', request(), scope)],
      ['any-word', (scope) => search().anyWord('leaks guide', request(), scope)],
      ['title-substring', (scope) => search().titleSubstring('and of', request(), scope)],
      ['fuzzy-title', (scope) => search().fuzzyTitle('websocet', request(), scope)],
      ['filters only', (scope) => search().filtered(request({ sort: 'updated' }), scope)],
    ];
    for (const [mode, run] of modes) {
      const page = await withFacets(run({ repoIds: [gadgets] }));
      const all = await withFacets(run(ALL_REPOSITORIES));
      expect(page.ids.length, mode).toBeGreaterThan(0);
      expect(all.total, mode).toBe(page.total * 2);
      expect(new Set((await numbers(page.ids)).map((n) => n.split('#')[0])), mode).toEqual(
        new Set(['acme/gadgets']),
      );
      expect(page.facets?.repos, mode).toEqual([{ value: 'acme/gadgets', count: page.total }]);
      expect(
        all.facets?.repos.map((r) => r.count),
        mode,
      ).toEqual([page.total, page.total]);
      const none = await withFacets(run({ repoIds: [] }));
      expect([none.total, none.facets?.repos], mode).toEqual([0, []]);
    }
  });

  it('counts every facet of the matches, filters applied', async () => {
    const { facets, facetsSampled } = await withFacets(
      search().allWords('websocket', request({ filters: { labels: ['bug'] } }), ALL_REPOSITORIES),
    );
    expect(facetsSampled).toBe(false);
    expect(facets?.state).toEqual([{ value: 'open', count: 2 }]);
    expect(facets?.type).toEqual([{ value: 'issue', count: 2 }]);
    expect(facets?.labels).toEqual([{ value: 'bug', count: 2 }]);
    expect(facets?.repos).toEqual([
      { value: 'acme/gadgets', count: 1 },
      { value: 'acme/widgets', count: 1 },
    ]);
    expect(facets?.authors).toEqual([{ value: 'alice', count: 2 }]);
    expect(
      (await search().allWords('websocket', request({ facets: false }), ALL_REPOSITORIES)).facetSample,
    ).toBeNull();
  });

  it('orders a relevance page by rank, equal ranks newest first, a date page by update time, and pages through both', async () => {
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'ranked', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    // Four texts (four ranks) over 40 issues; groups of issues share an updated_at, so ids break ties.
    await db.query(
      `INSERT INTO issues (repo_id, number, external_id, title, body, state, created_at, updated_at)
       SELECT $1, n, 'ranked-' || n, (ARRAY['Kraken', 'Kraken kraken', 'Note', 'Kraken release'])[1 + n % 4],
         (ARRAY['', 'kraken kraken', 'about a kraken', ''])[1 + n % 4], 'open', '2024-01-01',
         timestamptz '2024-03-01' + (n / 3) * interval '1 hour'
       FROM generate_series(1, 40) AS n`,
      [repoId],
    );
    const expected = (
      await db.query<{ id: number }>(
        `SELECT id FROM issues WHERE repo_id = $1 AND search_vector @@ websearch_to_tsquery('english', 'kraken')
       ORDER BY ts_rank_cd(search_vector, websearch_to_tsquery('english', 'kraken')) DESC, updated_at DESC, id DESC`,
        [repoId],
      )
    ).rows.map((r) => r.id);
    const seen: number[] = [];
    let cursor: PageRequest['cursor'] = null;
    do {
      const page: MatchedPage = await search().allWords(
        'kraken',
        request({ limit: 7, cursor, facets: false }),
        { repoIds: [repoId] },
      );
      seen.push(...page.ids);
      cursor = page.nextCursor ? decodeCursor(page.nextCursor) : null;
    } while (cursor);
    expect(new Set(expected.map((id) => id)).size).toBe(40);
    expect(seen).toEqual(expected);

    // By update time, through keyset cursors: the order of updated_at, then id.
    const byDate = (
      await db.query<{ id: number }>(
        `SELECT id FROM issues WHERE repo_id = $1 AND search_vector @@ websearch_to_tsquery('english', 'kraken') ORDER BY updated_at DESC, id DESC`,
        [repoId],
      )
    ).rows.map((r) => r.id);
    const dated: number[] = [];
    cursor = null;
    do {
      const page: MatchedPage = await search().allWords(
        'kraken',
        request({ sort: 'updated', limit: 7, cursor, facets: false }),
        { repoIds: [repoId] },
      );
      dated.push(...page.ids);
      cursor = page.nextCursor ? decodeCursor(page.nextCursor) : null;
    } while (cursor);
    expect(dated).toEqual(byDate);
  });

  it('counts the analysis facets and keeps the 20 most frequent values of a facet', async () => {
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'labelled', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    // Issue n carries labels l01..l<n>: label lK is on 25 - K + 1 issues, so the top 20 are l01..l20.
    const issues = Array.from({ length: 25 }, (_, k) =>
      makeIssue('acme/labelled', k + 1, {
        labels: Array.from({ length: k + 1 }, (_, j) => ({ name: `l${String(j + 1).padStart(2, '0')}` })),
      }),
    );
    await createIssueRepository(db).upsertIssues(repoId, issues);
    const ids = (
      await db.query<{ id: number }>('SELECT id FROM issues WHERE repo_id = $1 ORDER BY number', [repoId])
    ).rows.map((r) => r.id);
    await db.query(
      `INSERT INTO issue_analysis (issue_id, issue_updated_at, version, type, type_confidence, type_probabilities, type_reasons,
         difficulty, gfi_score, difficulty_reasons, concept_ids)
       SELECT id, updated_at, 't', CASE WHEN number <= 10 THEN 'bug' ELSE 'docs' END, 1, '{}', '[]', 'easy', 0.5, '[]',
         CASE WHEN number <= 3 THEN ARRAY['caching', 'http'] ELSE ARRAY['http'] END
       FROM issues WHERE repo_id = $1 AND number <= 20`,
      [repoId],
    );
    const facets = await search().facetCounts(ids);
    expect(facets.labels).toHaveLength(20);
    expect(facets.labels[0]).toEqual({ value: 'l01', count: 25 });
    expect(facets.labels.at(-1)).toEqual({ value: 'l20', count: 6 });
    expect(facets.issueType).toEqual([
      { value: 'bug', count: 10 },
      { value: 'docs', count: 10 },
    ]);
    expect(facets.difficulty).toEqual([{ value: 'easy', count: 20 }]);
    expect(facets.concepts).toEqual([
      { value: 'http', count: 20 },
      { value: 'caching', count: 3 },
    ]);
    expect(facets.repos).toEqual([{ value: 'acme/labelled', count: 25 }]);
    expect(await search().facetCounts([])).toEqual({
      state: [],
      type: [],
      labels: [],
      repos: [],
      authors: [],
      issueType: [],
      difficulty: [],
      concepts: [],
    });
  });

  it('filters by a label most issues carry and by a rare one, with text and without', async () => {
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'common', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    await createIssueRepository(db).upsertIssues(
      repoId,
      Array.from({ length: 40 }, (_, k) =>
        makeIssue('acme/common', k + 1, {
          title: `Gizmo ${k + 1}`,
          labels: [...(k < 30 ? [{ name: 'triaged' }] : []), ...(k % 10 === 0 ? [{ name: 'p0' }] : [])],
        }),
      ),
    );
    await db.exec('ANALYZE issues');
    const scope = { repoIds: [repoId] };
    const total = async (labels: string[]) =>
      (await search().allWords('gizmo', request({ filters: { labels } }), scope)).total;
    expect(await total(['triaged'])).toBe(30);
    expect(await total(['p0'])).toBe(4);
    expect(await total(['triaged', 'p0'])).toBe(3);
    expect(
      (await search().filtered(request({ sort: 'updated', filters: { labels: ['triaged', 'p0'] } }), scope))
        .total,
    ).toBe(3);
    // Labels are search keys, generated from the row: a relabelled issue is found by its new label.
    await createIssueRepository(db).upsertIssues(repoId, [
      makeIssue('acme/common', 2, {
        title: 'Gizmo 2',
        labels: [{ name: 'p0' }],
        updatedAt: '2025-01-01T00:00:00.000Z',
      }),
    ]);
    expect(await total(['p0'])).toBe(5);
    expect(await total(['triaged'])).toBe(29);
  });

  it('says when facets counted a sample of the matches', async () => {
    const repoId = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'many', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    await db.query(
      `INSERT INTO issues (repo_id, number, external_id, title, state, created_at, updated_at)
       SELECT $1, n, 'many-' || n, 'Zeppelin sighting ' || n, CASE WHEN n % 4 = 0 THEN 'closed' ELSE 'open' END,
         '2024-01-01', timestamptz '2024-01-01' + n * interval '1 minute'
       FROM generate_series(1, $2::int) AS n`,
      [repoId, FACET_SAMPLE + 10],
    );
    const all = await withFacets(search().allWords('zeppelin', request(), ALL_REPOSITORIES));
    expect([all.total, all.totalCapped, all.facetsSampled]).toEqual([MAX_COUNTED, true, true]);
    expect(all.facets?.state.reduce((sum, c) => sum + c.count, 0)).toBe(FACET_SAMPLE);
    const fewer = await withFacets(
      search().allWords('zeppelin', request({ filters: { state: 'closed' } }), ALL_REPOSITORIES),
    );
    expect(fewer.facetsSampled).toBe(false);
    expect(fewer.facets?.state).toEqual([{ value: 'closed', count: Math.floor((FACET_SAMPLE + 10) / 4) }]);
  });
});
