import { useState } from 'react';
import type { FacetCount, FacetName, IssueFacets } from '../../api-client/api-types.ts';
import { dateInputToIso, facetField, isFacetActive } from '../search/search-state.ts';
import type { DateField, SearchState } from '../search/search-state.ts';

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'state', title: 'State' },
  { name: 'type', title: 'Type' },
  { name: 'repos', title: 'Repository' },
  { name: 'labels', title: 'Labels' },
  { name: 'authors', title: 'Author' },
];

const VALUE_NAMES: Record<string, string> = { open: 'Open', closed: 'Closed', issue: 'Issues', pr: 'Pull requests' };
const SHOWN = 8;

interface FacetPanelProps {
  facets: IssueFacets | null;
  state: SearchState;
  onToggle: (facet: FacetName, value: string) => void;
  onDate: (field: DateField, iso: string | null) => void;
}

function FacetGroup({ name, title, values, state, onToggle }: { name: FacetName; title: string; values: FacetCount[]; state: SearchState; onToggle: FacetPanelProps['onToggle'] }) {
  const [expanded, setExpanded] = useState(false);
  // An active value stays listed even when the server returns no count for it, so it can be cleared.
  const field = facetField(name);
  const active = field === 'labels' ? state.labels : state[field] ? [state[field]] : [];
  const missing = active.filter((value) => !values.some((v) => v.value === value)).map((value) => ({ value, count: 0 }));
  const all = [...missing, ...values];
  const shown = expanded ? all : all.slice(0, Math.max(SHOWN, missing.length));
  return (
    <fieldset className="facet-group">
      <legend>{title}</legend>
      {all.length === 0 ? <p className="muted small">None</p> : null}
      <ul>
        {shown.map(({ value, count }) => {
          const active = isFacetActive(state, name, value);
          return (
            <li key={value}>
              <button type="button" className="facet-value" aria-pressed={active} data-testid={`facet-${name}-${value}`} onClick={() => onToggle(name, value)}>
                <span className="facet-name">{VALUE_NAMES[value] && (name === 'state' || name === 'type') ? VALUE_NAMES[value] : value}</span>
                <span className="facet-count">{count}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {all.length > SHOWN ? (
        <button type="button" className="link-button small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${all.length}`}
        </button>
      ) : null}
    </fieldset>
  );
}

const DATES: { field: DateField; label: string; bound: 'from' | 'to' }[] = [
  { field: 'createdFrom', label: 'Created from', bound: 'from' },
  { field: 'createdTo', label: 'Created to', bound: 'to' },
  { field: 'updatedFrom', label: 'Updated from', bound: 'from' },
  { field: 'updatedTo', label: 'Updated to', bound: 'to' },
];

/** Facet counts to click on, and date range inputs. */
export function FacetPanel({ facets, state, onToggle, onDate }: FacetPanelProps) {
  return (
    <div className="facet-panel">
      {FACETS.map(({ name, title }) => (
        <FacetGroup key={name} name={name} title={title} values={facets?.[name] ?? []} state={state} onToggle={onToggle} />
      ))}
      <fieldset className="facet-group date-filters">
        <legend>Dates</legend>
        {DATES.map(({ field, label, bound }) => (
          <label key={field} className="date-field">
            <span>{label}</span>
            <input type="date" value={state[field]?.slice(0, 10) ?? ''} onChange={(event) => onDate(field, dateInputToIso(event.target.value, bound))} />
          </label>
        ))}
      </fieldset>
    </div>
  );
}
