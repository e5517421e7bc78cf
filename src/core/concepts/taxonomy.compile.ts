import { ConceptTaxonomyError } from './concept.types.ts';
import type { Concept, Taxonomy } from './concept.types.ts';
import { validateConcepts } from './taxonomy.validate.ts';
import { lookupKey, tokenize } from './text.tokenize.ts';

/** One alias ready for matching: its tokens, and for a `~ambiguous` alias the exact spelling required. */
export interface AliasEntry {
  concept: number;
  norms: string[];
  raws: string[] | null;
}

export interface FileIndex {
  /** Dotted file names, lower-cased (`package.json`, `.gitignore`). */
  names: Map<string, number[]>;
  /** Dot-less names, case-sensitive because they are also words (`Makefile`, `LICENSE`). */
  bareNames: Map<string, number[]>;
  /** Extensions with their dot, lower-cased (`.py`, `.test.ts`). */
  extensions: Map<string, number[]>;
  /** Globs with their literal lower-cased prefix and suffix, checked before the pattern (cheap reject). */
  globs: { prefix: string; suffix: string; pattern: RegExp; concepts: number[] }[];
  /** Folder segments as `/docs/`, lower-cased. */
  folders: { segment: string; concepts: number[] }[];
}

/** Everything the tagger needs, built once per taxonomy (see `compileTaxonomy`). */
export interface CompiledTaxonomy {
  concepts: readonly Concept[];
  indexOf: Map<string, number>;
  parent: number[];
  depth: number[];
  /** Concept ids from the root down to each concept. */
  path: string[][];
  children: number[][];
  /** Alias entries by their first token; longest first, plain before ambiguous. */
  aliases: Map<string, AliasEntry[]>;
  /** Lower-cased single-token aliases (`node.js`), which are never read as file names. */
  singleTokenAliases: Set<string>;
  /** Id, name and alias keys (see `lookupKey`) → concepts; ids and names win over aliases. */
  byName: Map<string, number[]>;
  byAlias: Map<string, number[]>;
  files: FileIndex;
  /** Normalised label indicators → concepts. */
  labels: Map<string, number[]>;
  /** For each concept, the concepts whose evidence confirms its ambiguous aliases: context ids and parent. */
  contextOf: number[][];
}

const cache = new WeakMap<Taxonomy, CompiledTaxonomy>();

/**
 * Compiles (and caches per taxonomy object) the lookup structures: one map from first token to
 * aliases instead of one regular expression per alias, so tagging costs one pass over the tokens.
 * Throws ConceptTaxonomyError when the taxonomy is invalid.
 */
export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const cached = cache.get(taxonomy);
  if (cached) return cached;
  const problems = validateConcepts(taxonomy.concepts);
  if (problems.length > 0) throw new ConceptTaxonomyError(problems);
  const concepts = taxonomy.concepts;
  const indexOf = new Map(concepts.map((c, i) => [c.id, i]));
  const parent = concepts.map((c) => (c.parent === null ? -1 : (indexOf.get(c.parent) as number)));
  const children: number[][] = concepts.map(() => []);
  parent.forEach((p, i) => {
    if (p >= 0) (children[p] as number[]).push(i);
  });
  const path = concepts.map((_, i) => pathOf(i, parent, concepts));
  const compiled: CompiledTaxonomy = {
    concepts,
    indexOf,
    parent,
    depth: path.map((p) => p.length - 1),
    path,
    children,
    ...compileAliases(concepts),
    files: compileFiles(concepts),
    labels: groupBy(concepts, (c) => (c.labels ?? []).map(normaliseLabel)),
    contextOf: concepts.map((c, i) => {
      const ids = (c.context ?? []).map((id) => indexOf.get(id) as number);
      const p = parent[i] as number;
      return p >= 0 && !ids.includes(p) ? [...ids, p] : ids;
    }),
  };
  cache.set(taxonomy, compiled);
  return compiled;
}

function pathOf(index: number, parent: readonly number[], concepts: readonly Concept[]): string[] {
  const ids: string[] = [];
  for (let i = index; i >= 0; i = parent[i] as number) ids.unshift((concepts[i] as Concept).id);
  return ids;
}

function compileAliases(concepts: readonly Concept[]) {
  const aliases = new Map<string, AliasEntry[]>();
  const singleTokenAliases = new Set<string>();
  const byAlias = new Map<string, number[]>();
  concepts.forEach((concept, index) => {
    for (const alias of concept.aliases) {
      const ambiguous = alias.startsWith('~');
      const tokens = tokenize(ambiguous ? alias.slice(1) : alias);
      const entry: AliasEntry = {
        concept: index,
        norms: tokens.map((t) => t.norm),
        raws: ambiguous ? tokens.map((t) => t.raw) : null,
      };
      const first = entry.norms[0] as string;
      aliases.set(first, [...(aliases.get(first) ?? []), entry]);
      if (entry.norms.length === 1) singleTokenAliases.add(first);
      addTo(byAlias, entry.norms.join(' '), index);
    }
  });
  for (const list of aliases.values()) {
    list.sort(
      (a, b) =>
        b.norms.length - a.norms.length ||
        Number(a.raws !== null) - Number(b.raws !== null) ||
        a.concept - b.concept,
    );
  }
  const byName = groupBy(concepts, (c) => [lookupKey(c.id), lookupKey(c.name)]);
  return { aliases, singleTokenAliases, byAlias, byName };
}

function compileFiles(concepts: readonly Concept[]): FileIndex {
  const index: FileIndex = {
    names: new Map(),
    bareNames: new Map(),
    extensions: new Map(),
    globs: [],
    folders: [],
  };
  const globs = new Map<string, number[]>();
  const folders = new Map<string, number[]>();
  concepts.forEach((concept, i) => {
    for (const pattern of concept.files ?? []) {
      if (pattern.endsWith('/')) addTo(folders, `/${pattern.toLowerCase()}`, i);
      else if (/^\*\.[^*]+$/.test(pattern)) addTo(index.extensions, pattern.slice(1).toLowerCase(), i);
      else if (pattern.includes('*')) addTo(globs, pattern, i);
      else if (pattern.includes('.')) addTo(index.names, pattern.toLowerCase(), i);
      else addTo(index.bareNames, pattern, i);
    }
  });
  for (const [glob, ids] of globs) {
    const lower = glob.toLowerCase();
    index.globs.push({
      prefix: lower.slice(0, lower.indexOf('*')),
      suffix: lower.slice(lower.lastIndexOf('*') + 1),
      pattern: globToRegExp(glob),
      concepts: ids,
    });
  }
  for (const [segment, ids] of folders) index.folders.push({ segment, concepts: ids });
  return index;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${body}$`, 'i');
}

/** `Area: UI` and `area/ui` are the same label. */
export function normaliseLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/\s*[:/]\s*/g, '/')
    .replace(/\s+/g, ' ');
}

function groupBy(concepts: readonly Concept[], keys: (c: Concept) => string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  concepts.forEach((concept, i) => {
    for (const key of keys(concept)) if (key) addTo(map, key, i);
  });
  return map;
}

function addTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
