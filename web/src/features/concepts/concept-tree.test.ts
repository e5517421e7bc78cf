import { describe, expect, it } from 'vitest';
import type { Concept } from '../../api-client/api-types.ts';
import {
  buildConceptTree,
  conceptPathNames,
  countNodes,
  filterConceptTree,
  nodeTotal,
} from './concept-tree.ts';

const concept = (id: string, parent: string | null, issueCount: number, name = id): Concept => ({
  id,
  name,
  parent,
  kind: 'domain',
  issueCount,
  custom: false,
});

const taxonomy: Concept[] = [
  concept('performance', null, 2, 'Performance'),
  concept('memory-usage', 'performance', 3, 'Memory usage'),
  concept('memory-leaks', 'memory-usage', 5, 'Memory leaks'),
  concept('latency', 'performance', 0, 'Latency'),
  concept('languages', null, 1, 'Programming languages'),
  concept('go', 'languages', 9, 'Go'),
  concept('rust', 'languages', 0, 'Rust'),
  concept('empty-root', null, 0, 'Quantum'),
  concept('orphan', 'missing-parent', 4, 'Orphan'),
];

describe('buildConceptTree', () => {
  const tree = buildConceptTree(taxonomy);

  it('nests children under parents and keeps orphans as roots', () => {
    // Busiest first; performance and languages tie at 10, so the name decides.
    expect(tree.map((n) => n.concept.id)).toEqual(['performance', 'languages', 'orphan', 'empty-root']);
    const performance = tree.find((n) => n.concept.id === 'performance')!;
    expect(performance.children.map((n) => n.concept.id)).toEqual(['memory-usage', 'latency']);
    expect(performance.children[0]!.children.map((n) => n.concept.id)).toEqual(['memory-leaks']);
  });

  it('sums descendants separately from the own count', () => {
    const performance = tree.find((n) => n.concept.id === 'performance')!;
    expect(performance.concept.issueCount).toBe(2);
    expect(performance.descendantCount).toBe(8);
    expect(nodeTotal(performance)).toBe(10);
    expect(performance.children[0]!.descendantCount).toBe(5);
  });

  it('survives a parent cycle in the data', () => {
    const cyclic = buildConceptTree([concept('a', 'b', 1), concept('b', 'a', 1), concept('c', null, 1)]);
    expect(cyclic.map((n) => n.concept.id)).toEqual(['c']);
  });
});

describe('filterConceptTree', () => {
  const tree = buildConceptTree(taxonomy);

  it('hides branches without issues unless asked', () => {
    const shown = filterConceptTree(tree, { text: '', showEmpty: false });
    expect(countNodes(shown)).toBe(6);
    expect(shown.map((n) => n.concept.id)).not.toContain('empty-root');
    expect(shown.find((n) => n.concept.id === 'languages')!.children.map((n) => n.concept.id)).toEqual([
      'go',
    ]);
    expect(countNodes(filterConceptTree(tree, { text: '', showEmpty: true }))).toBe(taxonomy.length);
  });

  it('keeps ancestors of a match and the subtree under it', () => {
    const leaks = filterConceptTree(tree, { text: 'LEAK', showEmpty: false });
    expect(leaks.map((n) => n.concept.id)).toEqual(['performance']);
    expect(leaks[0]!.children.map((n) => n.concept.id)).toEqual(['memory-usage']);
    const memory = filterConceptTree(tree, { text: 'memory usage', showEmpty: false });
    expect(memory[0]!.children[0]!.children.map((n) => n.concept.id)).toEqual(['memory-leaks']);
    expect(filterConceptTree(tree, { text: 'nothing-like-this', showEmpty: true })).toEqual([]);
  });
});

describe('conceptPathNames', () => {
  it('names each step and keeps unknown ids', () => {
    expect(
      conceptPathNames(
        ['performance', 'memory-leaks', 'gone'],
        new Map([
          ['performance', 'Performance'],
          ['memory-leaks', 'Memory leaks'],
        ]),
      ),
    ).toEqual(['Performance', 'Memory leaks', 'gone']);
  });
});
