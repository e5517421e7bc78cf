import { ConceptTaxonomyError } from './concept.types.ts';
import type { Concept, Taxonomy } from './concept.types.ts';
import { compileTaxonomy } from './taxonomy.compile.ts';
import { dataConcepts } from './taxonomy-data.data.ts';
import { languageConcepts } from './taxonomy-languages.data.ts';
import { practiceConcepts } from './taxonomy-practice.data.ts';
import { systemsConcepts } from './taxonomy-systems.data.ts';
import { toolingConcepts } from './taxonomy-tooling.data.ts';
import { webConcepts } from './taxonomy-web.data.ts';
import { validateConcepts } from './taxonomy.validate.ts';

/** Freezes the concepts so the lookups compiled and cached per taxonomy object can never go stale. */
function freezeTaxonomy(concepts: readonly Concept[]): Taxonomy {
  const frozen = concepts.map((c) => {
    const copy: Concept = { ...c, aliases: Object.freeze([...c.aliases]) as string[] };
    if (c.files) copy.files = Object.freeze([...c.files]) as string[];
    if (c.labels) copy.labels = Object.freeze([...c.labels]) as string[];
    if (c.context) copy.context = Object.freeze([...c.context]) as string[];
    return Object.freeze(copy);
  });
  return Object.freeze({ concepts: Object.freeze(frozen) as Concept[] });
}

/** Loupe's built-in taxonomy (taxonomy-*.data.ts); validated when first compiled, and by its tests. */
export const defaultTaxonomy: Taxonomy = freezeTaxonomy([
  ...languageConcepts,
  ...webConcepts,
  ...dataConcepts,
  ...systemsConcepts,
  ...toolingConcepts,
  ...practiceConcepts,
]);

/**
 * A new taxonomy: `base` plus a workspace's `extension`. An entry whose id exists in `base`
 * overrides it field by field (fields left out keep their base value; `aliases`, `files`, `labels`
 * and `context` replace the base lists, so spread the base list to add to it). A new id needs
 * `name`, `parent` (an id or null) and `kind`; `aliases` defaults to []. The result is validated as
 * a whole and every problem is reported at once in a ConceptTaxonomyError (code INVALID_TAXONOMY).
 */
export function extendTaxonomy(base: Taxonomy, extension: readonly Partial<Concept>[]): Taxonomy {
  const problems: string[] = [];
  const merged = new Map<string, Concept>(base.concepts.map((c) => [c.id, c]));
  const seen = new Set<string>();
  extension.forEach((entry, index) => {
    const where = `extension[${index}]`;
    if (entry === null || typeof entry !== 'object' || typeof entry.id !== 'string' || !entry.id) {
      problems.push(`${where}: id is missing`);
      return;
    }
    if (seen.has(entry.id)) problems.push(`${where}: id "${entry.id}" appears twice in the extension`);
    seen.add(entry.id);
    const existing = merged.get(entry.id);
    if (existing) {
      merged.set(entry.id, { ...existing, ...definedFields(entry) });
      return;
    }
    const missing = (['name', 'parent', 'kind'] as const).filter((field) => entry[field] === undefined);
    if (missing.length > 0)
      problems.push(`${where} ("${entry.id}"): new concepts need ${missing.join(', ')}`);
    merged.set(entry.id, { aliases: [], ...definedFields(entry) } as Concept);
  });
  const concepts = [...merged.values()];
  problems.push(...validateConcepts(concepts).filter((p) => !problems.includes(p)));
  if (problems.length > 0) throw new ConceptTaxonomyError(problems);
  const taxonomy = freezeTaxonomy(concepts);
  compileTaxonomy(taxonomy);
  return taxonomy;
}

function definedFields(entry: Partial<Concept>): Partial<Concept> {
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== undefined),
  ) as Partial<Concept>;
}

/** The concepts from the root down to `id` (empty when `id` is unknown). */
export function conceptPath(taxonomy: Taxonomy, id: string): Concept[] {
  const compiled = compileTaxonomy(taxonomy);
  const index = compiled.indexOf.get(id);
  if (index === undefined) return [];
  return (compiled.path[index] as string[]).map(
    (pathId) => compiled.concepts[compiled.indexOf.get(pathId) as number] as Concept,
  );
}

/** The direct children of `id`, in taxonomy order (empty when `id` is unknown or a leaf). */
export function childrenOf(taxonomy: Taxonomy, id: string): Concept[] {
  const compiled = compileTaxonomy(taxonomy);
  const index = compiled.indexOf.get(id);
  if (index === undefined) return [];
  return (compiled.children[index] as number[]).map((child) => compiled.concepts[child] as Concept);
}

/** The concept with this id, if any. */
export function getConcept(taxonomy: Taxonomy, id: string): Concept | undefined {
  const compiled = compileTaxonomy(taxonomy);
  const index = compiled.indexOf.get(id);
  return index === undefined ? undefined : compiled.concepts[index];
}

/** The root concepts of a taxonomy, in taxonomy order. */
export function rootConcepts(taxonomy: Taxonomy): Concept[] {
  return taxonomy.concepts.filter((c) => c.parent === null);
}
