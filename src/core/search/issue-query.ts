/**
 * What a search asks for and what it answers, defined once: the route's schema builds its enums from
 * these lists and hands the service an IssueQuery, the search service decides how to match, and the
 * store turns the same IssueQuery's filters into SQL.
 */
import { ISSUE_TYPES, type IssueType } from '../classify/type-from-labels.ts';
import type { IssueState } from '../issue.ts';

export { ISSUE_TYPES, type IssueType };
export const ISSUE_STATES = ['open', 'closed'] as const satisfies readonly IssueState[];
/** Issues or pull requests. */
export const ISSUE_KINDS = ['issue', 'pr'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const SEARCH_SORTS = ['relevance', 'updated', 'created'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Page size: `limit` defaults to this and is clamped to 1..MAX_PAGE_SIZE. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Which issues a search keeps, besides its text. */
export interface IssueFilters {
  /** owner/name, any case. */
  repo?: string;
  state?: IssueState;
  /** Issues carrying all of these labels. */
  labels?: string[];
  /** Issues carrying none of these labels (`-label:x`). */
  excludedLabels?: string[];
  /** Issues without any label (`no:label`). */
  noLabel?: boolean;
  author?: string;
  /** One of the issue's assignees, any case. */
  assignee?: string;
  /** Issues nobody is assigned to (`no:assignee`). */
  noAssignee?: boolean;
  type?: IssueKind;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** Loupe's classification, from the analysis. */
  issueType?: IssueType;
  difficulty?: Difficulty;
  /** Good-first-issue score at least this; pull requests are left out unless `type` is 'pr'. */
  minGfi?: number;
  /** A concept id ("message-queues"). */
  concept?: string;
  hasDuplicates?: boolean;
}

/** One search: text (websearch syntax), filters, order and page. */
export interface IssueQuery extends IssueFilters {
  q?: string;
  sort?: SearchSort;
  limit?: number;
  /** A `nextCursor` of the previous page, unchanged. */
  cursor?: string;
  /** Facet counts cost a pass over the matches; the CLI and benches can skip them. */
  facets?: boolean;
}

/** How the text was matched: all words, any word (nothing matched all), title substring or fuzzy title. */
export const MATCH_MODES = ['all-words', 'any-word', 'title-substring', 'fuzzy-title'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export const FACET_NAMES = [
  'state',
  'type',
  'labels',
  'repos',
  'authors',
  'issueType',
  'difficulty',
  'concepts',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface FacetCount {
  value: string;
  count: number;
}

/** Per facet, its values with their number of matches, most frequent first (ties by value). */
export type Facets = Record<FacetName, FacetCount[]>;

/** Facets with no values: what a search that matched nothing counts. */
export function emptyFacets(): Facets {
  return {
    state: [],
    type: [],
    labels: [],
    repos: [],
    authors: [],
    issueType: [],
    difficulty: [],
    concepts: [],
  };
}

/** Highlight markers: control characters that cannot occur in issue text, turned into <mark> after escaping. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
