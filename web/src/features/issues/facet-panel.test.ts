import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FacetName, IssueFacets } from '../../api-client/api-types.ts';
import { EMPTY_SEARCH, GOOD_FIRST_ISSUE_MIN } from '../search/search-state.ts';
import { FacetPanel } from './facet-panel.tsx';

const facets = {
  state: [
    { value: 'open', count: 7 },
    { value: 'closed', count: 3 },
  ],
  type: [
    { value: 'issue', count: 9 },
    { value: 'pr', count: 1 },
  ],
  labels: [{ value: 'bug', count: 4 }],
  repos: [{ value: 'octo/hello', count: 10 }],
  authors: [{ value: 'mona', count: 6 }],
  issueType: [
    { value: 'bug', count: 5 },
    { value: 'docs', count: 2 },
  ],
  difficulty: [{ value: 'easy', count: 3 }],
  concepts: [
    { value: 'memory-leaks', count: 2 },
    { value: 'unnamed-one', count: 1 },
  ],
};

const render = (
  state = EMPTY_SEARCH,
  extra: { sampled?: boolean; typedValues?: { facet: FacetName; value: string }[] } = {},
): string =>
  renderToStaticMarkup(
    createElement(FacetPanel, {
      facets,
      state,
      onToggle: () => {},
      onDate: () => {},
      onChange: () => {},
      conceptNames: new Map([['memory-leaks', 'Memory leaks']]),
      ...extra,
    }),
  );

describe('FacetPanel', () => {
  it('names each value facet-<facet>-<value> with its count', () => {
    const html = render();
    for (const id of [
      'facet-state-open',
      'facet-state-closed',
      'facet-type-pr',
      'facet-labels-bug',
      'facet-repos-octo/hello',
      'facet-authors-mona',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(
      /data-testid="facet-state-open"><span class="facet-name" title="Open">Open<\/span><span class="facet-count">7<\/span>/,
    );
  });

  it('marks active values pressed and keeps an active value with no count visible', () => {
    const html = render({ ...EMPTY_SEARCH, state: 'open', labels: ['ui'] });
    expect(html).toContain('aria-pressed="true" data-testid="facet-state-open"');
    expect(html).toContain('aria-pressed="false" data-testid="facet-state-closed"');
    expect(html).toMatch(
      /data-testid="facet-labels-ui"><span class="facet-name" title="ui">ui<\/span><span class="facet-count">0<\/span>/,
    );
  });
});

describe('FacetPanel analysis filters', () => {
  it('names analysis facet buttons filter-<param>-<value> and shows concept names', () => {
    const html = render();
    for (const id of [
      'filter-issueType-bug',
      'filter-issueType-docs',
      'filter-difficulty-easy',
      'filter-concept-memory-leaks',
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(
      /data-testid="filter-concept-memory-leaks"><span class="facet-name" title="Memory leaks">Memory leaks<\/span>/,
    );
    expect(html).toMatch(
      /data-testid="filter-concept-unnamed-one"><span class="facet-name" title="unnamed-one">unnamed-one<\/span>/,
    );
    expect(html).toMatch(
      /data-testid="filter-issueType-bug"><span class="facet-name" title="Bug">Bug<\/span>/,
    );
  });

  it('offers the quick filters, pressed when active', () => {
    expect(render()).toContain('aria-pressed="false" data-testid="filter-minGfi"');
    const html = render({
      ...EMPTY_SEARCH,
      minGfi: GOOD_FIRST_ISSUE_MIN,
      hasDuplicates: true,
      concept: 'gone',
    });
    expect(html).toContain('aria-pressed="true" data-testid="filter-minGfi"');
    expect(html).toContain('aria-pressed="true" data-testid="filter-hasDuplicates"');
    expect(html).toContain('aria-pressed="true" data-testid="filter-concept-gone"');
  });

  it('marks counts approximate when the facets were sampled', () => {
    expect(render(EMPTY_SEARCH, { sampled: true })).toMatch(
      /data-testid="facet-state-open">.*?<span class="facet-count" title="Approximate[^"]*">≈7<\/span>/,
    );
    expect(render()).not.toContain('≈');
    // The header's "500+" and the facets' sample are told apart in words, not only in a tooltip.
    expect(render(EMPTY_SEARCH, { sampled: true })).toMatch(
      /data-testid="facets-sampled-note">More than 500 matches: the counts below \(≈\) are of the 500 most recently updated ones/,
    );
    expect(render()).not.toContain('facets-sampled-note');
  });

  it('marks the values of qualifiers typed in the search box pressed, listed even without a count', () => {
    const html = render(EMPTY_SEARCH, {
      typedValues: [
        { facet: 'state', value: 'closed' },
        { facet: 'labels', value: 'wontfix' },
      ],
    });
    expect(html).toContain('aria-pressed="true" data-testid="facet-state-closed"');
    expect(html).toContain('aria-pressed="false" data-testid="facet-state-open"');
    expect(html).toContain('aria-pressed="true" data-testid="facet-labels-wontfix"');
  });

  it('leaves out analysis groups a server without analysis does not send', () => {
    const { issueType: _i, difficulty: _d, concepts: _c, ...plain } = facets;
    const html = renderToStaticMarkup(
      createElement(FacetPanel, {
        facets: plain as unknown as IssueFacets,
        state: EMPTY_SEARCH,
        onToggle: () => {},
        onDate: () => {},
      }),
    );
    expect(html).not.toContain('Issue type');
    expect(html).not.toContain('filter-minGfi');
    expect(html).toContain('facet-state-open');
  });
});
