import { issueQueryParams } from '../../api-client/api-client.ts';
import type { FacetName, IssueQuery, IssueSort } from '../../api-client/api-types.ts';

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
  sort: IssueSort | null;
}

export const EMPTY_SEARCH: SearchState = {
  q: '', repo: null, state: null, labels: [], author: null, type: null,
  createdFrom: null, createdTo: null, updatedFrom: null, updatedTo: null, sort: null,
};

export type DateField = 'createdFrom' | 'createdTo' | 'updatedFrom' | 'updatedTo';
const DATE_FIELDS: DateField[] = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const nonEmpty = (value: string | null): string | null => (value && value.trim() !== '' ? value.trim() : null);

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
export function facetField(facet: FacetName): 'state' | 'type' | 'labels' | 'repo' | 'author' {
  const fields = { state: 'state', type: 'type', labels: 'labels', repos: 'repo', authors: 'author' } as const;
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
    const labels = state.labels.includes(value) ? state.labels.filter((l) => l !== value) : [...state.labels, value];
    return { ...state, labels };
  }
  if (state[field] === value) return { ...state, [field]: null };
  if (field === 'state') return { ...state, state: oneOf(value, ['open', 'closed'] as const) };
  if (field === 'type') return { ...state, type: oneOf(value, ['issue', 'pr'] as const) };
  return { ...state, [field]: value };
}

/** A removable chip for one active filter. */
export interface FilterChip {
  key: string;
  label: string;
  without: SearchState;
}

const DATE_LABELS: Record<DateField, string> = {
  createdFrom: 'created from', createdTo: 'created to', updatedFrom: 'updated from', updatedTo: 'updated to',
};

/** The active filters (not the text query) as chips, each knowing the state without it. */
export function activeFilterChips(state: SearchState): FilterChip[] {
  const chips: FilterChip[] = [];
  if (state.state) chips.push({ key: 'state', label: `state: ${state.state}`, without: { ...state, state: null } });
  if (state.type) chips.push({ key: 'type', label: `type: ${state.type === 'pr' ? 'pull request' : 'issue'}`, without: { ...state, type: null } });
  if (state.repo) chips.push({ key: 'repo', label: `repo: ${state.repo}`, without: { ...state, repo: null } });
  for (const label of state.labels) {
    chips.push({ key: `label:${label}`, label: `label: ${label}`, without: { ...state, labels: state.labels.filter((l) => l !== label) } });
  }
  if (state.author) chips.push({ key: 'author', label: `author: ${state.author}`, without: { ...state, author: null } });
  for (const field of DATE_FIELDS) {
    const value = state[field];
    if (value) chips.push({ key: field, label: `${DATE_LABELS[field]}: ${value.slice(0, 10)}`, without: { ...state, [field]: null } });
  }
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
