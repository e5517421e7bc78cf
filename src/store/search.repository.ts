import type { SqlClient } from './db.ts';
import { highlightSnippet, lexemesFromQueryTree } from '../core/search/highlight-snippet.ts';
import { ISSUE_COLUMNS, type StoredIssue } from './issue.repository.ts';
import { addIssueFilters, decodeCursor, encodeCursor, SqlWhere, usesSearchOperators, type IssueQuery } from './search-filters.ts';

export type { IssueQuery } from './search-filters.ts';
export { decodeCursor } from './search-filters.ts';

export interface FacetCount {
  value: string;
  count: number;
}

export type Facets = {
  state: FacetCount[]; type: FacetCount[]; labels: FacetCount[]; repos: FacetCount[]; authors: FacetCount[];
  issueType: FacetCount[]; difficulty: FacetCount[]; concepts: FacetCount[];
};

export interface IssueSearchResult {
  issues: (StoredIssue & { snippet: string | null })[];
  nextCursor: string | null;
  /** Number of matches, counted up to MAX_COUNTED; `totalCapped` says when there are more. */
  total: number;
  totalCapped: boolean;
  /** Counts over the (at most FACET_SAMPLE) most recently updated matches; `facetsSampled` when that cut. */
  facets: Facets | null;
  facetsSampled: boolean;
  /** The corrected query when the typed one matched nothing and a spelling fix did. */
  didYouMean: string | null;
  /** How the text was matched: all words, any word (nothing matched all), title substring or fuzzy title. */
  matchMode: 'all-words' | 'any-word' | 'title-substring' | 'fuzzy-title' | null;
}

/** Highlight markers: control characters that cannot occur in issue text, turned into <mark> after escaping. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * Relevance is computed over at most this many matches, the most recently updated ones. Ranking every
 * match of a common word costs a tsvector read per match (hundreds of ms at 100k issues); capping the
 * candidate set keeps p99 bounded and, for issue trackers, favours live issues among equally good hits.
 */
export const RELEVANCE_CANDIDATES = 500;
export const MAX_COUNTED = 500;
export const FACET_SAMPLE = 5000;
const FACET_LIMIT = 20;
const FROM = 'issues i JOIN repositories r ON r.id = i.repo_id';

/** How a page matches text: a tsquery SQL expression over parameters in `where`, or a title condition. */
type TextMatch = { kind: 'fts'; tsquery: string } | { kind: 'title'; condition: string; orderBy?: string } | null;

/** Full-text and fuzzy issue search; all SQL for it lives here. */
export function createSearchRepository(db: SqlClient) {
  async function page(query: IssueQuery, build: (where: SqlWhere) => TextMatch): Promise<Omit<IssueSearchResult, 'didYouMean' | 'matchMode'>> {
    const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
    const where = new SqlWhere();
    const match = build(where);
    // The text's parameters come first, so the snippet query can reuse exactly these.
    const textParams = [...where.params];
    if (match?.kind === 'fts') where.add(`i.search_vector @@ ${match.tsquery}`);
    if (match?.kind === 'title') where.add(match.condition);
    addIssueFilters(query, where);
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    // A title substring has no relevance score: its matches come newest first.
    const ranked = match !== null && (match.kind === 'fts' || match.orderBy !== undefined);
    const byRelevance = ranked && (query.sort ?? 'relevance') === 'relevance';

    const ids: { id: number; at: string; candidates?: number }[] = byRelevance
      ? await relevanceIds(where, match, { limit, offset: cursor && 'o' in cursor ? cursor.o : 0, filtered: where.clauses.length > 1 })
      : await dateOrderedIds(where, { limit, column: query.sort === 'created' ? 'i.created_at' : 'i.updated_at', cursor });
    const hasMore = ids.length > limit;
    const pageIds = ids.slice(0, limit);
    const issues = await loadRows(pageIds.map((r) => r.id), match?.kind === 'fts' ? { tsquery: match.tsquery, params: textParams } : null);

    let nextCursor: string | null = null;
    const last = pageIds.at(-1);
    if (hasMore && last) {
      const offset = (cursor && 'o' in cursor ? cursor.o : 0) + limit;
      nextCursor = byRelevance ? (offset < RELEVANCE_CANDIDATES ? encodeCursor({ o: offset }) : null) : encodeCursor({ t: last.at, id: last.id });
    }
    // Relevance pages already know how many candidates matched (at most the cap): no second pass.
    const counted = byRelevance && (ids[0]?.candidates ?? 0) < RELEVANCE_CANDIDATES && !(cursor && 'o' in cursor && cursor.o > 0)
      ? ids[0]?.candidates ?? 0
      : await countMatches(where);
    const facets = query.facets === false ? null : await facetCounts(where);
    return { issues, nextCursor, total: Math.min(counted, MAX_COUNTED), totalCapped: counted > MAX_COUNTED, facets, facetsSampled: counted > FACET_SAMPLE };
  }

  async function relevanceIds(where: SqlWhere, match: NonNullable<TextMatch>, page: { limit: number; offset: number; filtered: boolean }) {
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

  async function dateOrderedIds(where: SqlWhere, page: { limit: number; column: string; cursor: ReturnType<typeof decodeCursor> }) {
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

  /** The page's rows in the given order, with a highlighted snippet made for these rows only. */
  async function loadRows(ids: number[], fts: { tsquery: string; params: unknown[] } | null) {
    if (ids.length === 0) return [];
    const params = fts ? [...fts.params, ids] : [ids];
    const tree = fts ? `querytree(${fts.tsquery})` : 'NULL';
    const rows = (await db.query<StoredIssue & { tree: string | null }>(
      `SELECT ${ISSUE_COLUMNS}, ${tree} AS tree FROM ${FROM} WHERE i.id = ANY($${params.length}::bigint[])`,
      params,
    )).rows;
    const byId = new Map(rows.map(({ tree, ...row }) => {
      const lexemes = lexemesFromQueryTree(tree);
      const snippet = lexemes.length > 0
        ? highlightSnippet(`${row.title}\n${row.body.slice(0, 20_000)}`, lexemes, { start: MARK_START, end: MARK_END })
        : null;
      return [row.id, { ...row, snippet }];
    }));
    return ids.map((id) => byId.get(id)).filter((row): row is StoredIssue & { snippet: string | null } => row !== undefined);
  }

  async function countMatches(where: SqlWhere): Promise<number> {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${FROM} ${where.sql} LIMIT ${MAX_COUNTED + 1}) m`,
      where.params,
    );
    return result.rows[0]?.n ?? 0;
  }

  async function facetCounts(where: SqlWhere): Promise<Facets> {
    const result = await db.query<{ facet: keyof Facets; value: string; count: number }>(
      `WITH m AS MATERIALIZED (
         SELECT i.state, i.is_pull_request, i.label_names, r.owner || '/' || r.name AS repo, i.author,
           a.type AS issue_type, a.difficulty, a.concept_ids
         FROM ${FROM} LEFT JOIN issue_analysis a ON a.issue_id = i.id ${where.sql} ORDER BY i.updated_at DESC LIMIT ${FACET_SAMPLE})
       SELECT 'state' AS facet, state AS value, count(*)::int AS count FROM m GROUP BY state
       UNION ALL SELECT 'type', CASE WHEN is_pull_request THEN 'pr' ELSE 'issue' END, count(*)::int FROM m GROUP BY 2
       UNION ALL (SELECT 'labels', l, count(*)::int FROM m, unnest(label_names) l GROUP BY l ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
       UNION ALL (SELECT 'repos', repo, count(*)::int FROM m GROUP BY repo ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
       UNION ALL (SELECT 'authors', author, count(*)::int FROM m WHERE author IS NOT NULL GROUP BY author ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
       UNION ALL SELECT 'issueType', issue_type, count(*)::int FROM m WHERE issue_type IS NOT NULL GROUP BY issue_type
       UNION ALL SELECT 'difficulty', difficulty, count(*)::int FROM m WHERE difficulty IS NOT NULL GROUP BY difficulty
       UNION ALL (SELECT 'concepts', c, count(*)::int FROM m, unnest(concept_ids) c GROUP BY c ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})`,
      where.params,
    );
    const facets: Facets = { state: [], type: [], labels: [], repos: [], authors: [], issueType: [], difficulty: [], concepts: [] };
    for (const row of result.rows) facets[row.facet].push({ value: row.value, count: row.count });
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return facets;
  }

  /**
   * Replaces each query word that no title contains by the closest word that titles do contain
   * (pg_trgm similarity over the small search_terms lexicon); `corrected` is null when nothing changes.
   */
  async function correctSpelling(text: string): Promise<{ corrected: string | null; unknownWords: string[] }> {
    const words = [...new Set(text.toLowerCase().match(/[a-z][a-z0-9_-]{2,39}/g) ?? [])];
    if (words.length === 0) return { corrected: null, unknownWords: [] };
    const result = await db.query<{ word: string; fix: string | null }>(
      `SELECT w.word, (SELECT t.word FROM search_terms t WHERE t.word % w.word
                        ORDER BY similarity(t.word, w.word) DESC, t.ndoc DESC, t.word LIMIT 1) AS fix
       FROM unnest($1::text[]) AS w(word)
       WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.word = w.word)`,
      [words],
    );
    let corrected = text.toLowerCase();
    let changed = false;
    for (const row of result.rows) {
      if (row.fix && row.fix !== row.word) {
        corrected = corrected.replace(new RegExp(`\\b${row.word}\\b`, 'g'), row.fix);
        changed = true;
      }
    }
    return { corrected: changed ? corrected : null, unknownWords: result.rows.map((r) => r.word) };
  }

  const websearch = (text: string) => (where: SqlWhere): TextMatch => ({ kind: 'fts', tsquery: `websearch_to_tsquery('english', ${where.param(text)})` });

  return {
    /**
     * Searches issues. Text is matched with Postgres full-text search (websearch syntax) and ranked
     * with ts_rank_cd; when all words together match nothing, any word is tried, then a spelling fix
     * from the title lexicon, then a fuzzy title match. Stop-word-only text matches title substrings.
     */
    async search(query: IssueQuery): Promise<IssueSearchResult> {
      const text = query.q?.trim() || null;
      if (!text) return { ...(await page(query, () => null)), didYouMean: null, matchMode: null };
      const nodes = (await db.query<{ n: number }>(`SELECT numnode(websearch_to_tsquery('english', $1)) AS n`, [text])).rows[0]?.n ?? 0;
      if (nodes === 0) {
        const substring = (where: SqlWhere): TextMatch => ({ kind: 'title', condition: `i.title ILIKE ${where.param(`%${text.replace(/[\\%_]/g, '\\$&')}%`)}` });
        return { ...(await page(query, substring)), didYouMean: null, matchMode: 'title-substring' };
      }
      const exact = await page(query, websearch(text));
      if (exact.total > 0 || query.cursor) return { ...exact, didYouMean: null, matchMode: 'all-words' };
      if (/\s/.test(text) && !usesSearchOperators(text)) {
        const anyWord = (where: SqlWhere): TextMatch => ({
          kind: 'fts',
          tsquery: `replace(websearch_to_tsquery('english', ${where.param(text)})::text, ' & ', ' | ')::tsquery`,
        });
        const relaxed = await page(query, anyWord);
        if (relaxed.total > 0) return { ...relaxed, didYouMean: null, matchMode: 'any-word' };
      }
      const { corrected, unknownWords } = await correctSpelling(text);
      if (corrected) {
        const fixed = await page(query, websearch(corrected));
        if (fixed.total > 0) return { ...fixed, didYouMean: corrected, matchMode: 'all-words' };
      }
      // Every word is a known title word: nothing matched because of the filters, not a typo.
      if (unknownWords.length === 0) return { ...exact, didYouMean: null, matchMode: 'all-words' };
      const fuzzy = (where: SqlWhere): TextMatch => {
        const p = where.param(text);
        return { kind: 'title', condition: `${p} <% i.title`, orderBy: `word_similarity(${p}, i.title)` };
      };
      return { ...(await page({ ...query, sort: 'relevance' }, fuzzy)), didYouMean: null, matchMode: 'fuzzy-title' };
    },
    correctSpelling,
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
