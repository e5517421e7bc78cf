/**
 * Retrieval of duplicate candidates: the first, cheap stage before rankDuplicateCandidates.
 *
 * Plan: an OR tsquery of the query issue's most informative words (buildRetrievalTerms) is
 * matched against `issues.search_vector` through its GIN index (bitmap index scan). GIN cannot
 * return "best first", so the work is bounded twice: words are chosen under a match budget
 * (their summed document frequencies, from CorpusStats, stay under ~candidateCap rows), which
 * keeps the posting lists short and the planner on the index; and at most `candidateCap` rows
 * are scored with ts_rank_cd, in the same scan that finds them, before the best `limit` are
 * returned; only those few rows are then read in full (title and body), so the scan touches
 * just the tsvector. No ts_headline. Plain PostgreSQL that PGlite runs.
 */
import { buildRetrievalTerms } from '../core/duplicates/index.ts';
import type { CorpusStats } from '../core/duplicates/index.ts';
import type { IssueText } from '../core/issue.ts';

/**
 * Parameters: $1 tsquery text ('a | b | c'), $2 repository ids (bigint[], or null for all),
 * $3 id of the query issue to exclude (bigint, or null), $4 only issues created before this
 * (timestamptz, or null), $5 candidate cap (rows scored), $6 rows to return.
 * Returns id, repo_id, number, title, body, created_at and `rank`: ts_rank_cd with normalisation
 * 1|32 (divided by 1 + log(length), then scaled into 0..1).
 */
export const DUPLICATE_CANDIDATES_SQL = `
SELECT i.id, i.repo_id, i.number, i.title, i.body, i.created_at, c.rank
FROM (
  SELECT i.id, ts_rank_cd(i.search_vector, to_tsquery('english', $1::text), 1 | 32) AS rank
  FROM issues i
  WHERE i.search_vector @@ to_tsquery('english', $1::text)
    AND ($2::bigint[] IS NULL OR i.repo_id = ANY($2::bigint[]))
    AND ($3::bigint IS NULL OR i.id <> $3::bigint)
    AND ($4::timestamptz IS NULL OR i.created_at < $4::timestamptz)
  LIMIT $5::int
) c
JOIN issues i ON i.id = c.id
ORDER BY c.rank DESC, c.id DESC
LIMIT $6::int
`;

/** A query issue and the scope of the search. */
export interface DuplicateCandidatesQuery {
  text: IssueText;
  /** The query issue's own id, excluded from results. */
  issueId?: string | number | bigint | null;
  /** Limit to these repositories; null or omitted searches all. */
  repoIds?: readonly (string | number | bigint)[] | null;
  /** Only issues created before this instant (ISO-8601), e.g. the query's own created_at. */
  createdBefore?: string | null;
  /** How many words go into the OR query (default 24). */
  maxTerms?: number;
  /** Rows scored before ranking, and the match budget for choosing words (default 400). */
  candidateCap?: number;
  /** Issues in the searched scope, when corpusStats was built on a sample of it. */
  collectionSize?: number;
  /** Rows returned (default 50). */
  limit?: number;
  corpusStats?: CorpusStats;
}

export type DuplicateCandidatesParams = [string, string[] | null, string | null, string | null, number, number];

/**
 * The tsquery text for a list of words: each word reduced to [a-z0-9] and joined with " | ".
 * Returns null when no word is left (then there is nothing to search for; skip the query).
 */
export function toOrTsquery(terms: readonly string[]): string | null {
  const clean = [...new Set(terms.map((t) => t.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((t) => t.length > 1))];
  return clean.length > 0 ? clean.join(' | ') : null;
}

/**
 * Parameters for DUPLICATE_CANDIDATES_SQL, or null when the issue has no searchable word.
 * ids are passed as strings so bigint values survive both `pg` and PGlite.
 */
export function buildDuplicateCandidatesParams(query: DuplicateCandidatesQuery): DuplicateCandidatesParams | null {
  const cap = positiveInt(query.candidateCap, 400);
  const terms = buildRetrievalTerms(query.text, {
    maxTerms: query.maxTerms ?? 24,
    matchBudget: cap,
    ...(query.corpusStats ? { corpusStats: query.corpusStats } : {}),
    ...(query.collectionSize ? { collectionSize: query.collectionSize } : {}),
  });
  const tsquery = toOrTsquery(terms);
  if (tsquery === null) return null;
  return [
    tsquery,
    query.repoIds ? query.repoIds.map((id) => String(id)) : null,
    query.issueId === undefined || query.issueId === null ? null : String(query.issueId),
    query.createdBefore ?? null,
    cap,
    positiveInt(query.limit, 50),
  ];
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
