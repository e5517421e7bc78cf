/**
 * Retrieval of duplicate candidates: the first, cheap stage before rankDuplicateCandidates.
 *
 * Plan: an OR tsquery of the query issue's most informative words (buildRetrievalQuery) is
 * matched against `issues.search_vector` through its GIN index (bitmap index scan). GIN cannot
 * return "best first", so the work is bounded twice: words are chosen under a match budget
 * (their summed document frequencies, from CorpusStats, stay under ~candidateCap rows), which
 * keeps the posting lists short and the planner on the index; and at most `candidateCap` rows
 * are scored with ts_rank_cd, in the same scan that finds them, before the best `limit` are
 * returned; only those few rows are then joined back and read in full (title and body): the
 * top-`limit` is taken inside a subquery because, written as one ORDER BY over the join, PostgreSQL
 * joined all `candidateCap` rows first (hundreds of index look-ups) and sorted afterwards. No ts_headline. Plain PostgreSQL that PGlite runs.
 */
import { buildRetrievalQuery } from '../core/duplicates/index.ts';
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
SELECT i.id, i.repo_id, i.number, i.title, i.body, i.created_at, best.rank
FROM (
  SELECT c.id, c.rank
  FROM (
    SELECT i.id, ts_rank_cd(i.search_vector, to_tsquery('english', $1::text), 1 | 32) AS rank
    FROM issues i
    WHERE i.search_vector @@ to_tsquery('english', $1::text)
      AND ($2::bigint[] IS NULL OR i.repo_id = ANY($2::bigint[]))
      AND ($3::bigint IS NULL OR i.id <> $3::bigint)
      AND ($4::timestamptz IS NULL OR i.created_at < $4::timestamptz)
    LIMIT $5::int
  ) c
  ORDER BY c.rank DESC, c.id DESC
  LIMIT $6::int
) best
JOIN issues i ON i.id = best.id
ORDER BY best.rank DESC, best.id DESC
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
  /** Most index entries the query may read (see RetrievalTermsOptions.postingBudget; default 15,000). */
  postingBudget?: number;
  /** Issues in the searched scope, when corpusStats was built on a sample of it. */
  collectionSize?: number;
  /** Rows returned (default 50). */
  limit?: number;
  corpusStats?: CorpusStats;
}

/**
 * Index entries a retrieval may read by default. Measured on PostgreSQL at 1M issues: a GIN posting
 * entry costs ~0.2 µs to read into the bitmap, and an OR matching a few percent of the table tempts
 * the planner into a sequential scan that may run far before it finds its rows. Side by side in one
 * run over 190 new issues: 25,000 gave p99 14.5-21 ms, 15,000 gave 10.7-12.9 ms, 8,000 9.7-16 ms.
 * Small collections never reach it (gitbugs' RR@10 is unchanged).
 */
const DEFAULT_POSTING_BUDGET = 15_000;

export type DuplicateCandidatesParams = [
  string,
  string[] | null,
  string | null,
  string | null,
  number,
  number,
];

/**
 * The tsquery text for a list of words: each word reduced to [a-z0-9] and joined with " | " (any)
 * or " & " (all). Returns null when no word is left (then there is nothing to search for; skip the query).
 */
export function toTsquery(terms: readonly string[], match: 'any' | 'all' = 'any'): string | null {
  const clean = [
    ...new Set(terms.map((t) => t.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((t) => t.length > 1)),
  ];
  return clean.length > 0 ? clean.join(match === 'all' ? ' & ' : ' | ') : null;
}

/**
 * Parameters for DUPLICATE_CANDIDATES_SQL, or null when the issue has no searchable word.
 * ids are passed as strings so bigint values survive both `pg` and PGlite.
 */
export function buildDuplicateCandidatesParams(
  query: DuplicateCandidatesQuery,
): DuplicateCandidatesParams | null {
  const cap = positiveInt(query.candidateCap, 400);
  const { terms, match } = buildRetrievalQuery(query.text, {
    maxTerms: query.maxTerms ?? 24,
    matchBudget: cap,
    postingBudget: query.postingBudget ?? DEFAULT_POSTING_BUDGET,
    ...(query.corpusStats ? { corpusStats: query.corpusStats } : {}),
    ...(query.collectionSize ? { collectionSize: query.collectionSize } : {}),
  });
  const tsquery = toTsquery(terms, match);
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
