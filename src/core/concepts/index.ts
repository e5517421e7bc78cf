/**
 * Concepts: Loupe's hierarchical taxonomy of languages, frameworks, tools, domains and skills, and
 * a pure tagger that finds them in issues and repositories. Data format and workspace extensions:
 * README.md in this folder.
 */
export { CONCEPT_KINDS, ConceptTaxonomyError } from './concept.types.ts';
export type { Concept, ConceptKind, ConceptTag, Taxonomy } from './concept.types.ts';
export {
  defaultTaxonomy,
  extendTaxonomy,
  conceptPath,
  childrenOf,
  getConcept,
  rootConcepts,
} from './taxonomy.ts';
export { validateConcepts } from './taxonomy.validate.ts';
export { tagConcepts } from './tag-concepts.ts';
export type { TagConceptsInput } from './tag-concepts.ts';
export { tagRepository } from './tag-repository.ts';
export type { TagRepositoryInput } from './tag-repository.ts';
export type { TagOptions } from './evidence.score.ts';
