import type { SqlClient } from './db.ts';
import { lexemesFromQueryTree } from '../core/search/highlight-snippet.ts';
import { closestWord, nearMisses, type FixCandidate } from '../core/search/spelling-fix.ts';
import type { Facets, IssueFilters, SearchSort } from '../core/search/issue-query.ts';
import { ISSUE_COLUMNS, type StoredIssue } from './issue.repository.ts';
import { countFacets } from './search-facets.ts';
import { encodeCursor, SqlWhere, type SearchCursor, type SearchScope } from './search-filters.ts';
import { isFullText, sqlMatch, whereOf, type TextMatch } from './search-match.ts';
import { ISO_UTC, newestMatches, newestUpdateSql, type RecentMatch } from './search-recent.ts';

export { ALL_REPOSITORIES, decodeCursor, type SearchCursor, type SearchScope } from './search-filters.ts';
export type { TextMatch } from './search-match.ts';

/**
 * Relevance is computed over at most this many matches, the most recently updated ones. Ranking every
 * match of a common word costs a tsvector read per match (hundreds of ms at 100k issues); capping the
 * candidate set keeps p99 bounded and, for issue trackers, favours live issues among equally good hits.
 */
export const RELEVANCE_CANDIDATES = 500;
/** Trigram-similar lexicon words a spelling fix chooses among (beside the near misses). */
const TRIGRAM_CANDIDATES = 5;
/** Matches are counted up to this many; `totalCapped` says there are more. */
export const MAX_COUNTED = 500;
/**
 * Facets count at most this many matches, the most recently updated ones: the relevance candidates,
 * so the facets describe the results a user can page through. Counting more costs a row read and
 * an analysis lookup per match (5,000 took about 100 ms on PGlite at 100,000 issues).
 */
export const FACET_SAMPLE = 500;

/** Which page of the matches to return, in which order, and whether to sample them for facets. */
export interface PageRequest {
  filters: IssueFilters;
  /** 'relevance' orders by rank in the ranked modes (all words, any word, fuzzy title), by update time otherwise. */
  sort: SearchSort;
  limit: number;
  cursor: SearchCursor | null;
  facets: boolean;
}

/** One page of matching issue ids, how many matched, and which matches the facets count. */
export interface MatchedPage {
  ids: number[];
  nextCursor: string | null;
  /** Number of matches, counted up to MAX_COUNTED; `totalCapped` says when there are more. */
  total: number;
  totalCapped: boolean;
  /** The newest FACET_SAMPLE matches, for facetCounts; `sampled` when there are more. Null when not asked for. */
  facetSample: { ids: number[]; sampled: boolean } | null;
  /** The positive stemmed words of a full-text query (for highlighting); none for the title modes. */
  lexemes: string[];
  /** Terms of a full-text query; 0 when its text has only stop words (nothing is read). Null for the title modes. */
  queryTerms: number | null;
}

const NO_MATCHES: MatchedPage = {
  ids: [],
  nextCursor: null,
  total: 0,
  totalCapped: false,
  facetSample: null,
  lexemes: [],
  queryTerms: null,
};

/** Highest rank first; a stable sort keeps equal ranks newest first, as they were read. */
const byRank = (a: RecentMatch, b: RecentMatch) => b.rank! - a.rank!;

/**
 * Full-text and fuzzy issue search: one function per way of matching, facet counts, the page's rows
 * and the spelling lexicon. Which mode to run, and when to fall back to another, is the search
 * service's decision (services/search.service.ts). Every query is limited to `scope`.
 *
 * A mode reads its most recently updated matches once (newest first, through the week keys when
 * there is text: search-recent.ts), as many as the count needs, with their rank: the count, the
 * relevance page, the first page by update time and the facet sample all come from that read.
 */
export function createSearchRepository(db: SqlClient) {
  /**
   * What a text mode needs before its matches are read: the newest update in scope, where its week
   * ranges start, and for full text its number of terms and query words (querytree: 'T' when the
   * index cannot answer it).
   */
  async function probe(
    match: TextMatch,
    scope: SearchScope,
  ): Promise<{ terms: number | null; tree: string | null; newest: string | null }> {
    const where = new SqlWhere();
    const tsquery = isFullText(match) ? (sqlMatch(match, where) as { tsquery: string }).tsquery : null;
    const result = await db.query<{ terms: number | null; tree: string | null; newest: string | null }>(
      `SELECT ${tsquery ? `numnode(${tsquery})` : 'NULL'} AS terms, ${tsquery ? `querytree(${tsquery})` : 'NULL'} AS tree,
         ${newestUpdateSql(scope, where)} AS newest`,
      where.params,
    );
    return result.rows[0]!;
  }

  async function page(
    match: TextMatch | null,
    request: PageRequest,
    scope: SearchScope,
  ): Promise<MatchedPage> {
    const { filters, sort, limit, cursor } = request;
    const probed = match ? await probe(match, scope) : null;
    if (probed?.terms === 0) return { ...NO_MATCHES, queryTerms: 0 };
    const { where, sql } = whereOf(match, filters, scope, { indexable: probed?.tree !== 'T' });
    const weeks = probed ? { newest: probed.newest, notAfter: filters.updatedTo ?? null } : null;
    // A title substring has no relevance score: its matches come newest first.
    const rank = sort === 'relevance' ? (sql?.rank ?? null) : null;
    const need = Math.max(MAX_COUNTED, RELEVANCE_CANDIDATES, request.facets ? FACET_SAMPLE : 0) + 1;
    const recent = await newestMatches(db, { where, need, rank }, weeks);
    const offset = cursor && 'o' in cursor ? cursor.o : 0;
    const keyset = cursor && 't' in cursor ? cursor : null;
    // The page, and one match more to tell whether there is a next page.
    let ids: RecentMatch[];
    if (rank)
      ids = recent
        .slice(0, RELEVANCE_CANDIDATES)
        .sort(byRank)
        .slice(offset, offset + limit + 1);
    else if (sort === 'created') ids = await createdOrderIds(where, { limit, cursor: keyset });
    else if (!keyset) ids = recent.slice(0, limit + 1);
    else
      ids = await newestMatches(
        db,
        { where: afterCursor(where, 'i.updated_at', keyset), need: limit + 1 },
        weeks && { ...weeks, notAfter: keyset.t },
      );
    const pageIds = ids.slice(0, limit);
    const last = pageIds.at(-1);
    let nextCursor: string | null = null;
    if (ids.length > limit && last) {
      const next = offset + limit;
      nextCursor = rank
        ? next < RELEVANCE_CANDIDATES
          ? encodeCursor({ o: next })
          : null
        : encodeCursor({ t: last.at!, id: last.id });
    }
    return {
      ids: pageIds.map((r) => r.id),
      nextCursor,
      total: Math.min(recent.length, MAX_COUNTED),
      totalCapped: recent.length > MAX_COUNTED,
      facetSample: request.facets
        ? { ids: recent.slice(0, FACET_SAMPLE).map((r) => r.id), sampled: recent.length > FACET_SAMPLE }
        : null,
      lexemes: lexemesFromQueryTree(probed?.tree ?? null),
      queryTerms: probed?.terms ?? null,
    };
  }

  /** Matches by creation time, newest first, after a keyset cursor; `at` is created_at. */
  async function createdOrderIds(
    where: SqlWhere,
    page: { limit: number; cursor: { t: string; id: number } | null },
  ): Promise<RecentMatch[]> {
    const keyset = page.cursor ? afterCursor(where, 'i.created_at', page.cursor) : where;
    const result = await db.query<RecentMatch>(
      `SELECT i.id, to_char(i.created_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS at FROM issues i ${keyset.sql}
       ORDER BY i.created_at DESC, i.id DESC LIMIT ${page.limit + 1}`,
      keyset.params,
    );
    return result.rows;
  }

  return {
    /**
     * Issues with all the words (websearch syntax: "phrase", or, -word), ranked by ts_rank_cd;
     * `queryTerms` 0 says the text has no searchable word (stop words only).
     */
    allWords: (text: string, request: PageRequest, scope: SearchScope) =>
      page({ mode: 'all-words', text }, request, scope),
    /** Issues with any of the words, ranked by ts_rank_cd. */
    anyWord: (text: string, request: PageRequest, scope: SearchScope) =>
      page({ mode: 'any-word', text }, request, scope),
    /** Issues whose title contains the text (any case), newest first: for text with no searchable word. */
    titleSubstring: (text: string, request: PageRequest, scope: SearchScope) =>
      page({ mode: 'title-substring', text }, request, scope),
    /** Issues whose title resembles the text (pg_trgm word similarity), most similar first. */
    fuzzyTitle: (text: string, request: PageRequest, scope: SearchScope) =>
      page({ mode: 'fuzzy-title', text }, request, scope),
    /** Issues matching the filters alone, by update or creation time. */
    filtered: (request: PageRequest, scope: SearchScope) => page(null, request, scope),

    /** Counts per facet over the issues of a page's facet sample, in one query (search-facets.ts). */
    facetCounts: (ids: readonly number[]): Promise<Facets> => countFacets(db, ids),

    /** The issues of `ids`, in that order. */
    async issueRows(ids: readonly number[]): Promise<StoredIssue[]> {
      if (ids.length === 0) return [];
      const rows = (
        await db.query<StoredIssue>(
          `SELECT ${ISSUE_COLUMNS} FROM issues i JOIN repositories r ON r.id = i.repo_id WHERE i.id = ANY($1::bigint[])`,
          [ids],
        )
      ).rows;
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id)).filter((row): row is StoredIssue => row !== undefined);
    },

    /**
     * For each word no title contains, the closest word titles do contain, or null; words titles
     * contain are left out. Candidates are the most trigram-similar lexicon words (pg_trgm over the
     * small search_terms lexicon, through its trigram index) and the words one swap or one dropped
     * letter away, looked up by key (trigrams miss "memroy" → "memory"); the fewest edits win
     * (core/search/spelling-fix.ts).
     */
    async closestTitleWords(words: readonly string[]): Promise<{ word: string; fix: string | null }[]> {
      if (words.length === 0) return [];
      const misses = words.flatMap((word) => nearMisses(word).map((miss) => [word, miss] as const));
      const result = await db.query<{ word: string; candidate: string | null; ndoc: number | null }>(
        `WITH typed AS (
           SELECT w.word FROM unnest($1::text[]) AS w(word)
           WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.word = w.word)),
         candidates AS (
           SELECT typed.word, c.word AS candidate, c.ndoc FROM typed CROSS JOIN LATERAL
             (SELECT t.word, t.ndoc FROM search_terms t WHERE t.word % typed.word
              ORDER BY similarity(t.word, typed.word) DESC, t.ndoc DESC, t.word LIMIT ${TRIGRAM_CANDIDATES}) c
           UNION
           SELECT m.word, t.word, t.ndoc FROM unnest($2::text[], $3::text[]) AS m(word, miss)
             JOIN typed ON typed.word = m.word JOIN search_terms t ON t.word = m.miss)
         SELECT typed.word, c.candidate, c.ndoc FROM typed LEFT JOIN candidates c ON c.word = typed.word`,
        [words, misses.map(([word]) => word), misses.map(([, miss]) => miss)],
      );
      const candidates = new Map<string, FixCandidate[]>();
      for (const row of result.rows) {
        const list = candidates.get(row.word) ?? candidates.set(row.word, []).get(row.word)!;
        if (row.candidate !== null) list.push({ word: row.candidate, ndoc: Number(row.ndoc) });
      }
      return words
        .filter((word) => candidates.has(word))
        .map((word) => ({ word, fix: closestWord(word, candidates.get(word)!) }));
    },
  };
}

/** A copy of `where` limited to rows after a keyset cursor in (column, id) descending order. */
function afterCursor(where: SqlWhere, column: string, cursor: { t: string; id: number }): SqlWhere {
  const keyset = new SqlWhere();
  keyset.params.push(...where.params);
  keyset.clauses.push(...where.clauses);
  return keyset.add(
    `(${column}, i.id) < (${keyset.param(cursor.t)}::timestamptz, ${keyset.param(cursor.id)}::bigint)`,
  );
}

const LEXICON_WORD = `length(word) BETWEEN 3 AND 40 AND word ~ '^[a-z][a-z0-9_-]*$'`;

/** The database's clock now: pass it to refreshSearchTerms as `changedSince` after writing issues. */
export async function searchTermsCheckpoint(db: SqlClient): Promise<string> {
  return (await db.query<{ now: string }>('SELECT now() AS now')).rows[0]!.now;
}

/**
 * Keeps the title lexicon used for spelling fixes current. Without options it is rebuilt from every
 * title. With `changedSince` only the titles written since (issues.synced_at) are read, and each of
 * their words' `ndoc` is raised to at least its count among them: a re-sync of a large store then
 * costs its changes, not a pass over all titles. Counts become lower bounds and words of edited-away
 * titles stay until the next full rebuild; both only affect which spelling fix is offered.
 */
export async function refreshSearchTerms(
  db: { transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> },
  options: { changedSince?: string } = {},
): Promise<void> {
  if (options.changedSince !== undefined) {
    const since = options.changedSince;
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO search_terms (word, ndoc)
         SELECT word, ndoc FROM ts_stat(format('SELECT to_tsvector(''simple'', title) FROM issues WHERE synced_at >= %L::timestamptz', $1::text))
         WHERE ${LEXICON_WORD}
         ON CONFLICT (word) DO UPDATE SET ndoc = GREATEST(search_terms.ndoc, EXCLUDED.ndoc)`,
        [since],
      ),
    );
    return;
  }
  await db.transaction((tx) =>
    tx.exec(`DELETE FROM search_terms;
      INSERT INTO search_terms (word, ndoc)
      SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', title) FROM issues')
      WHERE ${LEXICON_WORD};`),
  );
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
