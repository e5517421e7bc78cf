import { issueQueryParams } from '../../api-client/api-client.ts';
import { DIFFICULTIES, ISSUE_TYPES } from '../../api-client/api-types.ts';
import type { Difficulty, FacetName, IssueQuery, IssueSort, IssueType } from '../../api-client/api-types.ts';

/** What the issues page is showing, as kept in the URL's query string. */
export interface SearchState {
  q: string;
  repo: string | null;
  state: 'open' | 'closed' | null;
  labels: string[];
  author: string | null;
  type: 'issue' | 'pr' | null;
  createdFrom: string | null;
  createdTo: string | null;
  updatedFrom: string | null;
  updatedTo: string | null;
  issueType: IssueType | null;
  difficulty: Difficulty | null;
  /** Minimum good-first-issue score (0..1). */
  minGfi: number | null;
  /** A concept id. */
  concept: string | null;
  hasDuplicates: boolean | null;
  sort: IssueSort | null;
}

/** The "good first issues" quick filter: a good-first-issue score of at least this. */
export const GOOD_FIRST_ISSUE_MIN = 0.6;

export const EMPTY_SEARCH: SearchState = {
  q: '',
  repo: null,
  state: null,
  labels: [],
  author: null,
  type: null,
  createdFrom: null,
  createdTo: null,
  updatedFrom: null,
  updatedTo: null,
  issueType: null,
  difficulty: null,
  minGfi: null,
  concept: null,
  hasDuplicates: null,
  sort: null,
};

export type DateField = 'createdFrom' | 'createdTo' | 'updatedFrom' | 'updatedTo';
const DATE_FIELDS: DateField[] = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const nonEmpty = (value: string | null): string | null =>
  value && value.trim() !== '' ? value.trim() : null;

function parseScore(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const score = Number(value);
  return Number.isFinite(score) && score >= 0 && score <= 1 ? score : null;
}

// The API accepts concept ids such as "message-queues"; anything else would only earn a 400.
const CONCEPT_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const conceptId = (value: string | null): string | null =>
  value !== null && CONCEPT_ID.test(value) ? value : null;

/** Reads the state from a query string (`?q=…&label=a&label=b`); unknown or invalid values are ignored. */
export function parseSearch(search: string): SearchState {
  const params = new URLSearchParams(search);
  const state: SearchState = {
    ...EMPTY_SEARCH,
    q: params.get('q') ?? '',
    repo: nonEmpty(params.get('repo')),
    state: oneOf(params.get('state'), ['open', 'closed'] as const),
    labels: [...new Set(params.getAll('label').filter((label) => label !== ''))],
    author: nonEmpty(params.get('author')),
    type: oneOf(params.get('type'), ['issue', 'pr'] as const),
    issueType: oneOf(params.get('issueType'), ISSUE_TYPES),
    difficulty: oneOf(params.get('difficulty'), DIFFICULTIES),
    minGfi: parseScore(params.get('minGfi')),
    concept: conceptId(params.get('concept')),
    hasDuplicates:
      params.get('hasDuplicates') === 'true' ? true : params.get('hasDuplicates') === 'false' ? false : null,
    sort: oneOf(params.get('sort'), ['relevance', 'updated', 'created'] as const),
  };
  for (const field of DATE_FIELDS) {
    const value = params.get(field);
    state[field] = value && !Number.isNaN(Date.parse(value)) ? value : null;
  }
  return state;
}

/** Relevance only means something with a query; without one the newest activity comes first. */
export function effectiveSort(state: SearchState): IssueSort {
  const hasQuery = state.q.trim() !== '';
  if (state.sort === 'relevance') return hasQuery ? 'relevance' : 'updated';
  return state.sort ?? (hasQuery ? 'relevance' : 'updated');
}

/** The API query for a state (the URL uses the same names, so links and API calls agree). */
export function toIssueQuery(state: SearchState): IssueQuery {
  const query: IssueQuery = { q: state.q, labels: state.labels, sort: effectiveSort(state) };
  if (state.repo) query.repo = state.repo;
  if (state.state) query.state = state.state;
  if (state.author) query.author = state.author;
  if (state.type) query.type = state.type;
  if (state.issueType) query.issueType = state.issueType;
  if (state.difficulty) query.difficulty = state.difficulty;
  if (state.minGfi !== null) query.minGfi = state.minGfi;
  if (state.concept) query.concept = state.concept;
  if (state.hasDuplicates !== null) query.hasDuplicates = state.hasDuplicates;
  for (const field of DATE_FIELDS) {
    const value = state[field];
    if (value) query[field] = value;
  }
  return query;
}

/** The query string for a state: "" when nothing is set; the default sort is left out. */
export function serializeSearch(state: SearchState): string {
  const query = toIssueQuery(state);
  if (state.sort === null || state.sort === effectiveSort({ ...state, sort: null })) delete query.sort;
  const params = issueQueryParams(query).toString();
  return params ? `?${params}` : '';
}

/** Which SearchState field a facet of the API response filters. */
export function facetField(
  facet: FacetName,
): 'state' | 'type' | 'labels' | 'repo' | 'author' | 'issueType' | 'difficulty' | 'concept' {
  const fields = {
    state: 'state',
    type: 'type',
    labels: 'labels',
    repos: 'repo',
    authors: 'author',
    issueType: 'issueType',
    difficulty: 'difficulty',
    concepts: 'concept',
  } as const;
  return fields[facet];
}

/** Whether a facet value is currently filtering the results. */
export function isFacetActive(state: SearchState, facet: FacetName, value: string): boolean {
  const field = facetField(facet);
  return field === 'labels' ? state.labels.includes(value) : state[field] === value;
}

/** Clicking a facet value: labels combine (AND), the other facets hold one value; clicking again clears. */
export function toggleFacet(state: SearchState, facet: FacetName, value: string): SearchState {
  const field = facetField(facet);
  if (field === 'labels') {
    const labels = state.labels.includes(value)
      ? state.labels.filter((l) => l !== value)
      : [...state.labels, value];
    return { ...state, labels };
  }
  if (state[field] === value) return { ...state, [field]: null };
  if (field === 'state') return { ...state, state: oneOf(value, ['open', 'closed'] as const) };
  if (field === 'type') return { ...state, type: oneOf(value, ['issue', 'pr'] as const) };
  if (field === 'issueType') return { ...state, issueType: oneOf(value, ISSUE_TYPES) };
  if (field === 'difficulty') return { ...state, difficulty: oneOf(value, DIFFICULTIES) };
  if (field === 'concept') return { ...state, concept: conceptId(value) };
  return { ...state, [field]: value };
}

/** A removable chip for one active filter. */
export interface FilterChip {
  key: string;
  label: string;
  without: SearchState;
}

const DATE_LABELS: Record<DateField, string> = {
  createdFrom: 'created from',
  createdTo: 'created to',
  updatedFrom: 'updated from',
  updatedTo: 'updated to',
};

/** The chips of the analysis filters; concepts are named through `conceptNames` when it knows them. */
function analysisChips(state: SearchState, conceptNames?: ReadonlyMap<string, string>): FilterChip[] {
  const chips: FilterChip[] = [];
  if (state.issueType)
    chips.push({
      key: 'issueType',
      label: `issue type: ${state.issueType}`,
      without: { ...state, issueType: null },
    });
  if (state.difficulty)
    chips.push({
      key: 'difficulty',
      label: `difficulty: ${state.difficulty}`,
      without: { ...state, difficulty: null },
    });
  if (state.minGfi !== null) {
    const label =
      state.minGfi === GOOD_FIRST_ISSUE_MIN
        ? 'good first issues'
        : `good first issue score ≥ ${state.minGfi}`;
    chips.push({ key: 'minGfi', label, without: { ...state, minGfi: null } });
  }
  if (state.concept) {
    chips.push({
      key: 'concept',
      label: `concept: ${conceptNames?.get(state.concept) ?? state.concept}`,
      without: { ...state, concept: null },
    });
  }
  if (state.hasDuplicates !== null) {
    chips.push({
      key: 'hasDuplicates',
      label: state.hasDuplicates ? 'has duplicates' : 'no duplicates',
      without: { ...state, hasDuplicates: null },
    });
  }
  return chips;
}

/** The active filters (not the text query) as chips, each knowing the state without it. */
export function activeFilterChips(
  state: SearchState,
  conceptNames?: ReadonlyMap<string, string>,
): FilterChip[] {
  const chips: FilterChip[] = [];
  if (state.state)
    chips.push({ key: 'state', label: `state: ${state.state}`, without: { ...state, state: null } });
  if (state.type)
    chips.push({
      key: 'type',
      label: `type: ${state.type === 'pr' ? 'pull request' : 'issue'}`,
      without: { ...state, type: null },
    });
  if (state.repo)
    chips.push({ key: 'repo', label: `repo: ${state.repo}`, without: { ...state, repo: null } });
  for (const label of state.labels) {
    chips.push({
      key: `label:${label}`,
      label: `label: ${label}`,
      without: { ...state, labels: state.labels.filter((l) => l !== label) },
    });
  }
  if (state.author)
    chips.push({ key: 'author', label: `author: ${state.author}`, without: { ...state, author: null } });
  for (const field of DATE_FIELDS) {
    const value = state[field];
    if (value)
      chips.push({
        key: field,
        label: `${DATE_LABELS[field]}: ${value.slice(0, 10)}`,
        without: { ...state, [field]: null },
      });
  }
  chips.push(...analysisChips(state, conceptNames));
  return chips;
}

/**
 * A date input's "YYYY-MM-DD" as the ISO instant the API filters on: the start of the day for a
 * lower bound, the last millisecond for an upper bound, so "to 2025-03-01" includes that day.
 */
export function dateInputToIso(value: string, bound: 'from' | 'to'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return bound === 'from' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
}
