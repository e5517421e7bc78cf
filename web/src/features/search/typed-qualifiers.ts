/**
 * Qualifiers typed in the search box (`is:open label:bug`), as the server understood them: the UI
 * shows each as a removable chip, maps it onto the facet it filters, and turns the server's
 * relaxations of an empty result into "remove this filter" offers. The server is the one parser;
 * here a qualifier is only removed from the text by its exact token.
 */
import type { FacetName, IssueListResponse } from '../../api-client/api-types.ts';
import { activeFilterChips, type SearchState } from './search-state.ts';

export type TypedQualifier = IssueListResponse['qualifiers'][number];
export type Relaxation = IssueListResponse['relaxations'][number];

/** The text without one typed qualifier (its first occurrence as a whole token), spaces collapsed. */
export function removeQualifier(q: string, token: string): string {
  const words = q.split(/\s+/);
  const tokenWords = token.split(/\s+/);
  for (let i = 0; i + tokenWords.length <= words.length; i++) {
    if (tokenWords.every((word, j) => words[i + j] === word)) {
      words.splice(i, tokenWords.length);
      break;
    }
  }
  return words.join(' ').trim();
}

/** Whether the text still holds a qualifier's token (a chip of the last answer may be removed since). */
export function holdsQualifier(q: string, token: string): boolean {
  return removeQualifier(q, token) !== q.split(/\s+/).join(' ').trim();
}

const NAMES: Record<TypedQualifier['name'], string> = {
  is: 'is',
  state: 'state',
  label: 'label',
  '-label': 'not label',
  author: 'author',
  assignee: 'assignee',
  no: 'no',
  sort: 'sort',
  repo: 'repo',
  type: 'issue type',
  difficulty: 'difficulty',
  concept: 'concept',
};

/** How a chip names a typed qualifier: "label: good first issue", "not label: wontfix". */
export function qualifierLabel(qualifier: Pick<TypedQualifier, 'name' | 'value'>): string {
  return `${NAMES[qualifier.name]}: ${qualifier.value}`;
}

/** The facet value a typed qualifier filters on, if it is one the facets list. */
export function qualifierFacet(qualifier: TypedQualifier): { facet: FacetName; value: string } | null {
  const value = qualifier.value;
  switch (qualifier.name) {
    case 'is':
      return {
        facet: value.toLowerCase() === 'open' || value.toLowerCase() === 'closed' ? 'state' : 'type',
        value: value.toLowerCase(),
      };
    case 'state':
      return { facet: 'state', value: value.toLowerCase() };
    case 'label':
      return { facet: 'labels', value };
    case 'repo':
      return { facet: 'repos', value };
    case 'author':
      return { facet: 'authors', value };
    case 'type':
      return { facet: 'issueType', value: value.toLowerCase() };
    case 'difficulty':
      return { facet: 'difficulty', value: value.toLowerCase() };
    case 'concept':
      return { facet: 'concepts', value };
    default:
      return null;
  }
}

/** Facets that hold one value: a click on another value replaces a typed qualifier of the same facet. */
const SINGLE_VALUED: readonly FacetName[] = [
  'state',
  'type',
  'repos',
  'authors',
  'issueType',
  'difficulty',
  'concepts',
];

/**
 * The typed qualifiers a click on a facet value takes out of the text: the one naming that value
 * (the click clears it), and for one-value facets any naming another value (the click replaces it).
 * `clears` says the click only removes (the value was typed), so the facet must not be set.
 */
export function qualifiersReplacedByFacet(
  typed: readonly TypedQualifier[],
  facet: FacetName,
  value: string,
): { tokens: string[]; clears: boolean } {
  const tokens: string[] = [];
  let clears = false;
  for (const qualifier of typed) {
    const target = qualifierFacet(qualifier);
    if (!target || target.facet !== facet) continue;
    if (target.value === value) {
      tokens.push(qualifier.token);
      clears = true;
    } else if (SINGLE_VALUED.includes(facet)) tokens.push(qualifier.token);
  }
  return { tokens, clears };
}

/** A relaxation the UI can offer: its label and the search without the filter; null if none applies. */
export function relaxationOffer(
  state: SearchState,
  typed: readonly TypedQualifier[],
  relaxation: Relaxation,
): { label: string; next: SearchState } | null {
  if (relaxation.without.startsWith('q:')) {
    const token = relaxation.without.slice(2);
    const qualifier = typed.find((t) => t.token === token);
    return {
      label: qualifier ? qualifierLabel(qualifier) : token,
      next: { ...state, q: removeQualifier(state.q, token) },
    };
  }
  // The other filters are the page's own chips, keyed like the relaxations.
  const chip = activeFilterChips(state).find((c) => c.key === relaxation.without);
  return chip ? { label: chip.label, next: chip.without } : null;
}
