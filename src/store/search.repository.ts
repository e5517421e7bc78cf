import type { SqlClient } from './db.ts';
import { ISSUE_COLUMNS, type StoredIssue } from './issue.repository.ts';

export interface IssueQuery {
  q?: string;
  repo?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  author?: string;
  type?: 'issue' | 'pr';
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  sort?: 'relevance' | 'updated' | 'created';
  limit?: number;
  cursor?: string;
  /** Facet counts cost a pass over every match; the CLI and benches can skip them. */
  facets?: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface IssueSearchResult {
  issues: (StoredIssue & { snippet: string | null })[];
  nextCursor: string | null;
  total: number;
  facets: { state: FacetCount[]; type: FacetCount[]; labels: FacetCount[]; repos: FacetCount[]; authors: FacetCount[] } | null;
  /** The corrected query when the typed one matched nothing and a spelling fix did. */
  didYouMean: string | null;
}

/** Highlight markers: control characters that cannot occur in issue text, turned into <mark> after escaping. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

interface Where {
  clauses: string[];
  params: unknown[];
}

function addParam(where: Where, value: unknown): string {
  where.params.push(value);
  return `$${where.params.length}`;
}

/** Filters shared by every search mode; `i` is issues, `r` repositories. */
function buildFilters(query: IssueQuery, where: Where): void {
  if (query.repo) {
    const [owner, name] = query.repo.split('/');
    where.clauses.push(`lower(r.owner) = lower(${addParam(where, owner)}) AND lower(r.name) = lower(${addParam(where, name)})`);
  }
  if (query.state) where.clauses.push(`i.state = ${addParam(where, query.state)}`);
  if (query.type) where.clauses.push(query.type === 'pr' ? 'i.is_pull_request' : 'NOT i.is_pull_request');
  if (query.labels && query.labels.length > 0) where.clauses.push(`i.label_names @> ${addParam(where, query.labels)}::text[]`);
  if (query.author) where.clauses.push(`lower(i.author) = lower(${addParam(where, query.author)})`);
  if (query.createdFrom) where.clauses.push(`i.created_at >= ${addParam(where, query.createdFrom)}`);
  if (query.createdTo) where.clauses.push(`i.created_at < ${addParam(where, query.createdTo)}`);
  if (query.updatedFrom) where.clauses.push(`i.updated_at >= ${addParam(where, query.updatedFrom)}`);
  if (query.updatedTo) where.clauses.push(`i.updated_at < ${addParam(where, query.updatedTo)}`);
}

type Cursor = { o: number } | { t: string; id: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if ('o' in value && Number.isInteger(value.o) && value.o >= 0) return value;
    if ('t' in value && typeof value.t === 'string' && Number.isInteger(value.id)) return value;
  } catch {
    // fall through: not one of ours
  }
  return null;
}

export { buildFilters, addParam, HEADLINE_OPTIONS };
export type { Where };

const MAX_COUNTED = 10_000;
const FACET_LIMIT = 20;

/** Full-text and fuzzy issue search; all SQL for it lives here. */
export function createSearchRepository(db: SqlClient) {
  async function page(query: IssueQuery, text: string | null): Promise<Omit<IssueSearchResult, 'didYouMean'>> {
    const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
    const sort = query.sort ?? (text ? 'relevance' : 'updated');
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: Where = { clauses: [], params: [] };
    let tsquery = 'NULL::tsquery';
    if (text) {
      tsquery = `websearch_to_tsquery('english', ${addParam(where, text)})`;
      where.clauses.push(`i.search_vector @@ ${tsquery}`);
    }
    buildFilters(query, where);
    const filterSql = where.clauses.length > 0 ? `WHERE ${where.clauses.join(' AND ')}` : '';
    const from = 'issues i JOIN repositories r ON r.id = i.repo_id';

    let idSql: string;
    const idParams = [...where.params];
    if (sort === 'relevance' && text) {
      const offset = cursor && 'o' in cursor ? cursor.o : 0;
      idSql = `SELECT i.id, ts_rank_cd(i.search_vector, ${tsquery}) AS rank, NULL::timestamptz AS at, count(*) OVER () AS total
               FROM ${from} ${filterSql} ORDER BY rank DESC, i.id DESC LIMIT ${limit + 1} OFFSET ${offset}`;
    } else {
      const column = sort === 'created' ? 'i.created_at' : 'i.updated_at';
      const keyset = cursor && 't' in cursor
        ? `${filterSql ? `${filterSql} AND` : 'WHERE'} (${column}, i.id) < (${addParam({ clauses: [], params: idParams }, cursor.t)}, ${addParam({ clauses: [], params: idParams }, cursor.id)})`
        : filterSql;
      idSql = `SELECT i.id, NULL::real AS rank, ${column} AS at, NULL::bigint AS total
               FROM ${from} ${keyset} ORDER BY ${column} DESC, i.id DESC LIMIT ${limit + 1}`;
    }
    const ids = (await db.query<{ id: number; rank: number | null; at: string | null; total: number | null }>(idSql, idParams)).rows;
    const hasMore = ids.length > limit;
    const pageIds = ids.slice(0, limit);

    const rows = pageIds.length === 0 ? [] : (await db.query<StoredIssue & { snippet: string | null }>(
      `SELECT ${ISSUE_COLUMNS}, ${text
        ? `ts_headline('english', i.title || E'\\n' || left(i.body, 4000), websearch_to_tsquery('english', $2), '${HEADLINE_OPTIONS}')`
        : 'NULL'} AS snippet
       FROM issues i JOIN repositories r ON r.id = i.repo_id WHERE i.id = ANY($1::bigint[])`,
      text ? [pageIds.map((r) => r.id), text] : [pageIds.map((r) => r.id)],
    )).rows;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const issues = pageIds.map((r) => byId.get(r.id)).filter((row): row is StoredIssue & { snippet: string | null } => row !== undefined);

    const last = pageIds[pageIds.length - 1];
    let nextCursor: string | null = null;
    if (hasMore && last) {
      nextCursor = sort === 'relevance' && text
        ? encodeCursor({ o: (cursor && 'o' in cursor ? cursor.o : 0) + limit })
        : encodeCursor({ t: last.at!, id: last.id });
    }
    const total = ids[0]?.total != null ? Number(ids[0].total) : await countMatches(from, filterSql, where.params);
    const facets = query.facets === false ? null : await facetCounts(from, filterSql, where.params);
    return { issues, nextCursor, total, facets };
  }

  async function countMatches(from: string, filterSql: string, params: unknown[]): Promise<number> {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} ${filterSql} LIMIT ${MAX_COUNTED}) m`,
      params,
    );
    return result.rows[0]?.n ?? 0;
  }

  async function facetCounts(from: string, filterSql: string, params: unknown[]): Promise<NonNullable<IssueSearchResult['facets']>> {
    const result = await db.query<{ facet: keyof NonNullable<IssueSearchResult['facets']>; value: string; count: number }>(
      `WITH m AS (SELECT i.state, i.is_pull_request, i.label_names, r.owner || '/' || r.name AS repo, i.author FROM ${from} ${filterSql})
       SELECT 'state' AS facet, state AS value, count(*)::int AS count FROM m GROUP BY state
       UNION ALL SELECT 'type', CASE WHEN is_pull_request THEN 'pr' ELSE 'issue' END, count(*)::int FROM m GROUP BY 2
       UNION ALL (SELECT 'labels', l, count(*)::int FROM m, unnest(label_names) l GROUP BY l ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
       UNION ALL (SELECT 'repos', repo, count(*)::int FROM m GROUP BY repo ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})
       UNION ALL (SELECT 'authors', author, count(*)::int FROM m WHERE author IS NOT NULL GROUP BY author ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT})`,
      params,
    );
    const facets: NonNullable<IssueSearchResult['facets']> = { state: [], type: [], labels: [], repos: [], authors: [] };
    for (const row of result.rows) facets[row.facet].push({ value: row.value, count: row.count });
    for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return facets;
  }

  /**
   * Replaces each query word that no title contains by the closest word that titles do contain
   * (pg_trgm similarity over the small search_terms lexicon). Returns null when nothing changes.
   */
  async function correctSpelling(text: string): Promise<string | null> {
    const words = text.toLowerCase().match(/[a-z][a-z0-9_-]{2,39}/g) ?? [];
    if (words.length === 0) return null;
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
    return changed ? corrected : null;
  }

  return {
    /**
     * Searches issues. With text: Postgres full-text search (websearch syntax) ranked by ts_rank_cd,
     * snippets with ts_headline computed for the returned page only. When the text matches nothing, a
     * spelling fix from the title lexicon is tried, then a trigram match on titles.
     */
    async search(query: IssueQuery): Promise<IssueSearchResult> {
      const text = query.q?.trim() || null;
      const first = await page(query, text);
      if (!text || first.total > 0 || query.cursor) return { ...first, didYouMean: null };
      const corrected = await correctSpelling(text);
      if (corrected) {
        const fixed = await page(query, corrected);
        if (fixed.total > 0) return { ...fixed, didYouMean: corrected };
      }
      return { ...(await titleTrigramPage(query, text)), didYouMean: null };
    },
    correctSpelling,
  };

  /** Last resort for typos the lexicon cannot fix: titles whose words resemble the query (pg_trgm <%). */
  async function titleTrigramPage(query: IssueQuery, text: string): Promise<Omit<IssueSearchResult, 'didYouMean'>> {
    const where: Where = { clauses: [], params: [] };
    const p = addParam(where, text);
    where.clauses.push(`${p} <% i.title`);
    buildFilters(query, where);
    const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
    const rows = (await db.query<StoredIssue & { snippet: string | null }>(
      `SELECT ${ISSUE_COLUMNS}, NULL AS snippet FROM issues i JOIN repositories r ON r.id = i.repo_id
       WHERE ${where.clauses.join(' AND ')} ORDER BY word_similarity(${p}, i.title) DESC, i.id DESC LIMIT ${limit}`,
      where.params,
    )).rows;
    return { issues: rows, nextCursor: null, total: rows.length, facets: null };
  }
}

/** Rebuilds the title lexicon used for spelling fixes (one pass over titles; run after a sync changes issues). */
export async function refreshSearchTerms(db: SqlClient & { transaction?: <T>(fn: (tx: SqlClient) => Promise<T>) => Promise<T> }): Promise<void> {
  const sql = `DELETE FROM search_terms;
    INSERT INTO search_terms (word, ndoc)
    SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', title) FROM issues')
    WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[a-z][a-z0-9_-]*$';`;
  if (db.transaction) await db.transaction((tx) => tx.exec(sql));
  else await db.exec(`BEGIN; ${sql} COMMIT;`);
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
