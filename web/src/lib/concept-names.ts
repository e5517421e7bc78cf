import { useEffect, useState } from 'react';
import { listConcepts } from '../api-client/api-client.ts';
import type { Concept } from '../api-client/api-types.ts';

// The taxonomy changes only with a new Loupe version, so one fetch per page load serves every view
// that needs concept names (facets, chips, paths). A failed fetch is forgotten so the next view retries.
let cached: Promise<Concept[]> | null = null;

/** The concept taxonomy, fetched once and shared. */
export function loadConceptsOnce(): Promise<Concept[]> {
  if (!cached) {
    cached = listConcepts().catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}

/** Seeds the shared taxonomy with a fresher copy (the concepts page fetches its own for counts). */
export function primeConcepts(concepts: Concept[]): void {
  cached = Promise.resolve(concepts);
}

/** Concepts by id; empty until loaded (callers then show ids, which are readable enough). */
export function useConceptIndex(): ReadonlyMap<string, Concept> {
  const [index, setIndex] = useState<ReadonlyMap<string, Concept>>(() => new Map());
  useEffect(() => {
    let live = true;
    loadConceptsOnce().then(
      (concepts) => {
        if (live) setIndex(new Map(concepts.map((c) => [c.id, c])));
      },
      () => {
        // Names are a nicety here: without them the ids are shown, so a failure stays silent.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return index;
}

/** Concept names by id, for labels. */
export function conceptNameMap(index: ReadonlyMap<string, Concept>): Map<string, string> {
  return new Map([...index.values()].map((c) => [c.id, c.name]));
}
