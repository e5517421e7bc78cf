import type { SqlClient } from './db.ts';
import { lexemesFromQueryTree } from '../core/search/highlight-snippet.ts';
import { emptyFacets, type FacetName, type Facets, type IssueFilters, type MatchMode, type SearchSort } from '../core/search/issue-query.ts';
import { ISSUE_COLUMNS, type StoredIssue } from './issue.repository.ts';
import { addIssueFilters, encodeCursor, SqlWhere, type SearchCursor, type SearchScope } from './search-filters.ts';

export { ALL_REPOSITORIES, decodeCursor, type SearchCursor, type SearchScope } from './search-filters.ts';

/**
 * Relevance is computed over at most this many matches, the most recently updated ones. Ranking every
 * match of a common word costs a tsvector read per match (hundreds of ms at 100k issues); capping the
 * candidate set keeps p99 bounded and, for issue trackers, favours live issues among equally good hits.
 */
export const RELEVANCE_CANDIDATES = 500;
/** Matches are counted up to this many; `totalCapped` says there are more. */
export const MAX_COUNTED = 500;
/** Facets count at most this many matches, the most recently updated ones. */
export const FACET_SAMPLE = 5000;
const FACET_LIMIT = 20;
const FROM = 'issues i JOIN repositories r ON r.id = i.repo_id';

/** The text of a search and the one way it is matched. */
export interface TextMatch {
  mode: MatchMode;
  text: string;
}

/** Which page of the matches to return, in which order. */
export interface PageRequest {
  filters: IssueFilters;
  /** 'relevance' orders by rank in the ranked modes (all words, any word, fuzzy title), by update time otherwise. */
  sort: SearchSort;
  limit: number;
  cursor: SearchCursor | null;
}

/** One page of matching issue ids. */
export interface MatchedPage {
  ids: number[];
  nextCursor: string | null;
  /** Number of matches, counted up to MAX_COUNTED; `totalCapped` says when there are more. */
  total: number;
  totalCapped: boolean;
}

export interface FacetResult {
  facets: Facets;
  /** True when there were more than FACET_SAMPLE matches: the counts cover the most recently updated ones. */
  sampled: boolean;
}

/** How one mode matches in SQL: a tsquery over parameters in `where`, or a title condition. */
type SqlMatch = { kind: 'fts'; tsquery: string } | { kind: 'title'; condition: string; orderBy?: string };

const websearch = (where: SqlWhere, text: string) => `websearch_to_tsquery('english', ${where.param(text)})`;

/** The SQL of each match mode; every mode's parameters are added to `where` first. */
function sqlMatch(match: TextMatch, where: SqlWhere): SqlMatch {
  switch (match.mode) {
    case 'all-words':
      return { kind: 'fts', tsquery: websearch(where, match.text) };
    case 'any-word':
      return { kind: 'fts', tsquery: `replace(${websearch(where, match.text)}::text, ' & ', ' | ')::tsquery` };
    case 'title-substring':
      return { kind: 'title', condition: `i.title ILIKE ${where.param(`%${match.text.replace(/[\\%_]/g, '\\$&')}%`)}` };
    case 'fuzzy-title': {
      const p = where.param(match.text);
      return { kind: 'title', condition: `${p} <% i.title`, orderBy: `word_similarity(${p}, i.title)` };
    }
  }
}

/** The WHERE of a match (or of the filters alone) within a scope. */
function whereOf(match: TextMatch | null, filters: IssueFilters, scope: SearchScope): { where: SqlWhere; sql: SqlMatch | null } {
  const where = new SqlWhere();
  const sql = match ? sqlMatch(match, where) : null;
  if (sql?.kind === 'fts') where.add(`i.search_vector @@ ${sql.tsquery}`);
  if (sql?.kind === 'title') where.add(sql.condition);
  addIssueFilters(filters, scope, where);
  return { where, sql };
}

/**
 * Full-text and fuzzy issue search: one function per way of matching, facet counts, the page's rows
 * and the spelling lexicon. Which mode to run, and when to fall back to another, is the search
 * service's decision (services/search.service.ts). Every query is limited to `scope`.
 */
export function createSearchRepository(db: SqlClient) {
  async function page(match: TextMatch | null, request: PageRequest, scope: SearchScope): Promise<MatchedPage> {
    const { where, sql } = whereOf(match, request.filters, scope);
    const cursor = request.cursor;
    // A title substring has no relevance score: its matches come newest first.
    const ranked = sql !== null && (sql.kind === 'fts' || sql.orderBy !== undefined);
    const byRelevance = ranked && request.sort === 'relevance';
    const offset = cursor && 'o' in cursor ? cursor.o : 0;
    const ids: { id: number; at: string; candidates?: number }[] = byRelevance
      ? await relevanceIds(where, sql, { limit: request.limit, offset, filtered: where.clauses.length > 1 })
      : await dateOrderedIds(where, { limit: request.limit, column: request.sort === 'created' ? 'i.created_at' : 'i.updated_at', cursor });
    const hasMore = ids.length > request.limit;
    const pageIds = ids.slice(0, request.limit);
    let nextCursor: string | null = null;
    const last = pageIds.at(-1);
    if (hasMore && last) {
      const next = offset + request.limit;
      nextCursor = byRelevance ? (next < RELEVANCE_CANDIDATES ? encodeCursor({ o: next }) : null) : encodeCursor({ t: last.at, id: last.id });
    }
    // Relevance pages already know how many candidates matched (at most the cap): no second pass.
    const counted = byRelevance && (ids[0]?.candidates ?? 0) < RELEVANCE_CANDIDATES && offset === 0
      ? ids[0]?.candidates ?? 0
      : await countMatches(where);
    return { ids: pageIds.map((r) => r.id), nextCursor, total: Math.min(counted, MAX_COUNTED), totalCapped: counted > MAX_COUNTED };
  }

  async function relevanceIds(where: SqlWhere, match: SqlMatch, page: { limit: number; offset: number; filtered: boolean }) {
    // With filters besides the text, the planner's independence guess often overrates the matches and
    // walks the updated_at index past every row; "+ 0" hides that index so it intersects the GIN indexes.
    const recency = page.filtered ? "i.updated_at + interval '0 s'" : 'i.updated_at';
    const rank = match.kind === 'fts' ? `ts_rank_cd(i.search_vector, ${match.tsquery})` : match.orderBy!;
    const result = await db.query<{ id: number; at: string; candidates: number }>(
      `SELECT c.id, c.updated_at AS at, count(*) OVER ()::int AS candidates FROM (
         SELECT i.id, i.updated_at FROM ${FROM} ${where.sql} ORDER BY ${recency} DESC, i.id DESC LIMIT ${RELEVANCE_CANDIDATES}
       ) c JOIN issues i ON i.id = c.id
       ORDER BY ${rank} DESC, c.updated_at DESC, c.id DESC LIMIT ${page.limit + 1} OFFSET ${page.offset}`,
      where.params,
    );
    return result.rows;
  }

  async function dateOrderedIds(where: SqlWhere, page: { limit: number; column: string; cursor: SearchCursor | null }) {
    const keyset = new SqlWhere();
    keyset.params.push(...where.params);
    keyset.clauses.push(...where.clauses);
    if (page.cursor && 't' in page.cursor) keyset.add(`(${page.column}, i.id) < (${keyset.param(page.cursor.t)}::timestamptz, ${keyset.param(page.cursor.id)}::bigint)`);
    const result = await db.query<{ id: number; at: string }>(
      `SELECT i.id, ${page.column} AS at FROM ${FROM} ${keyset.sql} ORDER BY ${page.column} DESC, i.id DESC LIMIT ${page.limit + 1}`,
      keyset.params,
    );
    return result.rows;
  }

  async function countMatches(where: SqlWhere): Promise<number> {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${FROM} ${where.sql} LIMIT ${MAX_COUNTED + 1}) m`,
      where.params,
    );
    return result.rows[0]?.n ?? 0;
  }

  return {
    /** Issues with all the words (websearch syntax: "phrase", or, -word), ranked by ts_rank_cd. */
    allWords: (text: string, request: PageRequest, scope: SearchScope) => page({ mode: 'all-words', text }, request, scope),
    /** Issues with any of the words, ranked by ts_rank_cd. */
    anyWord: (text: string, request: PageRequest, scope: SearchScope) => page({ mode: 'any-word', text }, request, scope),
    /** Issues whose title contains the text (any case), newest first: for text with no searchable word. */
    titleSubstring: (text: string, request: PageRequest, scope: SearchScope) => page({ mode: 'title-substring', text }, request, scope),
    /** Issues whose title resembles the text (pg_trgm word similarity), most similar first. */
    fuzzyTitle: (text: string, request: PageRequest, scope: SearchScope) => page({ mode: 'fuzzy-title', text }, request, scope),
    /** Issues matching the filters alone, by update or creation time. */
    filtered: (request: PageRequest, scope: SearchScope) => page(null, request, scope),

    /** Number of terms of the text's tsquery: 0 when it holds only stop words or punctuation. */
    async queryTermCount(text: string): Promise<number> {
      return (await db.query<{ n: number }>(`SELECT numnode(websearch_to_tsquery('english', $1)) AS n`, [text])).rows[0]?.n ?? 0;
    },

    /** Counts per facet over the matches of one mode (or of the filters alone); see FACET_SAMPLE. */
    async facetCounts(match: TextMatch | null, filters: IssueFilters, scope: SearchScope): Promise<FacetResult> {
      const { where } = whereOf(match, filters, scope);
      const result = await db.query<{ facet: FacetName | 'sample'; value: string; count: number }>(
        `WITH m AS MATERIALIZED (
           SELECT i.state, i.is_pull_request, i.label_names, r.owner || '/' || r.name AS repo, i.author,
             a.type AS issue_type, a.difficulty, a.concept_ids
           FROM ${FROM} LEFT JOIN issue_analysis a ON a.issue_id = i.id ${where.sql} ORDER BY i.updated_at DESC LIMIT ${FACET_SAMPLE + 1}),
         s AS (SELECT * FROM m LIMIT ${FACET_SAMPLE})
         SELECT 'sample' AS facet, '' AS value, (SELECT count(*)::int FROM m) AS count
         UNION ALL SELECT 'state', state, count(*)::int FROM s GROUP BY state
         UNION ALL SELECT 'type', CASE WHEN is_pull_request THEN 'pr' ELSE 'issue' END, count(*)::int FROM s GROUP BY 2
         UNION ALL (SELECT 'labels', l, count(*)::int FROM s, unnest(label_names) l GROUP BY l ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
         UNION ALL (SELECT 'repos', repo, count(*)::int FROM s GROUP BY repo ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
         UNION ALL (SELECT 'authors', author, count(*)::int FROM s WHERE author IS NOT NULL GROUP BY author ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
         UNION ALL SELECT 'issueType', issue_type, count(*)::int FROM s WHERE issue_type IS NOT NULL GROUP BY issue_type
         UNION ALL SELECT 'difficulty', difficulty, count(*)::int FROM s WHERE difficulty IS NOT NULL GROUP BY difficulty
         UNION ALL (SELECT 'concepts', c, count(*)::int FROM s, unnest(concept_ids) c GROUP BY c ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})`,
        where.params,
      );
      const facets = emptyFacets();
      let sampled = false;
      for (const row of result.rows) {
        if (row.facet === 'sample') sampled = row.count > FACET_SAMPLE;
        else facets[row.facet].push({ value: row.value, count: row.count });
      }
      for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return { facets, sampled };
    },

    /**
     * The issues of `ids`, in that order, and the positive stemmed words of the match's tsquery (for
     * highlighting; none for the title modes).
     */
    async issueRows(ids: readonly number[], match: TextMatch | null): Promise<{ issues: StoredIssue[]; lexemes: string[] }> {
      if (ids.length === 0) return { issues: [], lexemes: [] };
      const where = new SqlWhere();
      // Only the full-text modes have query words; a title mode's parameters would go unused.
      const sql = match && (match.mode === 'all-words' || match.mode === 'any-word') ? sqlMatch(match, where) : null;
      const tree = sql?.kind === 'fts' ? `querytree(${sql.tsquery})` : 'NULL';
      const rows = (await db.query<StoredIssue & { tree: string | null }>(
        `SELECT ${ISSUE_COLUMNS}, ${tree} AS tree FROM ${FROM} WHERE i.id = ANY(${where.param(ids)}::bigint[])`,
        where.params,
      )).rows;
      const byId = new Map(rows.map(({ tree: _tree, ...row }) => [row.id, row]));
      return {
        issues: ids.map((id) => byId.get(id)).filter((row): row is StoredIssue => row !== undefined),
        lexemes: lexemesFromQueryTree(rows[0]?.tree ?? null),
      };
    },

    /**
     * For each word no title contains, the closest word titles do contain (pg_trgm similarity over
     * the small search_terms lexicon), or null; words titles contain are left out.
     */
    async closestTitleWords(words: readonly string[]): Promise<{ word: string; fix: string | null }[]> {
      if (words.length === 0) return [];
      const result = await db.query<{ word: string; fix: string | null }>(
        `SELECT w.word, (SELECT t.word FROM search_terms t WHERE t.word % w.word
                          ORDER BY similarity(t.word, w.word) DESC, t.ndoc DESC, t.word LIMIT 1) AS fix
         FROM unnest($1::text[]) AS w(word)
         WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.word = w.word)`,
        [words],
      );
      return result.rows;
    },
  };
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
