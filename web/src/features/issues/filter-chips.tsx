import { activeFilterChips, EMPTY_SEARCH } from '../search/search-state.ts';
import type { SearchState } from '../search/search-state.ts';

/** The active filters as removable chips, plus "Clear all". */
export function FilterChips({
  state,
  onChange,
  conceptNames,
}: {
  state: SearchState;
  onChange: (next: SearchState) => void;
  conceptNames?: ReadonlyMap<string, string>;
}) {
  const chips = activeFilterChips(state, conceptNames);
  if (chips.length === 0) return null;
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
          onClick={() => onChange({ ...EMPTY_SEARCH, q: state.q, sort: state.sort })}
        >
          Clear all
        </button>
      ) : null}
    </div>
  );
}
