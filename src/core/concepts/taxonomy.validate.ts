import { CONCEPT_KINDS } from './concept.types.ts';
import type { Concept } from './concept.types.ts';
import { tokenize } from './text.tokenize.ts';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longer aliases are almost never written verbatim; the matcher also bounds its look-ahead by this. */
export const MAX_ALIAS_TOKENS = 6;

/** The matching key of an alias (`~Go` → `go`, `Apache Kafka` → `apache kafka`); null if it has no tokens. */
export function aliasKey(alias: string): string | null {
  const text = alias.startsWith('~') ? alias.slice(1) : alias;
  const tokens = tokenize(text);
  return tokens.length === 0 ? null : tokens.map((t) => t.norm).join(' ');
}

/**
 * Every problem with a list of concepts, as readable sentences (empty when valid): malformed fields,
 * duplicate ids, unknown parents or context ids, parent cycles, unusable aliases, and aliases
 * claimed by two concepts (an alias must point at one concept, or matching would be arbitrary).
 * Accepts unknown input so that a workspace's JSON can be checked before it is trusted.
 */
export function validateConcepts(concepts: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const valid: Concept[] = [];
  concepts.forEach((value, index) => {
    const concept = value as Partial<Concept> | null;
    const label = typeof concept?.id === 'string' && concept.id ? `"${concept.id}"` : `concept #${index}`;
    const own = shapeProblems(concept, label);
    problems.push(...own);
    if (typeof concept?.id !== 'string' || !concept.id) return;
    if (ids.has(concept.id)) problems.push(`duplicate id "${concept.id}"`);
    ids.add(concept.id);
    if (own.length === 0) valid.push(concept as Concept);
  });
  for (const concept of valid) {
    if (concept.parent !== null && !ids.has(concept.parent))
      problems.push(`"${concept.id}" has unknown parent "${concept.parent}"`);
    for (const ref of concept.context ?? []) {
      if (!ids.has(ref)) problems.push(`"${concept.id}" has unknown context concept "${ref}"`);
    }
  }
  problems.push(...cycleProblems(valid), ...aliasConflicts(valid));
  return problems;
}

function shapeProblems(concept: Partial<Concept> | null, label: string): string[] {
  if (concept === null || typeof concept !== 'object') return [`${label} is not an object`];
  const problems: string[] = [];
  if (typeof concept.id !== 'string' || !ID_RE.test(concept.id))
    problems.push(`${label}: id must be kebab-case (a-z, 0-9, single hyphens)`);
  if (typeof concept.name !== 'string' || !concept.name.trim()) problems.push(`${label}: name is missing`);
  if (concept.parent !== null && typeof concept.parent !== 'string')
    problems.push(`${label}: parent must be a concept id or null`);
  if (concept.parent === concept.id) problems.push(`${label}: is its own parent`);
  if (!CONCEPT_KINDS.includes(concept.kind as never))
    problems.push(`${label}: kind must be one of ${CONCEPT_KINDS.join(', ')}`);
  if (!Array.isArray(concept.aliases)) problems.push(`${label}: aliases must be an array of strings`);
  for (const field of ['files', 'labels', 'context'] as const) {
    const list = concept[field];
    if (
      list !== undefined &&
      (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !x.trim()))
    ) {
      problems.push(`${label}: ${field} must be an array of non-empty strings`);
    }
  }
  for (const alias of Array.isArray(concept.aliases) ? concept.aliases : []) {
    const problem = aliasProblem(alias);
    if (problem) problems.push(`${label}: alias ${JSON.stringify(alias)} ${problem}`);
  }
  return problems;
}

function aliasProblem(alias: unknown): string | null {
  if (typeof alias !== 'string') return 'is not a string';
  const text = alias.startsWith('~') ? alias.slice(1) : alias;
  // A leading "-" or "@" is dropped by the tokenizer, so "--watch" would match every "watch".
  if (/^[-@$]/.test(text.trim())) return 'starts with punctuation the tokenizer drops';
  const count = tokenize(text).length;
  if (count === 0) return 'has no letters or digits';
  if (count > MAX_ALIAS_TOKENS) return `has more than ${MAX_ALIAS_TOKENS} tokens`;
  return null;
}

function cycleProblems(concepts: readonly Concept[]): string[] {
  const parentOf = new Map(concepts.map((c) => [c.id, c.parent]));
  const done = new Set<string>();
  const problems: string[] = [];
  for (const concept of concepts) {
    const trail: string[] = [];
    let id: string | null = concept.id;
    while (id !== null && !done.has(id) && parentOf.has(id)) {
      const at = trail.indexOf(id);
      if (at >= 0) {
        problems.push(`parent cycle: ${[...trail.slice(at), id].join(' -> ')}`);
        break;
      }
      trail.push(id);
      id = parentOf.get(id) ?? null;
    }
    for (const seen of trail) done.add(seen);
  }
  return problems;
}

function aliasConflicts(concepts: readonly Concept[]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const concept of concepts) {
    const own = new Set<string>();
    for (const alias of concept.aliases) {
      const key = aliasKey(alias);
      if (key === null) continue;
      // "~Rust" and "~rust" are two spellings of one ambiguous alias; anything else is a repeat.
      const spelling = alias.startsWith('~') ? alias : key;
      if (own.has(spelling)) problems.push(`"${concept.id}" lists alias "${alias}" twice`);
      own.add(spelling);
      const previous = owner.get(key);
      if (previous !== undefined && previous !== concept.id)
        problems.push(`alias "${alias}" of "${concept.id}" is already an alias of "${previous}"`);
      else owner.set(key, concept.id);
    }
  }
  return problems;
}
