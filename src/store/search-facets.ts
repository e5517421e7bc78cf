/** Facet counts of a set of matched issues. */
import type { SqlClient } from './db.ts';
import { emptyFacets, type FacetName, type Facets } from '../core/search/issue-query.ts';

/** Values listed per facet, most frequent first. */
const FACET_LIMIT = 20;

/**
 * Counts per facet over the issues of `ids`, in one query: the issues are read once (with their
 * analysis) and each facet groups that set; the FACET_LIMIT most frequent values of the open-ended
 * facets are kept (ties by value). One pass that turns each issue into (facet, value) rows and
 * groups those once was slower on PGlite (50-90 ms for 500 issues against 8-16 ms).
 */
export async function countFacets(db: SqlClient, ids: readonly number[]): Promise<Facets> {
  const facets = emptyFacets();
  if (ids.length === 0) return facets;
  const result = await db.query<{ facet: FacetName; value: string; count: number }>(
    `WITH m AS MATERIALIZED (
       SELECT i.state, i.is_pull_request, i.label_names, r.owner || '/' || r.name AS repo, i.author,
         a.type AS issue_type, a.difficulty, a.concept_ids
       FROM issues i JOIN repositories r ON r.id = i.repo_id LEFT JOIN issue_analysis a ON a.issue_id = i.id
       WHERE i.id = ANY($1::bigint[]))
     SELECT 'state' AS facet, state AS value, count(*)::int AS count FROM m GROUP BY state
     UNION ALL SELECT 'type', CASE WHEN is_pull_request THEN 'pr' ELSE 'issue' END, count(*)::int FROM m GROUP BY 2
     UNION ALL (SELECT 'labels', l, count(*)::int FROM m, unnest(label_names) l GROUP BY l ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
     UNION ALL (SELECT 'repos', repo, count(*)::int FROM m GROUP BY repo ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
     UNION ALL (SELECT 'authors', author, count(*)::int FROM m WHERE author IS NOT NULL GROUP BY author ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
     UNION ALL SELECT 'issueType', issue_type, count(*)::int FROM m WHERE issue_type IS NOT NULL GROUP BY issue_type
     UNION ALL SELECT 'difficulty', difficulty, count(*)::int FROM m WHERE difficulty IS NOT NULL GROUP BY difficulty
     UNION ALL (SELECT 'concepts', c, count(*)::int FROM m, unnest(concept_ids) c GROUP BY c ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})`,
    [ids],
  );
  for (const row of result.rows) facets[row.facet].push({ value: row.value, count: row.count });
  for (const list of Object.values(facets))
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}
