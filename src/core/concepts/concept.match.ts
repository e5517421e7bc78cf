import type { AliasEntry, CompiledTaxonomy } from './taxonomy.compile.ts';
import { normaliseLabel } from './taxonomy.compile.ts';
import type { Token } from './text.tokenize.ts';
import { lookupKey, tokenize } from './text.tokenize.ts';

/** An alias found in a token sequence. */
export interface AliasHit {
  concept: number;
  /** Index of the first matched token. */
  token: number;
  length: number;
  ambiguous: boolean;
}

/**
 * Finds aliases in `tokens`, longest first at each position, never overlapping. A dotted token
 * that is not itself an alias is also tried by its head (`torch.nn` → `torch`, `React.memo` →
 * `React`), since code identifiers name their library that way.
 */
export function matchAliases(
  compiled: CompiledTaxonomy,
  tokens: readonly Token[],
  options: { plainOnly?: boolean } = {},
): AliasHit[] {
  const hits: AliasHit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const hit =
      matchAt(compiled, tokens, i, options.plainOnly === true) ??
      matchHead(compiled, tokens[i] as Token, i, options.plainOnly === true);
    if (hit) {
      hits.push(hit);
      i += hit.length;
    } else {
      i += 1;
    }
  }
  return hits;
}

function matchAt(
  compiled: CompiledTaxonomy,
  tokens: readonly Token[],
  i: number,
  plainOnly: boolean,
): AliasHit | null {
  const entries = compiled.aliases.get((tokens[i] as Token).norm);
  if (!entries) return null;
  for (const entry of entries) {
    if (plainOnly && entry.raws) continue;
    if (entryMatches(entry, tokens, i))
      return { concept: entry.concept, token: i, length: entry.norms.length, ambiguous: entry.raws !== null };
  }
  return null;
}

function entryMatches(entry: AliasEntry, tokens: readonly Token[], i: number): boolean {
  if (i + entry.norms.length > tokens.length) return false;
  for (let k = 0; k < entry.norms.length; k++) {
    const token = tokens[i + k] as Token;
    // A phrase never spans a sentence break: "…sample code. Example output" is not "code example".
    if (token.norm !== entry.norms[k] || (k > 0 && token.initial)) return false;
    if (entry.raws && token.raw !== entry.raws[k]) return false;
  }
  return true;
}

function matchHead(compiled: CompiledTaxonomy, token: Token, i: number, plainOnly: boolean): AliasHit | null {
  const dot = token.norm.indexOf('.', 1);
  if (dot < 0) return null;
  const head = token.norm.slice(0, dot);
  for (const entry of compiled.aliases.get(head) ?? []) {
    if (entry.norms.length !== 1 || (plainOnly && entry.raws)) continue;
    if (entry.raws && token.raw.slice(0, dot) !== entry.raws[0]) continue;
    return { concept: entry.concept, token: i, length: 1, ambiguous: entry.raws !== null };
  }
  return null;
}

/**
 * Concepts a file path points at: exact names and globs first; extensions only when no exact
 * name matched (`package.json` means Node.js, not "a JSON file"); folders anywhere in the path.
 */
export function matchPath(compiled: CompiledTaxonomy, path: string): number[] {
  const normal = path.replace(/\\/g, '/');
  const base = normal.slice(normal.lastIndexOf('/') + 1);
  const lowerBase = base.toLowerCase();
  const { files } = compiled;
  const found: number[] = [];
  const add = (ids: readonly number[] | undefined) => {
    for (const id of ids ?? []) if (!found.includes(id)) found.push(id);
  };
  if (base) {
    add(files.names.get(lowerBase));
    add(files.bareNames.get(base));
    for (const glob of files.globs) {
      if (lowerBase.startsWith(glob.prefix) && lowerBase.endsWith(glob.suffix) && glob.pattern.test(base))
        add(glob.concepts);
    }
    if (found.length === 0) {
      for (let dot = lowerBase.indexOf('.', 1); dot > 0; dot = lowerBase.indexOf('.', dot + 1))
        add(files.extensions.get(lowerBase.slice(dot)));
    }
  }
  if (normal.includes('/')) {
    const lowerPath = `/${normal.toLowerCase()}`;
    for (const folder of files.folders) if (lowerPath.includes(folder.segment)) add(folder.concepts);
  }
  return found;
}

/** Concepts named by a short string (a GitHub language, a topic, a fence language): id or name first, then alias. */
export function lookupConcepts(compiled: CompiledTaxonomy, name: string): number[] {
  const key = lookupKey(name);
  if (!key) return [];
  return compiled.byName.get(key) ?? compiled.byAlias.get(key) ?? [];
}

/**
 * Concepts a label points at: a label indicator, the label (or its last `/`-segment) naming a
 * concept, or else plain aliases inside it ("dataset request" → datasets).
 */
export function matchLabel(compiled: CompiledTaxonomy, label: string): number[] {
  const normal = normaliseLabel(label);
  const last = normal.slice(normal.lastIndexOf('/') + 1);
  const found = new Set<number>([
    ...(compiled.labels.get(normal) ?? []),
    ...(compiled.labels.get(last) ?? []),
    ...lookupConcepts(compiled, normal),
    ...lookupConcepts(compiled, last),
  ]);
  if (found.size === 0) {
    for (const hit of matchAliases(compiled, tokenize(label), { plainOnly: true })) found.add(hit.concept);
  }
  return [...found];
}

/** Concepts a fence info string names: ```python, ```ts (as an extension), ```Dockerfile (as a file name). */
export function matchFence(compiled: CompiledTaxonomy, language: string): number[] {
  const named = lookupConcepts(compiled, language);
  if (named.length > 0) return named;
  return compiled.files.extensions.get(`.${language}`) ?? compiled.files.names.get(language) ?? [];
}
