import { describe, expect, it } from 'vitest';
import {
  activeFilterChips,
  dateInputToIso,
  EMPTY_SEARCH,
  effectiveSort,
  GOOD_FIRST_ISSUE_MIN,
  isFacetActive,
  parseSearch,
  serializeSearch,
  toIssueQuery,
  toggleFacet,
} from './search-state.ts';

describe('parseSearch / serializeSearch', () => {
  it('round-trips every filter', () => {
    const search =
      '?q=memory+leak&repo=octo%2Fhello&state=open&label=bug&label=good+first+issue&author=mona&type=issue' +
      '&createdFrom=2025-01-01T00%3A00%3A00.000Z&updatedTo=2025-02-01T23%3A59%3A59.999Z&sort=created';
    const state = parseSearch(search);
    expect(state).toMatchObject({
      q: 'memory leak',
      repo: 'octo/hello',
      state: 'open',
      labels: ['bug', 'good first issue'],
      author: 'mona',
      type: 'issue',
      sort: 'created',
    });
    expect(serializeSearch(state)).toBe(search);
  });

  it('ignores invalid values', () => {
    const state = parseSearch('?state=maybe&type=epic&sort=random&createdFrom=yesterday&label=&repo=');
    expect(state).toEqual(EMPTY_SEARCH);
    expect(serializeSearch(state)).toBe('');
  });

  it('drops duplicate labels', () => {
    expect(parseSearch('?label=bug&label=bug').labels).toEqual(['bug']);
  });

  it('leaves the default sort out of the URL', () => {
    expect(serializeSearch({ ...EMPTY_SEARCH, q: 'x', sort: 'relevance' })).toBe('?q=x');
    expect(serializeSearch({ ...EMPTY_SEARCH, sort: 'updated' })).toBe('');
    expect(serializeSearch({ ...EMPTY_SEARCH, sort: 'created' })).toBe('?sort=created');
  });
});

describe('effectiveSort', () => {
  it('uses relevance only when there is a query', () => {
    expect(effectiveSort({ ...EMPTY_SEARCH, q: 'crash' })).toBe('relevance');
    expect(effectiveSort(EMPTY_SEARCH)).toBe('updated');
    expect(effectiveSort({ ...EMPTY_SEARCH, sort: 'relevance' })).toBe('updated');
    expect(effectiveSort({ ...EMPTY_SEARCH, q: '  ', sort: 'relevance' })).toBe('updated');
    expect(effectiveSort({ ...EMPTY_SEARCH, q: 'crash', sort: 'created' })).toBe('created');
  });

  it('is what the API query carries', () => {
    expect(toIssueQuery(EMPTY_SEARCH).sort).toBe('updated');
  });
});

describe('toggleFacet', () => {
  it('sets and clears single-value facets', () => {
    const open = toggleFacet(EMPTY_SEARCH, 'state', 'open');
    expect(open.state).toBe('open');
    expect(isFacetActive(open, 'state', 'open')).toBe(true);
    expect(toggleFacet(open, 'state', 'closed').state).toBe('closed');
    expect(toggleFacet(open, 'state', 'open').state).toBeNull();
    expect(toggleFacet(EMPTY_SEARCH, 'repos', 'a/b').repo).toBe('a/b');
    expect(toggleFacet(EMPTY_SEARCH, 'authors', 'mona').author).toBe('mona');
  });

  it('combines labels', () => {
    const both = toggleFacet(toggleFacet(EMPTY_SEARCH, 'labels', 'bug'), 'labels', 'ui');
    expect(both.labels).toEqual(['bug', 'ui']);
    expect(toggleFacet(both, 'labels', 'bug').labels).toEqual(['ui']);
  });

  it('refuses values the API would reject', () => {
    expect(toggleFacet(EMPTY_SEARCH, 'type', 'epic').type).toBeNull();
  });
});

describe('activeFilterChips', () => {
  it('lists each filter with the state that removes it', () => {
    const state = {
      ...EMPTY_SEARCH,
      q: 'kept',
      state: 'closed' as const,
      labels: ['bug', 'ui'],
      updatedFrom: '2025-03-01T00:00:00.000Z',
    };
    const chips = activeFilterChips(state);
    expect(chips.map((c) => c.label)).toEqual([
      'state: closed',
      'label: bug',
      'label: ui',
      'updated from: 2025-03-01',
    ]);
    const withoutBug = chips[1]!.without;
    expect(withoutBug.labels).toEqual(['ui']);
    expect(withoutBug.q).toBe('kept');
    expect(chips[3]!.without.updatedFrom).toBeNull();
  });
});

describe('dateInputToIso', () => {
  it('spans whole days and rejects partial input', () => {
    expect(dateInputToIso('2025-03-01', 'from')).toBe('2025-03-01T00:00:00.000Z');
    expect(dateInputToIso('2025-03-01', 'to')).toBe('2025-03-01T23:59:59.999Z');
    expect(dateInputToIso('', 'from')).toBeNull();
  });
});

describe('analysis filters', () => {
  it('round-trips type, difficulty, score, concept and duplicates through the URL', () => {
    const search = '?issueType=bug&difficulty=easy&minGfi=0.6&concept=memory-leaks&hasDuplicates=true';
    const state = parseSearch(search);
    expect(state).toMatchObject({
      issueType: 'bug',
      difficulty: 'easy',
      minGfi: 0.6,
      concept: 'memory-leaks',
      hasDuplicates: true,
    });
    expect(serializeSearch(state)).toBe(search);
    expect(parseSearch('?hasDuplicates=false').hasDuplicates).toBe(false);
  });

  it('ignores values the API would reject', () => {
    const state = parseSearch(
      '?issueType=epic&difficulty=trivial&minGfi=1.5&concept=Not%20An%20Id&hasDuplicates=maybe',
    );
    expect(state).toEqual(EMPTY_SEARCH);
    expect(parseSearch('?minGfi=abc').minGfi).toBeNull();
    expect(parseSearch('?minGfi=0').minGfi).toBe(0);
  });

  it('toggles the analysis facets like the others', () => {
    const bug = toggleFacet(EMPTY_SEARCH, 'issueType', 'bug');
    expect(bug.issueType).toBe('bug');
    expect(isFacetActive(bug, 'issueType', 'bug')).toBe(true);
    expect(toggleFacet(bug, 'issueType', 'bug').issueType).toBeNull();
    expect(toggleFacet(EMPTY_SEARCH, 'difficulty', 'hard').difficulty).toBe('hard');
    expect(toggleFacet(EMPTY_SEARCH, 'difficulty', 'impossible').difficulty).toBeNull();
    expect(toggleFacet(EMPTY_SEARCH, 'concepts', 'nodejs').concept).toBe('nodejs');
    expect(toQuery('?concept=nodejs&hasDuplicates=false')).toMatchObject({
      concept: 'nodejs',
      hasDuplicates: false,
    });
  });

  it('names concept chips and the good-first-issue quick filter', () => {
    const state = { ...EMPTY_SEARCH, minGfi: GOOD_FIRST_ISSUE_MIN, concept: 'nodejs', hasDuplicates: true };
    const chips = activeFilterChips(state, new Map([['nodejs', 'Node.js']]));
    expect(chips.map((c) => c.label)).toEqual(['good first issues', 'concept: Node.js', 'has duplicates']);
    expect(chips[1]!.without.concept).toBeNull();
    expect(chips[1]!.without.minGfi).toBe(GOOD_FIRST_ISSUE_MIN);
    expect(
      activeFilterChips({ ...EMPTY_SEARCH, concept: 'nodejs', minGfi: 0.3 }).map((c) => c.label),
    ).toEqual(['good first issue score ≥ 0.3', 'concept: nodejs']);
  });
});

function toQuery(search: string) {
  return toIssueQuery(parseSearch(search));
}
