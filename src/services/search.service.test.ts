import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../core/issue.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Database } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { createSearchRepository, refreshSearchTerms } from '../store/search.repository.ts';
import { createSearchService, usesSearchOperators } from './search.service.ts';

const makeIssue = (number: number, title: string, patch: Partial<Issue> = {}): Issue =>
  testIssue(
    number,
    {
      title,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: new Date(Date.UTC(2024, 0, 2, 0, number)).toISOString(),
      ...patch,
    },
    'acme/widgets',
  );

describe('search service: which mode answers', () => {
  let db: Database;
  let widgets: number;
  let gadgets: number;
  const service = () => createSearchService({ search: createSearchRepository(db) });
  const titles = (result: { issues: { title: string }[] }) => result.issues.map((i) => i.title);

  beforeAll(async () => {
    db = await openTestDatabase();
    widgets = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'widgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    gadgets = (
      await createRepoRepository(db).add({ owner: 'acme', name: 'gadgets', apiUrl: 'http://127.0.0.1:1' })
    ).repo.id;
    await createIssueRepository(db).upsertIssues(widgets, [
      makeIssue(1, 'Memory leak in websocket reconnect', { body: 'Listeners pile up on every reconnect.' }),
      makeIssue(2, 'Dark mode for the settings page'),
      makeIssue(3, 'To be or not to be'),
      makeIssue(4, 'Kubernetes operator crashloop'),
    ]);
    await createIssueRepository(db).upsertIssues(gadgets, [
      { ...makeIssue(1, 'Zeppelin telemetry dashboard'), repo: 'acme/gadgets' },
      {
        ...makeIssue(2, 'Telemetry exporter drops spans', {
          assignees: ['Bob'],
          labels: [{ name: 'bug' }],
          updatedAt: '2023-06-01T00:00:00.000Z',
        }),
        repo: 'acme/gadgets',
      },
    ]);
    await refreshSearchTerms(db);
  });
  afterAll(async () => db.close());

  it('all words first, with snippets and facets of those matches', async () => {
    const result = await service().search({ q: 'websocket reconnect' });
    expect(result.matchMode).toBe('all-words');
    expect(titles(result)).toEqual(['Memory leak in websocket reconnect']);
    expect(result.issues[0]!.snippet).toContain('\u0002websocket\u0003');
    expect(result.facets?.repos).toEqual([{ value: 'acme/widgets', count: 1 }]);
    expect(result.facetsSampled).toBe(false);
  });

  it('any word when no issue has them all, unless the text uses operators', async () => {
    const relaxed = await service().search({ q: 'websocket settings' });
    expect(relaxed.matchMode).toBe('any-word');
    expect(new Set(titles(relaxed))).toEqual(
      new Set(['Memory leak in websocket reconnect', 'Dark mode for the settings page']),
    );
    expect(relaxed.facets?.state).toEqual([{ value: 'open', count: 2 }]);
    const phrase = await service().search({ q: '"websocket settings"' });
    expect(phrase.total).toBe(0);
    expect(phrase.matchMode).toBe('all-words');
    expect(usesSearchOperators('a -b')).toBe(true);
    expect(usesSearchOperators('well-known')).toBe(false);
  });

  it('a spelling fix from the title lexicon, then fuzzy titles', async () => {
    const fixed = await service().search({ q: 'kubernetis' });
    expect(fixed).toMatchObject({ didYouMean: 'kubernetes', matchMode: 'all-words' });
    expect(titles(fixed)).toEqual(['Kubernetes operator crashloop']);
    const fuzzy = await service().search({ q: 'crashlooop operatr xq' });
    expect(fuzzy.matchMode).toBe('fuzzy-title');
    expect(titles(fuzzy)).toEqual(['Kubernetes operator crashloop']);
  });

  it('fixes swapped letters that trigram similarity misses: "memroy laek" is "memory leak"', async () => {
    const fixed = await service().search({ q: 'memroy laek' });
    expect(fixed).toMatchObject({ didYouMean: 'memory leak', matchMode: 'all-words' });
    expect(titles(fixed)).toEqual(['Memory leak in websocket reconnect']);
    // Qualifiers typed beside the words stay in the fix.
    expect((await service().search({ q: 'is:open memroy' })).didYouMean).toBe('is:open memory');
  });

  it('applies qualifiers typed in the text: assignee, no:assignee, labels and their absence', async () => {
    const assigned = await service().search({ q: 'telemetry assignee:bob' });
    expect(titles(assigned)).toEqual(['Telemetry exporter drops spans']);
    expect(assigned.qualifiers).toEqual([{ name: 'assignee', value: 'bob', token: 'assignee:bob' }]);
    expect(assigned.text).toBe('telemetry');
    expect(titles(await service().search({ q: 'telemetry no:assignee' }))).toEqual([
      'Zeppelin telemetry dashboard',
    ]);
    expect(titles(await service().search({ q: 'telemetry -label:bug' }))).toEqual([
      'Zeppelin telemetry dashboard',
    ]);
    expect(titles(await service().search({ q: 'no:label telemetry' }))).toEqual([
      'Zeppelin telemetry dashboard',
    ]);
    // Qualifiers alone list by update time, even beside a relevance sort sent by default.
    const listed = await service().search({ q: 'assignee:BOB', sort: 'relevance' });
    expect(titles(listed)).toEqual(['Telemetry exporter drops spans']);
    expect(listed.matchMode).toBeNull();
  });

  it('offers to remove each filter of a search that found nothing, with the count without it', async () => {
    const none = await service().search({ q: 'telemetry is:closed', labels: ['bug'] });
    expect(none.total).toBe(0);
    expect(none.relaxations).toEqual([
      { without: 'q:is:closed', total: 1, totalCapped: false },
      { without: 'label:bug', total: 0, totalCapped: false },
    ]);
    expect((await service().search({ q: 'telemetry' })).relaxations).toEqual([]);
  });

  it('stop words only: title substrings; no text: newest first', async () => {
    const stop = await service().search({ q: 'to be' });
    expect(stop.matchMode).toBe('title-substring');
    expect(titles(stop)).toEqual(['To be or not to be']);
    // A quoted phrase of stop words: the phrase, not the quote characters, is looked for in titles.
    expect(titles(await service().search({ q: '"or not"' }))).toEqual(['To be or not to be']);
    const listed = await service().search({ limit: 2 });
    expect(listed.matchMode).toBeNull();
    expect(titles(listed)).toEqual(['Kubernetes operator crashloop', 'To be or not to be']);
    expect(listed.nextCursor).not.toBeNull();
  });

  it('known words that match nothing because of the filters are no typo', async () => {
    const result = await service().search({ q: 'websocket', state: 'closed' });
    expect(result).toMatchObject({ total: 0, matchMode: 'all-words', didYouMean: null });
  });

  it('searches only the scope, spelling fixes and facets included', async () => {
    const scoped = await service().search({ q: 'zeppelin' }, { repoIds: [widgets] });
    expect(scoped.total).toBe(0);
    expect(scoped.didYouMean).toBeNull();
    expect(scoped.facets?.repos).toEqual([]);
    expect((await service().search({ q: 'zeppelin' }, { repoIds: [gadgets] })).total).toBe(1);
    // "zepelin" is fixed to a word of the other repository's titles: the fix matches nothing here.
    expect((await service().search({ q: 'zepelin' }, { repoIds: [widgets] })).didYouMean).toBeNull();
    expect((await service().search({ q: 'zepelin' }, { repoIds: [gadgets] })).didYouMean).toBe('zeppelin');
  });

  it('refuses a foreign cursor and relevance without text', async () => {
    await expect(service().search({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(service().search({ sort: 'relevance' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await service().search({ q: 'websocket', facets: false })).facets).toBeNull();
  });
});
