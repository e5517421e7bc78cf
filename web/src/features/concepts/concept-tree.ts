import type { Concept } from '../../api-client/api-types.ts';

/** A concept with its children and the issue counts shown for it. */
export interface ConceptNode {
  concept: Concept;
  children: ConceptNode[];
  /**
   * Sum of the issue counts of every descendant (an issue tagged with two of them counts twice): it
   * orders siblings and finds empty branches, and is never shown, since it can exceed the issues there are.
   */
  descendantCount: number;
}

/** Own count plus descendants: what orders siblings and decides whether a branch is empty. */
export const nodeTotal = (node: ConceptNode): number => node.concept.issueCount + node.descendantCount;

function sortNodes(nodes: ConceptNode[]): ConceptNode[] {
  return nodes.sort((a, b) => nodeTotal(b) - nodeTotal(a) || a.concept.name.localeCompare(b.concept.name));
}

/**
 * Builds the taxonomy forest from the flat list: roots are concepts without a parent, and a concept
 * whose parent is unknown is treated as a root so it is never lost. Siblings come busiest first.
 */
export function buildConceptTree(concepts: readonly Concept[]): ConceptNode[] {
  const nodes = new Map(
    concepts.map((concept) => [concept.id, { concept, children: [], descendantCount: 0 } as ConceptNode]),
  );
  const roots: ConceptNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.concept.parent === null ? undefined : nodes.get(node.concept.parent);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const seen = new Set<ConceptNode>();
  const total = (node: ConceptNode): number => {
    // A cycle in the data would recurse forever; a node already visited contributes nothing more.
    if (seen.has(node)) return 0;
    seen.add(node);
    node.descendantCount = node.children.reduce((sum, child) => sum + total(child), 0);
    sortNodes(node.children);
    return nodeTotal(node);
  };
  for (const root of roots) total(root);
  return sortNodes(roots);
}

/** What the tree shows: a text filter and whether branches without issues are listed. */
export interface ConceptTreeFilter {
  text: string;
  showEmpty: boolean;
}

const matches = (concept: Concept, needle: string): boolean =>
  concept.name.toLowerCase().includes(needle) || concept.id.includes(needle);

/**
 * The visible part of the tree. A concept matching the text keeps its ancestors (for context) and
 * its whole subtree; branches whose total is zero are dropped unless `showEmpty`.
 */
export function filterConceptTree(nodes: readonly ConceptNode[], filter: ConceptTreeFilter): ConceptNode[] {
  const needle = filter.text.trim().toLowerCase();
  const visit = (node: ConceptNode, ancestorMatched: boolean): ConceptNode | null => {
    if (!filter.showEmpty && nodeTotal(node) === 0) return null;
    const matched = ancestorMatched || needle === '' || matches(node.concept, needle);
    const children = node.children
      .map((child) => visit(child, matched))
      .filter((child): child is ConceptNode => child !== null);
    if (!matched && children.length === 0) return null;
    return { ...node, children };
  };
  return nodes.map((node) => visit(node, false)).filter((node): node is ConceptNode => node !== null);
}

/** How many concepts a (filtered) forest holds. */
export function countNodes(nodes: readonly ConceptNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

/** Names for a root→leaf path of concept ids, falling back to the id for an unknown concept. */
export function conceptPathNames(path: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return path.map((id) => names.get(id) ?? id);
}
