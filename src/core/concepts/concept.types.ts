/**
 * Types of the concept taxonomy: what a concept is, how a taxonomy holds them and what the tagger
 * returns. The data format (alias syntax, file and label indicators) is described in README.md.
 */

export type ConceptKind = 'language' | 'framework' | 'library' | 'domain' | 'skill' | 'tool' | 'platform';

export const CONCEPT_KINDS: readonly ConceptKind[] = [
  'language',
  'framework',
  'library',
  'domain',
  'skill',
  'tool',
  'platform',
];

/**
 * One node of the taxonomy.
 *
 * `aliases` are phrases matched token by token, case-insensitively. An alias written `~Word` is
 * ambiguous with ordinary English (Go, Rust, Spark): it matches only with that exact case and counts
 * only with corroboration (a version number after it, other evidence for the concept, or evidence
 * for one of its `context` concepts or its parent's subtree) — see tag-concepts.ts.
 */
export interface Concept {
  /** kebab-case, unique. */
  id: string;
  name: string;
  /** Id of the parent concept, or null for a root. */
  parent: string | null;
  kind: ConceptKind;
  aliases: string[];
  /** File indicators: `*.py` (extension), `Cargo.toml` (exact name), `Dockerfile*` (glob), `docs/` (folder). */
  files?: string[];
  /** Label indicators such as `area/ui`; `area: UI` and `area/ui` are the same label. */
  labels?: string[];
  /** Concept ids whose evidence confirms this concept's `~ambiguous` aliases (besides its parent's subtree). */
  context?: string[];
}

/** An immutable set of concepts. Build one with `extendTaxonomy`; lookups are compiled lazily and cached. */
export interface Taxonomy {
  readonly concepts: readonly Concept[];
}

/** A concept found in an issue or repository, with the reasons it was found. */
export interface ConceptTag {
  id: string;
  name: string;
  /** Ids from the root down to `id`. */
  path: string[];
  /** 0..1; see tag-concepts.ts for how evidence becomes a score. */
  score: number;
  /** Human-readable reasons, e.g. `title mentions "Kafka"`, `code block in python`, `implied by kafka`. */
  evidence: string[];
}

/**
 * A taxonomy (the default one or a workspace extension) is inconsistent. `problems` lists every
 * problem found, not just the first, so a workspace can fix its extension in one go.
 */
export class ConceptTaxonomyError extends Error {
  readonly code = 'INVALID_TAXONOMY' as const;

  constructor(readonly problems: string[]) {
    super(
      `Invalid concept taxonomy (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'ConceptTaxonomyError';
  }
}
