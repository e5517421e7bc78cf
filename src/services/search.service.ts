import { LoupeError } from '../core/errors.ts';
import { highlightSnippet } from '../core/search/highlight-snippet.ts';
import {
  parseSearchQualifiers,
  withoutQualifierToken,
  withQualifiers,
  type SearchQualifier,
} from '../core/search/search-qualifiers.ts';
import {
  DEFAULT_PAGE_SIZE,
  MARK_END,
  MARK_START,
  MAX_PAGE_SIZE,
  type Facets,
  type IssueQuery,
  type MatchMode,
} from '../core/search/issue-query.ts';
import type { StoredIssue } from '../store/issue.repository.ts';
import {
  ALL_REPOSITORIES,
  decodeCursor,
  type MatchedPage,
  type PageRequest,
  type SearchRepository,
  type SearchScope,
  type TextMatch,
} from '../store/search.repository.ts';

export interface IssueSearchResult {
  issues: (StoredIssue & { snippet: string | null })[];
  nextCursor: string | null;
  /** Number of matches, counted up to a cap; `totalCapped` says when there are more. */
  total: number;
  totalCapped: boolean;
  /** Null when the query asked for no facets. */
  facets: Facets | null;
  /** True when the facet counts cover only the most recently updated matches. */
  facetsSampled: boolean;
  /** The corrected query when the typed one matched nothing and a spelling fix did. */
  didYouMean: string | null;
  /** How the text was matched; null without text. */
  matchMode: MatchMode | null;
  /** The qualifiers understood in the text (`is:open`, `label:bug`…), in the order typed. */
  qualifiers: SearchQualifier[];
  /** The text searched: the query's text without its qualifiers; null when none is left. */
  text: string | null;
  /**
   * When nothing matched: per filter, how many would match without it (at most MAX_RELAXATIONS
   * filters), so a client can offer to remove one. Empty when something matched.
   */
  relaxations: Relaxation[];
}

/**
 * What removing one filter of a search that matched nothing would match. `without` names the
 * filter: `q:<token>` for a qualifier of the text (`q:label:bug`), `label:<name>` for one of the
 * labels parameter, otherwise the parameter's name (`state`, `author`, `minGfi`…).
 */
export interface Relaxation {
  without: string;
  total: number;
  totalCapped: boolean;
}

/** Searches run to find relaxations of an empty result: one per filter, at most this many. */
export const MAX_RELAXATIONS = 6;

/** The filters of a query that a relaxation may remove, each with the query without it. */
function removableFilters(query: IssueQuery, qualifiers: readonly SearchQualifier[]) {
  const removals: { without: string; query: IssueQuery }[] = [];
  for (const qualifier of qualifiers) {
    const q = withoutQualifierToken(query.q ?? '', qualifier.token);
    removals.push({ without: `q:${qualifier.token}`, query: { ...query, q } });
  }
  for (const label of query.labels ?? [])
    removals.push({
      without: `label:${label}`,
      query: { ...query, labels: query.labels!.filter((l) => l !== label) },
    });
  for (const field of RELAXABLE_FIELDS)
    if (query[field] !== undefined)
      removals.push({ without: field, query: { ...query, [field]: undefined } });
  return removals.slice(0, MAX_RELAXATIONS);
}

const RELAXABLE_FIELDS = [
  'state',
  'type',
  'repo',
  'author',
  'assignee',
  'issueType',
  'difficulty',
  'concept',
  'minGfi',
  'hasDuplicates',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
] as const satisfies readonly (keyof IssueQuery)[];

export interface SearchOptions {
  /**
   * Called with the page's issue ids as soon as they are known, before the rows and facets are
   * read: a caller adds what it reads for those issues beside them (on PostgreSQL, at the same time).
   */
  onPage?: (ids: readonly number[]) => void;
}

/** True when the text uses websearch operators (quotes, or, -negation), which a relaxed query must keep. */
export function usesSearchOperators(text: string): boolean {
  return /["]|(^|\s)-\S|\bor\b/i.test(text);
}

/** The lower-case words of a query that a spelling fix may replace. */
function spellableWords(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[a-z][a-z0-9_-]{2,39}/g) ?? [])];
}

/**
 * Search policy: which way of matching answers a query. Text is matched with Postgres full-text search
 * (websearch syntax) and ranked; when all words together match nothing, any word is tried, then a
 * spelling fix from the title lexicon, then a fuzzy title match. Text of stop words only matches title
 * substrings. Facets are counted for the mode that answers; snippets are made for the page's rows.
 */
export function createSearchService(deps: { search: SearchRepository }) {
  const { search } = deps;

  type Attempt = { match: TextMatch | null; page: MatchedPage };

  /** Runs one mode: its page, count and, when asked, facets. */
  async function attempt(
    match: TextMatch | null,
    request: PageRequest,
    scope: SearchScope,
  ): Promise<Attempt> {
    const page = await (match === null
      ? search.filtered(request, scope)
      : match.mode === 'all-words'
        ? search.allWords(match.text, request, scope)
        : match.mode === 'any-word'
          ? search.anyWord(match.text, request, scope)
          : match.mode === 'title-substring'
            ? search.titleSubstring(match.text, request, scope)
            : search.fuzzyTitle(match.text, request, scope));
    return { match, page };
  }

  /** The attempt that answers the text: the chain of fallbacks. */
  async function answer(
    text: string,
    request: PageRequest,
    scope: SearchScope,
  ): Promise<Attempt & { didYouMean: string | null }> {
    const exact = await attempt({ mode: 'all-words', text }, request, scope);
    if (exact.page.queryTerms === 0) {
      // Stop words only; quotes asked for the phrase, which titles hold without them.
      const phrase = text.replace(/"/g, ' ').replace(/\s+/g, ' ').trim() || text;
      return {
        ...(await attempt({ mode: 'title-substring', text: phrase }, request, scope)),
        didYouMean: null,
      };
    }
    if (exact.page.total > 0 || request.cursor) return { ...exact, didYouMean: null };
    if (/\s/.test(text) && !usesSearchOperators(text)) {
      const relaxed = await attempt({ mode: 'any-word', text }, request, scope);
      if (relaxed.page.total > 0) return { ...relaxed, didYouMean: null };
    }
    const fixes = await search.closestTitleWords(spellableWords(text));
    let corrected = text.toLowerCase();
    for (const { word, fix } of fixes)
      if (fix && fix !== word) corrected = corrected.replace(new RegExp(`\\b${word}\\b`, 'g'), fix);
    if (corrected !== text.toLowerCase()) {
      const fixed = await attempt({ mode: 'all-words', text: corrected }, request, scope);
      if (fixed.page.total > 0) return { ...fixed, didYouMean: corrected };
    }
    // Every word is a known title word: nothing matched because of the filters, not a typo.
    if (fixes.length === 0) return { ...exact, didYouMean: null };
    return {
      ...(await attempt({ mode: 'fuzzy-title', text }, { ...request, sort: 'relevance' }, scope)),
      didYouMean: null,
    };
  }

  return {
    /**
     * Searches the issues of `scope` (default: every repository). Throws INVALID_INPUT for a cursor
     * this server did not make, and for sort=relevance without text.
     */
    async search(
      query: IssueQuery,
      scope: SearchScope = ALL_REPOSITORIES,
      options: SearchOptions = {},
    ): Promise<IssueSearchResult> {
      const result = await searchOnce(query, scope, options);
      if (result.total > 0 || query.cursor) return result;
      const relaxations = await Promise.all(
        removableFilters(query, result.qualifiers).map(async ({ without, query: looser }) => {
          // Without its only qualifier the text may be empty: relevance then means nothing.
          const sort = looser.sort === 'relevance' && !looser.q?.trim() ? undefined : looser.sort;
          const found = await searchOnce({ ...looser, sort, limit: 1, facets: false }, scope, {});
          return { without, total: found.total, totalCapped: found.totalCapped };
        }),
      );
      return { ...result, relaxations };
    },
  };

  /** One search, without relaxations. */
  async function searchOnce(
    query: IssueQuery,
    scope: SearchScope,
    options: SearchOptions,
  ): Promise<IssueSearchResult> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !cursor) {
      throw new LoupeError(
        'INVALID_INPUT',
        'cursor is not valid: pass back the nextCursor value of a previous page unchanged',
      );
    }
    const parsed = parseSearchQualifiers(query.q ?? '');
    const effective = withQualifiers(query, parsed);
    const text = parsed.text || null;
    // Qualifiers alone ("is:open") are a query too: a client that sends its relevance default
    // beside them gets the newest first, as without text.
    if (effective.sort === 'relevance' && !text) {
      if (!query.q?.trim()) throw new LoupeError('INVALID_INPUT', 'sort=relevance needs a search query (q)');
      effective.sort = 'updated';
    }
    const request: PageRequest = {
      filters: effective,
      cursor,
      sort: effective.sort ?? (text ? 'relevance' : 'updated'),
      limit: Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE),
      facets: query.facets !== false,
    };
    const found = text
      ? await answer(text, request, scope)
      : { ...(await attempt(null, request, scope)), didYouMean: null };
    const { page } = found;
    options.onPage?.(page.ids);
    // Rows and facets at once: on PostgreSQL the two queries run side by side.
    const [issues, facets] = await Promise.all([
      search.issueRows(page.ids),
      page.facetSample ? search.facetCounts(page.facetSample.ids) : Promise.resolve(null),
    ]);
    return {
      issues: issues.map((issue) => ({ ...issue, snippet: snippetOf(issue, page.lexemes) })),
      nextCursor: page.nextCursor,
      total: page.total,
      totalCapped: page.totalCapped,
      facets,
      facetsSampled: page.facetSample?.sampled ?? false,
      // Typed qualifiers stay in the fix, so searching for it keeps them.
      didYouMean:
        found.didYouMean &&
        [...parsed.qualifiers.map((qualifier) => qualifier.token), found.didYouMean].join(' '),
      matchMode: found.match?.mode ?? null,
      qualifiers: parsed.qualifiers,
      text,
      relaxations: [],
    };
  }
}

/** The issue's text around the first query word, with the words marked; null without words or hits. */
function snippetOf(issue: StoredIssue, lexemes: readonly string[]): string | null {
  if (lexemes.length === 0) return null;
  return highlightSnippet(`${issue.title}\n${issue.body.slice(0, 20_000)}`, lexemes, {
    start: MARK_START,
    end: MARK_END,
  });
}

export type SearchService = ReturnType<typeof createSearchService>;
