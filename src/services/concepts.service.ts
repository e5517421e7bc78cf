import { ANALYSIS_VERSION } from '../core/analysis/analysis-version.ts';
import {
  ConceptTaxonomyError,
  defaultTaxonomy,
  extendTaxonomy,
  type Concept,
  type ConceptKind,
  type Taxonomy,
} from '../core/concepts/index.ts';
import { LoupeError } from '../core/errors.ts';
import { createConceptRepository } from '../store/concept.repository.ts';
import type { SqlClient } from '../store/db.ts';

/** The taxonomy analyses should use: the built-in one plus the workspace's extension. */
export interface EffectiveTaxonomy {
  taxonomy: Taxonomy;
  /** The extension's revision (0 when none was saved); part of the analysis version. */
  revision: number;
  /** Ids the extension adds or overrides. */
  customIds: ReadonlySet<string>;
  /**
   * Why the stored extension could not be applied (empty when it was). A saved extension was valid
   * when saved, but a newer built-in taxonomy can conflict with it (an alias now claimed by a
   * built-in concept); analysis then falls back to the built-in taxonomy instead of failing.
   */
  problems: string[];
}

export interface ConceptSummary {
  id: string;
  name: string;
  parent: string | null;
  kind: ConceptKind;
  issueCount: number;
  /** The concept is added or overridden by the workspace extension. */
  custom: boolean;
}

// Compiling a taxonomy is the costly part; keep one per database until its revision moves.
const cache = new WeakMap<SqlClient, Map<number, EffectiveTaxonomy>>();

function build(extensions: readonly Partial<Concept>[], revision: number): EffectiveTaxonomy {
  const customIds = new Set(extensions.map((e) => e.id).filter((id): id is string => typeof id === 'string'));
  if (extensions.length === 0) return { taxonomy: defaultTaxonomy, revision, customIds, problems: [] };
  try {
    return { taxonomy: extendTaxonomy(defaultTaxonomy, extensions), revision, customIds, problems: [] };
  } catch (error) {
    if (!(error instanceof ConceptTaxonomyError)) throw error;
    return { taxonomy: defaultTaxonomy, revision, customIds: new Set(), problems: error.problems };
  }
}

/**
 * The effective concept taxonomy of a workspace, and the extension revision it reflects.
 * Cached per database object: a call costs one small query while the revision is unchanged.
 */
export async function loadEffectiveTaxonomy(db: SqlClient, workspaceId: number): Promise<EffectiveTaxonomy> {
  const concepts = createConceptRepository(db);
  const cached = cacheOf(db).get(workspaceId);
  if (cached && cached.revision === (await concepts.extensionsRevision(workspaceId))) return cached;
  const stored = await concepts.extensions(workspaceId);
  const effective = build(stored.extensions, stored.revision);
  cacheOf(db).set(workspaceId, effective);
  return effective;
}

function cacheOf(db: SqlClient): Map<number, EffectiveTaxonomy> {
  let perWorkspace = cache.get(db);
  if (!perWorkspace) cache.set(db, (perWorkspace = new Map()));
  return perWorkspace;
}

/**
 * The version an analysis made with this extension revision is stored under: ANALYSIS_VERSION while
 * no extension was ever saved (so adding this feature re-analyses nothing), and
 * `${ANALYSIS_VERSION}+concepts.${revision}` after, so every save makes stored analyses stale.
 */
export function analysisVersionFor(revision: number): string {
  return revision === 0 ? ANALYSIS_VERSION : `${ANALYSIS_VERSION}+concepts.${revision}`;
}

export interface ConceptsServiceDeps {
  db: SqlClient;
  /** Called after a save, e.g. to queue re-analysis of the workspace's repositories with the new taxonomy. */
  afterSave?: (workspaceId: number, revision: number) => Promise<void>;
}

/** Browsing the effective taxonomy and editing the workspace's extension of it. */
export function createConceptsService(deps: ConceptsServiceDeps) {
  const concepts = createConceptRepository(deps.db);
  return {
    /** Every concept of the effective taxonomy with its issue count (descendants not included). */
    async list(workspaceId: number): Promise<ConceptSummary[]> {
      const [effective, counts] = await Promise.all([
        loadEffectiveTaxonomy(deps.db, workspaceId),
        concepts.issueCounts(workspaceId),
      ]);
      return effective.taxonomy.concepts.map((c) => ({
        id: c.id,
        name: c.name,
        parent: c.parent,
        kind: c.kind,
        issueCount: counts.get(c.id) ?? 0,
        custom: effective.customIds.has(c.id),
      }));
    },

    /** The stored extension, its revision, and why it cannot be applied (if so; see EffectiveTaxonomy). */
    async getExtensions(
      workspaceId: number,
    ): Promise<{ extensions: Partial<Concept>[]; revision: number; problems: string[] }> {
      const [stored, effective] = await Promise.all([
        concepts.extensions(workspaceId),
        loadEffectiveTaxonomy(deps.db, workspaceId),
      ]);
      return { extensions: stored.extensions, revision: stored.revision, problems: effective.problems };
    },

    /**
     * Validates `extensions` against the built-in taxonomy and, when valid, replaces the stored
     * extension. Throws INVALID_INPUT listing every problem (details.problems) and saves nothing
     * otherwise. `concepts` is the size of the resulting taxonomy.
     */
    async saveExtensions(
      workspaceId: number,
      extensions: readonly Partial<Concept>[],
    ): Promise<{ extensions: Partial<Concept>[]; revision: number; concepts: number }> {
      let taxonomy: Taxonomy;
      try {
        taxonomy = extendTaxonomy(defaultTaxonomy, extensions);
      } catch (error) {
        if (!(error instanceof ConceptTaxonomyError)) throw error;
        const { problems } = error;
        throw new LoupeError(
          'INVALID_INPUT',
          `Concept extension not saved (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')}`,
          { problems },
        );
      }
      const saved = await concepts.saveExtensions(workspaceId, extensions);
      const customIds = new Set(
        extensions.map((e) => e.id).filter((id): id is string => typeof id === 'string'),
      );
      cacheOf(deps.db).set(workspaceId, { taxonomy, revision: saved.revision, customIds, problems: [] });
      await deps.afterSave?.(workspaceId, saved.revision);
      return { extensions: saved.extensions, revision: saved.revision, concepts: taxonomy.concepts.length };
    },
  };
}

export type ConceptsService = ReturnType<typeof createConceptsService>;
