import { activeFilterChips, EMPTY_SEARCH } from '../search/search-state.ts';
import type { SearchState } from '../search/search-state.ts';
import { qualifierLabel, removeQualifier, type TypedQualifier } from '../search/typed-qualifiers.ts';

/**
 * The active filters as removable chips, plus "Clear all": first the qualifiers typed in the search
 * box (removing one takes it out of the text), then the filters set by facets and quick filters.
 */
export function FilterChips({
  state,
  onChange,
  conceptNames,
  typed = [],
}: {
  state: SearchState;
  onChange: (next: SearchState) => void;
  conceptNames?: ReadonlyMap<string, string>;
  /** The qualifiers the server understood in the current text. */
  typed?: readonly TypedQualifier[];
}) {
  const chips = [
    ...typed.map((qualifier) => ({
      key: `typed-${qualifier.name}-${qualifier.value}`,
      label: qualifierLabel(qualifier),
      without: { ...state, q: removeQualifier(state.q, qualifier.token) },
    })),
    ...activeFilterChips(state, conceptNames),
  ];
  if (chips.length === 0) return null;
  const textOnly = typed.reduce((q, qualifier) => removeQualifier(q, qualifier.token), state.q);
  return (
    <div className="filter-chips" aria-label="Active filters" role="group">
      {chips.map((chip) => (
        <button
          key={chip.key}
          type="button"
          className="filter-chip"
          data-testid={`filter-chip-${chip.key}`}
          aria-label={`Remove filter ${chip.label}`}
          onClick={() => onChange(chip.without)}
        >
          {chip.label}
          <span aria-hidden="true"> ×</span>
        </button>
      ))}
      {chips.length > 1 ? (
        <button
          type="button"
          className="link-button small"
          onClick={() => onChange({ ...EMPTY_SEARCH, q: textOnly, sort: state.sort })}
        >
          Clear all
        </button>
      ) : null}
    </div>
  );
}
