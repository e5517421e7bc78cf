import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH } from './search-state.ts';
import {
  holdsQualifier,
  qualifierFacet,
  qualifierLabel,
  qualifiersReplacedByFacet,
  relaxationOffer,
  removeQualifier,
  type TypedQualifier,
} from './typed-qualifiers.ts';

const typed = (name: TypedQualifier['name'], value: string, token = `${name}:${value}`): TypedQualifier => ({
  name,
  value,
  token,
});

describe('typed qualifiers', () => {
  it('removes a qualifier by its whole token, quoted values included', () => {
    expect(removeQualifier('is:open label:bug memroy', 'label:bug')).toBe('is:open memroy');
    expect(removeQualifier('crash label:"good first issue"  x', 'label:"good first issue"')).toBe('crash x');
    // Only a whole token: "label:bugfix" is not "label:bug".
    expect(removeQualifier('label:bugfix', 'label:bug')).toBe('label:bugfix');
    expect(holdsQualifier('is:open  crash', 'is:open')).toBe(true);
    expect(holdsQualifier('is:open  crash', 'is:closed')).toBe(false);
  });

  it('names chips and maps qualifiers onto facets', () => {
    expect(qualifierLabel(typed('-label', 'wontfix'))).toBe('not label: wontfix');
    expect(qualifierFacet(typed('is', 'Open'))).toEqual({ facet: 'state', value: 'open' });
    expect(qualifierFacet(typed('is', 'pr'))).toEqual({ facet: 'type', value: 'pr' });
    expect(qualifierFacet(typed('type', 'bug'))).toEqual({ facet: 'issueType', value: 'bug' });
    expect(qualifierFacet(typed('no', 'assignee'))).toBeNull();
  });

  it('a facet click replaces a typed qualifier of a one-value facet, and clears its own value', () => {
    const open = typed('is', 'open');
    expect(qualifiersReplacedByFacet([open], 'state', 'closed')).toEqual({
      tokens: ['is:open'],
      clears: false,
    });
    expect(qualifiersReplacedByFacet([open], 'state', 'open')).toEqual({ tokens: ['is:open'], clears: true });
    // Labels add up: another label leaves the typed one.
    expect(qualifiersReplacedByFacet([typed('label', 'bug')], 'labels', 'docs')).toEqual({
      tokens: [],
      clears: false,
    });
  });

  it('turns relaxations into offers that remove the filter', () => {
    const state = { ...EMPTY_SEARCH, q: 'is:open memroy', labels: ['bug'], author: 'alice' };
    const qualifiers = [typed('is', 'open')];
    expect(
      relaxationOffer(state, qualifiers, { without: 'q:is:open', total: 2, totalCapped: false }),
    ).toEqual({
      label: 'is: open',
      next: { ...state, q: 'memroy' },
    });
    expect(
      relaxationOffer(state, qualifiers, { without: 'label:bug', total: 2, totalCapped: false }),
    ).toEqual({
      label: 'label: bug',
      next: { ...state, labels: [] },
    });
    expect(
      relaxationOffer(state, qualifiers, { without: 'author', total: 1, totalCapped: false })?.next.author,
    ).toBeNull();
    expect(
      relaxationOffer(state, qualifiers, { without: 'assignee', total: 1, totalCapped: false }),
    ).toBeNull();
  });
});
