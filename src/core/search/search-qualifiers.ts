/**
 * GitHub's search qualifiers (`is:open label:bug author:alice sort:updated-desc`) and Loupe's own
 * (`type:bug difficulty:easy concept:message-queues`), split off the text people type into the
 * search box. What is left is searched as text. Unknown `word:value` tokens stay text, so a URL or
 * `std::vector` is searched as typed; a known qualifier with a value it cannot take is an error that
 * lists the values it can.
 */
import { LoupeError, REPO_FULL_NAME } from '../errors.ts';
import {
  DIFFICULTIES,
  ISSUE_TYPES,
  type Difficulty,
  type IssueFilters,
  type IssueType,
  type SearchSort,
} from './issue-query.ts';

/** The qualifier names this parser understands (a leading `-` negates `label:`). */
export const QUALIFIER_NAMES = [
  'is',
  'state',
  'label',
  'author',
  'assignee',
  'no',
  'sort',
  'repo',
  'type',
  'difficulty',
  'concept',
] as const;
export type QualifierName = (typeof QUALIFIER_NAMES)[number] | '-label';

/** One qualifier as understood: `name:value`, and the exact token typed (to remove it from the text). */
export interface SearchQualifier {
  name: QualifierName;
  value: string;
  /** The token as it appears in the text, quotes included. */
  token: string;
}

/** Filters that only qualifiers (and the CLI) set, besides the IssueFilters the query parameters set too. */
export type QualifierFilters = Pick<
  IssueFilters,
  | 'state'
  | 'type'
  | 'labels'
  | 'excludedLabels'
  | 'author'
  | 'assignee'
  | 'noAssignee'
  | 'noLabel'
  | 'repo'
  | 'issueType'
  | 'difficulty'
  | 'concept'
>;

export interface ParsedSearchText {
  /** The text without its qualifiers, spaces collapsed. */
  text: string;
  qualifiers: SearchQualifier[];
  filters: QualifierFilters;
  sort: SearchSort | null;
}

const IS_VALUES = ['open', 'closed', 'issue', 'pr'] as const;
const NO_VALUES = ['assignee', 'label'] as const;
/** GitHub's sorts Loupe has: it orders by recent update or creation, newest first, or by relevance. */
const SORTS: Record<string, SearchSort> = {
  'updated-desc': 'updated',
  updated: 'updated',
  'created-desc': 'created',
  created: 'created',
  'best-match': 'relevance',
};
const UNSUPPORTED_SORTS = [
  'updated-asc',
  'created-asc',
  'comments',
  'comments-desc',
  'comments-asc',
  'reactions',
  'reactions-desc',
  'interactions',
];
const CONCEPT_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
/** A login as GitHub allows it, and `@me`-free: Loupe has no notion of "me" in search. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/**
 * `-?name:value`, value either "quoted" or up to the next space, at the start of the text or after a
 * space. The name must be followed by exactly one colon (`std::vector` is not `std:` + `:vector`).
 */
const QUALIFIER_TOKEN = /(^|\s)(-?)([A-Za-z]+):(?!:)("([^"]*)"|[^\s"]*)(?=\s|$)/g;

function invalid(name: string, value: string, allowed: string, why = ''): LoupeError {
  return new LoupeError(
    'INVALID_INPUT',
    `${name}:${value} is not a valid qualifier${why}: ${name}: takes ${allowed}`,
    { qualifier: name, value },
  );
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  throw invalid(name, value, allowed.join(', '));
}

/** Applies one qualifier to the filters; returns the sort it asks for, if it is `sort:`. */
function apply(filters: QualifierFilters, name: QualifierName, value: string): SearchSort | null {
  switch (name) {
    case 'is': {
      const is = oneOf(name, value, IS_VALUES);
      if (is === 'open' || is === 'closed') filters.state = is;
      else filters.type = is;
      return null;
    }
    case 'state':
      filters.state = oneOf(name, value, ['open', 'closed'] as const);
      return null;
    case 'label':
      filters.labels = [...new Set([...(filters.labels ?? []), value])];
      return null;
    case '-label':
      filters.excludedLabels = [...new Set([...(filters.excludedLabels ?? []), value])];
      return null;
    case 'author':
    case 'assignee':
      if (!LOGIN.test(value)) throw invalid(name, value, 'a user login, e.g. octocat');
      filters[name] = value;
      return null;
    case 'no':
      if (oneOf(name, value, NO_VALUES) === 'assignee') filters.noAssignee = true;
      else filters.noLabel = true;
      return null;
    case 'repo':
      if (!REPO_FULL_NAME.test(value)) throw invalid(name, value, 'owner/name, e.g. octocat/hello-world');
      filters.repo = value;
      return null;
    case 'type':
      filters.issueType = oneOf<IssueType>(name, value, ISSUE_TYPES);
      return null;
    case 'difficulty':
      filters.difficulty = oneOf<Difficulty>(name, value, DIFFICULTIES);
      return null;
    case 'concept':
      if (!CONCEPT_ID.test(value)) throw invalid(name, value, 'a concept id, e.g. message-queues');
      filters.concept = value;
      return null;
    case 'sort': {
      const key = value.toLowerCase();
      // Own keys only: "sort:constructor" must not find Object.prototype's.
      if (Object.hasOwn(SORTS, key)) return SORTS[key]!;
      const why = UNSUPPORTED_SORTS.includes(key) ? ' (Loupe does not sort that way)' : '';
      throw invalid(name, value, Object.keys(SORTS).join(', '), why);
    }
  }
}

function isQualifierName(name: string): name is (typeof QUALIFIER_NAMES)[number] {
  return (QUALIFIER_NAMES as readonly string[]).includes(name);
}

/**
 * Splits typed search text into free text and qualifiers. Throws INVALID_INPUT (message naming the
 * allowed values) for a known qualifier with a value it cannot take, or with no value (`label:`).
 * Repeated `label:` qualifiers all apply; for the others the last one wins.
 */
export function parseSearchQualifiers(input: string): ParsedSearchText {
  const qualifiers: SearchQualifier[] = [];
  const filters: QualifierFilters = {};
  let sort: SearchSort | null = null;
  const text = input.replace(
    QUALIFIER_TOKEN,
    (whole, space: string, minus: string, rawName: string, rawValue: string, quoted?: string) => {
      const lowerName = rawName.toLowerCase();
      if (!isQualifierName(lowerName)) return whole;
      if (minus && lowerName !== 'label') return whole;
      const name: QualifierName = minus ? '-label' : lowerName;
      const value = (quoted ?? rawValue).trim();
      if (value === '') throw invalid(name, '', name === 'label' ? 'a label name' : 'a value');
      sort = apply(filters, name, value) ?? sort;
      qualifiers.push({ name, value, token: whole.slice(space.length) });
      return space;
    },
  );
  return { text: text.replace(/\s+/g, ' ').trim(), qualifiers, filters, sort };
}

/**
 * The text without a qualifier's token: its first occurrence as a whole token (not inside another:
 * removing `label:bug` leaves `label:bugfix`), spaces collapsed.
 */
export function withoutQualifierToken(text: string, token: string): string {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`(^|\\s)${escaped}(?=\\s|$)`), '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const SINGLE_VALUED = [
  'state',
  'type',
  'author',
  'assignee',
  'repo',
  'issueType',
  'difficulty',
  'concept',
] as const satisfies readonly (keyof QualifierFilters)[];

/**
 * A query whose text held qualifiers, as the query it means: the text without them, their filters
 * merged with the query's own (labels add up), and a typed `sort:` in place of the query's sort (a
 * client sends its default sort beside the text). Throws INVALID_INPUT when a qualifier contradicts
 * a filter the query sets (`is:closed` with state=open).
 */
export function withQualifiers<Q extends IssueFilters & { sort?: SearchSort }>(
  query: Q,
  parsed: ParsedSearchText,
): Q {
  const merged: Q = { ...query };
  for (const field of SINGLE_VALUED) {
    const typed = parsed.filters[field];
    if (typed === undefined) continue;
    const given = query[field];
    if (given !== undefined && given.toLowerCase() !== typed.toLowerCase())
      throw new LoupeError(
        'INVALID_INPUT',
        `the search text asks for ${field} ${typed} but the ${field} filter is ${given}: remove one of them`,
      );
    (merged as IssueFilters)[field] = typed as never;
  }
  for (const field of ['labels', 'excludedLabels'] as const) {
    const typed = parsed.filters[field];
    if (typed) merged[field] = [...new Set([...(query[field] ?? []), ...typed])];
  }
  if (parsed.filters.noAssignee) merged.noAssignee = true;
  if (parsed.filters.noLabel) merged.noLabel = true;
  if (parsed.sort) merged.sort = parsed.sort;
  return merged;
}
