import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../../api-client/api-types.ts';
import { buildConceptTree } from './concept-tree.ts';
import { ConceptTreeView } from './concept-tree-view.tsx';

const concepts: Concept[] = [
  { id: 'performance', name: 'Performance', parent: null, kind: 'domain', issueCount: 2, custom: false },
  {
    id: 'memory-leaks',
    name: 'Memory leaks',
    parent: 'performance',
    kind: 'skill',
    issueCount: 5,
    custom: false,
  },
  { id: 'go', name: 'Go', parent: null, kind: 'language', issueCount: 1, custom: false },
];
const nodes = buildConceptTree(concepts);
const render = (expanded: string[], expandAll = false): string =>
  renderToStaticMarkup(
    createElement(ConceptTreeView, { nodes, expanded: new Set(expanded), expandAll, onToggle: () => {} }),
  );

describe('ConceptTreeView', () => {
  it('shows roots collapsed with own counts, how many sub-concepts, and filter links', () => {
    const html = render([]);
    expect(html).toContain('data-testid="concept-tree"');
    expect(html.match(/data-testid="concept-node"/g)).toHaveLength(2);
    expect(html).toContain('href="/?concept=performance"');
    expect(html).toMatch(/aria-expanded="false"[^>]*aria-label="Expand Performance"/);
    // Performance counts its own 2 issues and one sub-concept, not the 5 issues of that concept.
    expect(html).toMatch(/>2<\/span><span class="concept-subtotal muted"[^>]*>1 sub-concept</);
    expect(html).not.toContain('below');
    // A leaf has no toggle and no sub-concepts.
    expect(html).not.toContain('Expand Go');
  });

  it('lists the children of an expanded concept, or of all when filtering', () => {
    for (const html of [render(['performance']), render([], true)]) {
      expect(html.match(/data-testid="concept-node"/g)).toHaveLength(3);
      expect(html).toContain('aria-label="Collapse Performance"');
      expect(html).toContain('href="/?concept=memory-leaks"');
    }
  });
});

describe('ConceptTreeView sub-concepts', () => {
  it('counts the concepts listed right under each one, and never adds up issues', () => {
    const deep = buildConceptTree([
      ...concepts,
      {
        id: 'gc',
        name: 'Garbage collection',
        parent: 'memory-leaks',
        kind: 'skill',
        issueCount: 4,
        custom: false,
      },
    ]);
    const html = renderToStaticMarkup(
      createElement(ConceptTreeView, {
        nodes: deep,
        expanded: new Set(['performance']),
        expandAll: false,
        onToggle: () => {},
      }),
    );
    const subtotals = [...html.matchAll(/class="concept-subtotal muted"[^>]*>([^<]*)</g)].map((m) => m[1]);
    // Performance, then Memory leaks; summing the issues tagged below Performance would say "+9"
    // (5 + 4), counting twice an issue tagged with both.
    expect(subtotals).toEqual(['1 sub-concept', '1 sub-concept']);
  });
});
