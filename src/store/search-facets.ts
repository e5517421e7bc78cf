/** Facet counts of a set of matched issues. */
import type { SqlClient } from './db.ts';
import { emptyFacets, type FacetName, type Facets } from '../core/search/issue-query.ts';

/** Values listed per open-ended facet (labels, repositories, authors, concepts), most frequent first. */
const FACET_LIMIT = 20;

/** One issue's facet values, as the query below builds them. */
type FacetRow = [
  state: string,
  isPullRequest: boolean,
  repo: string,
  author: string | null,
  issueType: string | null,
  difficulty: string | null,
  labels: string[],
  concepts: string[] | null,
];

/**
 * Counts per facet over the issues of `ids`. One plain query reads each issue's facet values (its
 * analysis joined) as a JSON array and the counting is done here: a query that grouped by each facet
 * spent most of its time being planned (a UNION of eight GROUP BYs: 10 ms on PGlite for 500 issues,
 * of which 3.5 ms planning, against 7 ms in all this way).
 */
export async function countFacets(db: SqlClient, ids: readonly number[]): Promise<Facets> {
  if (ids.length === 0) return emptyFacets();
  const result = await db.query<{ rows: FacetRow[] | null }>(
    `SELECT json_agg(json_build_array(i.state, i.is_pull_request, r.owner || '/' || r.name, i.author, a.type, a.difficulty,
       i.label_names, a.concept_ids)) AS rows
     FROM issues i JOIN repositories r ON r.id = i.repo_id LEFT JOIN issue_analysis a ON a.issue_id = i.id
     WHERE i.id = ANY($1::bigint[])`,
    [ids],
  );
  const counts = new Map<FacetName, Map<string, number>>();
  const add = (facet: FacetName, value: string | null) => {
    if (value === null) return;
    const values = counts.get(facet) ?? counts.set(facet, new Map()).get(facet)!;
    values.set(value, (values.get(value) ?? 0) + 1);
  };
  for (const [state, isPullRequest, repo, author, issueType, difficulty, labels, concepts] of result.rows[0]
    ?.rows ?? []) {
    add('state', state);
    add('type', isPullRequest ? 'pr' : 'issue');
    add('repos', repo);
    add('authors', author);
    add('issueType', issueType);
    add('difficulty', difficulty);
    for (const label of labels) add('labels', label);
    for (const concept of concepts ?? []) add('concepts', concept);
  }
  const facets = emptyFacets();
  for (const [facet, values] of counts) {
    facets[facet] = [...values]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, FACET_LIMIT);
  }
  return facets;
}
