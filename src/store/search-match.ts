/** How each text mode matches in SQL, and the WHERE of a search. */
import type { IssueFilters, MatchMode } from '../core/search/issue-query.ts';
import { addIssueFilters, SqlWhere, type SearchScope } from './search-filters.ts';

/** The text of a search and the one way it is matched. */
export interface TextMatch {
  mode: MatchMode;
  text: string;
}

/**
 * A mode in SQL over `issues i`: a full-text tsquery, or a title condition; `rank` orders the ranked
 * modes (all words, any word, fuzzy title).
 */
export type SqlMatch =
  { kind: 'fts'; tsquery: string; rank: string } | { kind: 'title'; condition: string; rank: string | null };

const websearch = (where: SqlWhere, text: string) => `websearch_to_tsquery('english', ${where.param(text)})`;

/** True for the modes the issues_search GIN index answers (full text); the title modes use issues_title_search. */
export function isFullText(match: TextMatch | null): boolean {
  return match?.mode === 'all-words' || match?.mode === 'any-word';
}

/** The SQL of a mode; its parameters are added to `where`. */
export function sqlMatch(match: TextMatch, where: SqlWhere): SqlMatch {
  switch (match.mode) {
    case 'all-words':
    case 'any-word': {
      const all = websearch(where, match.text);
      // Any word: the same query with its ANDs made ORs (operators are left alone by the service).
      const tsquery = match.mode === 'all-words' ? all : `replace(${all}::text, ' & ', ' | ')::tsquery`;
      return { kind: 'fts', tsquery, rank: `ts_rank_cd(i.search_vector, ${tsquery})` };
    }
    case 'title-substring':
      return {
        kind: 'title',
        condition: `i.title ILIKE ${where.param(`%${match.text.replace(/[\\%_]/g, '\\$&')}%`)}`,
        rank: null,
      };
    case 'fuzzy-title': {
      const p = where.param(match.text);
      return { kind: 'title', condition: `${p} <% i.title`, rank: `word_similarity(${p}, i.title)` };
    }
  }
}

/**
 * The WHERE of a match (or of the filters alone) within a scope. A tsquery the GIN index cannot
 * answer (negations only: "-macos", querytree 'T') is tested row by row, so the index still serves
 * the other conditions instead of the planner reading the whole table.
 */
export function whereOf(
  match: TextMatch | null,
  filters: IssueFilters,
  scope: SearchScope,
  options: { indexable: boolean },
) {
  const where = new SqlWhere();
  const sql = match ? sqlMatch(match, where) : null;
  if (sql?.kind === 'fts')
    where.add(
      options.indexable
        ? `i.search_vector @@ ${sql.tsquery}`
        : `coalesce(i.search_vector @@ ${sql.tsquery}, false)`,
    );
  if (sql?.kind === 'title') where.add(sql.condition);
  // With text, a GIN index holds the search keys beside it: state, type and repository are keys.
  addIssueFilters(filters, scope, where, { searchKeys: sql !== null });
  return { where, sql };
}
