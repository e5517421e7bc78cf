import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH } from '../search/search-state.ts';
import { FacetPanel } from './facet-panel.tsx';

const facets = {
  state: [{ value: 'open', count: 7 }, { value: 'closed', count: 3 }],
  type: [{ value: 'issue', count: 9 }, { value: 'pr', count: 1 }],
  labels: [{ value: 'bug', count: 4 }],
  repos: [{ value: 'octo/hello', count: 10 }],
  authors: [{ value: 'mona', count: 6 }],
};

const render = (state = EMPTY_SEARCH): string =>
  renderToStaticMarkup(createElement(FacetPanel, { facets, state, onToggle: () => {}, onDate: () => {} }));

describe('FacetPanel', () => {
  it('names each value facet-<facet>-<value> with its count', () => {
    const html = render();
    for (const id of ['facet-state-open', 'facet-state-closed', 'facet-type-pr', 'facet-labels-bug', 'facet-repos-octo/hello', 'facet-authors-mona']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(/data-testid="facet-state-open"><span class="facet-name">Open<\/span><span class="facet-count">7<\/span>/);
  });

  it('marks active values pressed and keeps an active value with no count visible', () => {
    const html = render({ ...EMPTY_SEARCH, state: 'open', labels: ['ui'] });
    expect(html).toContain('aria-pressed="true" data-testid="facet-state-open"');
    expect(html).toContain('aria-pressed="false" data-testid="facet-state-closed"');
    expect(html).toMatch(/data-testid="facet-labels-ui"><span class="facet-name">ui<\/span><span class="facet-count">0<\/span>/);
  });
});
