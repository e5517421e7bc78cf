import { useState } from 'react';
import type { FacetCount, FacetName, IssueFacets } from '../../api-client/api-types.ts';
import { capitalize } from '../../lib/analysis-format.ts';
import { dateInputToIso, facetField, GOOD_FIRST_ISSUE_MIN, isFacetActive } from '../search/search-state.ts';
import type { DateField, SearchState } from '../search/search-state.ts';

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'state', title: 'State' },
  { name: 'type', title: 'Type' },
  { name: 'issueType', title: 'Issue type' },
  { name: 'difficulty', title: 'Difficulty' },
  { name: 'concepts', title: 'Concept' },
  { name: 'repos', title: 'Repository' },
  { name: 'labels', title: 'Labels' },
  { name: 'authors', title: 'Author' },
];

const VALUE_NAMES: Record<string, string> = {
  open: 'Open',
  closed: 'Closed',
  issue: 'Issues',
  pr: 'Pull requests',
};
const SHOWN = 8;
const SAMPLED_TITLE = 'Approximate: counted over the 500 most recently updated matches';
/** Why the facets do not add up to the header's "500+": they count a sample, which the header does not. */
const SAMPLED_NOTE =
  'More than 500 matches: the counts below (≈) are of the 500 most recently updated ones, not of all of them.';

/**
 * The test id of a facet button. The facets of Loupe's analysis are named after the URL parameter
 * they set (filter-issueType-bug, filter-concept-nodejs); the older ones keep facet-<facet>-<value>.
 */
export function facetTestId(facet: FacetName, value: string): string {
  if (facet === 'issueType' || facet === 'difficulty' || facet === 'concepts')
    return `filter-${facetField(facet)}-${value}`;
  return `facet-${facet}-${value}`;
}

interface FacetPanelProps {
  facets: IssueFacets | null;
  state: SearchState;
  onToggle: (facet: FacetName, value: string) => void;
  onDate: (field: DateField, iso: string | null) => void;
  /** Replaces the whole state (the quick filters set fields that are not facets). */
  onChange?: (next: SearchState) => void;
  /** Facet counts cover a sample of the matches, so they are shown as approximate. */
  sampled?: boolean;
  /** Concept names by id; ids are shown until they are known. */
  conceptNames?: ReadonlyMap<string, string>;
  /** Facet values that qualifiers typed in the search box filter on: shown as active too. */
  typedValues?: readonly { facet: FacetName; value: string }[];
}

function displayName(facet: FacetName, value: string, conceptNames?: ReadonlyMap<string, string>): string {
  if (facet === 'concepts') return conceptNames?.get(value) ?? value;
  if (facet === 'issueType' || facet === 'difficulty') return capitalize(value);
  if (facet === 'state' || facet === 'type') return VALUE_NAMES[value] ?? value;
  return value;
}

interface FacetGroupProps {
  name: FacetName;
  title: string;
  values: FacetCount[];
  props: FacetPanelProps;
}

function FacetGroup({ name, title, values, props }: FacetGroupProps) {
  const { state, onToggle, sampled, conceptNames } = props;
  const [expanded, setExpanded] = useState(false);
  // An active value stays listed even when the server returns no count for it, so it can be cleared.
  const field = facetField(name);
  const typed = (props.typedValues ?? []).filter((t) => t.facet === name).map((t) => t.value);
  const current = [
    ...new Set([...(field === 'labels' ? state.labels : state[field] ? [state[field]] : []), ...typed]),
  ];
  const missing = current
    .filter((value) => !values.some((v) => v.value === value))
    .map((value) => ({ value, count: 0 }));
  const all = [...missing, ...values];
  const shown = expanded ? all : all.slice(0, Math.max(SHOWN, missing.length));
  return (
    <fieldset className="facet-group">
      <legend>{title}</legend>
      {all.length === 0 ? <p className="muted small">None</p> : null}
      <ul>
        {shown.map(({ value, count }) => (
          <li key={value}>
            <button
              type="button"
              className="facet-value"
              aria-pressed={isFacetActive(state, name, value) || typed.includes(value)}
              data-testid={facetTestId(name, value)}
              onClick={() => onToggle(name, value)}
            >
              <span className="facet-name" title={displayName(name, value, conceptNames)}>
                {displayName(name, value, conceptNames)}
              </span>
              <span className="facet-count" title={sampled ? SAMPLED_TITLE : undefined}>
                {sampled ? `≈${count}` : count}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {all.length > SHOWN ? (
        <button
          type="button"
          className="link-button small"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Show fewer' : `Show all ${all.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}

/** One-click filters that are not facet values: good first issues and issues with duplicates. */
function QuickFilters({ state, onChange }: { state: SearchState; onChange: (next: SearchState) => void }) {
  const gfi = state.minGfi === GOOD_FIRST_ISSUE_MIN;
  return (
    <fieldset className="facet-group quick-filters">
      <legend>Quick filters</legend>
      <button
        type="button"
        className="quick-filter"
        aria-pressed={gfi}
        data-testid="filter-minGfi"
        onClick={() => onChange({ ...state, minGfi: gfi ? null : GOOD_FIRST_ISSUE_MIN })}
      >
        Good first issues
      </button>
      <button
        type="button"
        className="quick-filter"
        aria-pressed={state.hasDuplicates === true}
        data-testid="filter-hasDuplicates"
        onClick={() => onChange({ ...state, hasDuplicates: state.hasDuplicates === true ? null : true })}
      >
        Has duplicates
      </button>
    </fieldset>
  );
}

const DATES: { field: DateField; label: string; bound: 'from' | 'to' }[] = [
  { field: 'createdFrom', label: 'Created from', bound: 'from' },
  { field: 'createdTo', label: 'Created to', bound: 'to' },
  { field: 'updatedFrom', label: 'Updated from', bound: 'from' },
  { field: 'updatedTo', label: 'Updated to', bound: 'to' },
];

/** Quick filters, facet counts to click on, and date range inputs. */
export function FacetPanel(props: FacetPanelProps) {
  const { facets, state, onDate, onChange } = props;
  return (
    <div className="facet-panel">
      {props.sampled ? (
        <p className="muted small" data-testid="facets-sampled-note">
          {SAMPLED_NOTE}
        </p>
      ) : null}
      {onChange ? <QuickFilters state={state} onChange={onChange} /> : null}
      {FACETS.map(({ name, title }) => {
        const values = facets?.[name];
        // Analysis facets are absent on servers without analysis: no empty group then.
        if (!values && (name === 'issueType' || name === 'difficulty' || name === 'concepts')) return null;
        return <FacetGroup key={name} name={name} title={title} values={values ?? []} props={props} />;
      })}
      <fieldset className="facet-group date-filters">
        <legend>Dates</legend>
        {DATES.map(({ field, label, bound }) => (
          <label key={field} className="date-field">
            <span>{label}</span>
            <input
              type="date"
              value={state[field]?.slice(0, 10) ?? ''}
              onChange={(event) => onDate(field, dateInputToIso(event.target.value, bound))}
            />
          </label>
        ))}
      </fieldset>
    </div>
  );
}
