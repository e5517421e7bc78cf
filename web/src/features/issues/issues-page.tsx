import { useEffect, useMemo, useState } from 'react';
import type { FacetName, IssueListResponse, MatchMode } from '../../api-client/api-types.ts';
import { EmptyState, ErrorMessage, Loading } from '../../components/status-message.tsx';
import { conceptNameMap, useConceptIndex } from '../../lib/concept-names.ts';
import { rememberListSearch } from '../../lib/list-return.ts';
import { useLiveEvents } from '../../lib/use-live-events.ts';
import { Link, navigate, useLocation } from '../../router/router.tsx';
import { SearchBox } from '../search/search-box.tsx';
import {
  activeFilterChips,
  effectiveSort,
  EMPTY_SEARCH,
  parseSearch,
  serializeSearch,
  toggleFacet,
} from '../search/search-state.ts';
import type { SearchState } from '../search/search-state.ts';
import {
  holdsQualifier,
  qualifierFacet,
  qualifiersReplacedByFacet,
  relaxationOffer,
  removeQualifier,
  type TypedQualifier,
} from '../search/typed-qualifiers.ts';
import { useIssueSearch } from '../search/use-issue-search.ts';
import { FacetPanel } from './facet-panel.tsx';
import { FilterChips } from './filter-chips.tsx';
import { IssueRow } from './issue-row.tsx';

function go(state: SearchState, options: { replace?: boolean } = {}): void {
  navigate(`/${serializeSearch(state)}`, options);
}

function SortSelect({ state }: { state: SearchState }) {
  const hasQuery = state.q.trim() !== '';
  return (
    <label className="sort-select">
      <span>Sort</span>
      <select
        value={effectiveSort(state)}
        onChange={(event) => go({ ...state, sort: event.target.value as SearchState['sort'] })}
      >
        {hasQuery ? <option value="relevance">Best match</option> : null}
        <option value="updated">Recently updated</option>
        <option value="created">Newest</option>
      </select>
    </label>
  );
}

function ResultCount({
  total,
  capped,
  loading,
}: {
  total: number | null;
  capped: boolean;
  loading: boolean;
}) {
  return (
    <p className="result-count" aria-live="polite">
      {total === null ? null : (
        <span data-testid="result-count">{`${total}${capped ? '+' : ''} ${total === 1 && !capped ? 'result' : 'results'}`}</span>
      )}
      {loading ? <span className="spinner" role="status" aria-label="Loading results" /> : null}
    </p>
  );
}

const MATCH_MODE_HINTS: Partial<Record<MatchMode, string>> = {
  'any-word': 'No issue has all the words; showing issues with any of them.',
  'title-substring': 'No full-text match; showing issues whose title contains the text.',
  'fuzzy-title': 'No exact match; showing fuzzy title matches.',
};

/** A note when the search had to loosen to find anything, so fewer-than-expected matches make sense. */
export function MatchModeHint({ mode }: { mode: MatchMode | null | undefined }) {
  const hint = mode ? MATCH_MODE_HINTS[mode] : undefined;
  return hint ? (
    <p className="match-mode-hint" data-testid="match-mode-hint">
      {hint}
    </p>
  ) : null;
}

/** What changes an issue in the list: its own writes and its analysis. */
const ITEM_EVENTS = ['item.created', 'item.changed', 'item.deleted', 'analysis.updated'] as const;

/**
 * The issues written since the list was read (live, from the event stream), counted once each. The
 * list is not re-ordered under the reader: they choose when to refresh. A new search starts afresh.
 */
function useChangedItems(search: string): { count: number; clear: () => void } {
  const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
  const [readFor, setReadFor] = useState(search);
  if (readFor !== search) {
    setReadFor(search);
    setKeys(new Set());
  }
  useLiveEvents(ITEM_EVENTS, (events) => {
    const written = events.flatMap((e) => {
      const key = (e.payload as { key?: unknown }).key;
      return typeof key === 'string' ? [`${e.repoId ?? ''}:${key}`] : [];
    });
    if (written.length === 0) return;
    setKeys((known) => new Set([...known, ...written]));
  });
  return { count: keys.size, clear: () => setKeys(new Set()) };
}

/** Home page: search box, facets, results and "load more", all driven by the URL's query string. */
export function IssuesPage() {
  const { search } = useLocation();
  const state = parseSearch(search);
  const results = useIssueSearch(state);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const { data } = results;
  const changed = useChangedItems(search);
  const conceptIndex = useConceptIndex();
  const conceptNames = useMemo(() => conceptNameMap(conceptIndex), [conceptIndex]);

  useEffect(() => {
    rememberListSearch(search);
    document.title = state.q ? `${state.q} · Loupe` : 'Issues · Loupe';
  }, [search, state.q]);

  // The qualifiers of the last answer that the text still holds (a removed chip goes at once).
  const typed = (data?.qualifiers ?? []).filter((q) => holdsQualifier(state.q, q.token));
  const activeCount = activeFilterChips(state, conceptNames).length + typed.length;
  const onToggle = (facet: FacetName, value: string) => {
    // A facet a qualifier was typed for: the click replaces (or, on its own value, clears) the qualifier.
    const { tokens, clears } = qualifiersReplacedByFacet(typed, facet, value);
    const q = tokens.reduce((text, token) => removeQualifier(text, token), state.q);
    go(clears ? { ...state, q } : toggleFacet({ ...state, q }, facet, value));
  };

  return (
    <div className="issues-page">
      <SearchBox value={state.q} onChange={(q) => go({ ...state, q }, { replace: true })} />
      {data?.didYouMean ? (
        <p className="did-you-mean">
          Did you mean{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => go({ ...state, q: data.didYouMean ?? '' })}
          >
            {data.didYouMean}
          </button>
          ?
        </p>
      ) : null}
      {/* A hint about how the text matched means nothing over an empty list. */}
      <MatchModeHint mode={data && data.issues.length > 0 ? data.matchMode : null} />
      <div className="issues-layout">
        <button
          type="button"
          className="button filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls="facet-panel"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          Filters{activeCount > 0 ? ` (${activeCount})` : ''}
        </button>
        <aside id="facet-panel" className={filtersOpen ? 'facets open' : 'facets'} aria-label="Filters">
          <FacetPanel
            facets={data?.facets ?? null}
            state={state}
            onToggle={onToggle}
            typedValues={typed.map(qualifierFacet).filter((v) => v !== null)}
            onDate={(field, iso) => go({ ...state, [field]: iso })}
            onChange={(next) => go(next)}
            sampled={data?.facetsSampled ?? false}
            conceptNames={conceptNames}
          />
        </aside>
        <section className="results" aria-label="Results" aria-busy={results.loading}>
          <div className="results-toolbar">
            <ResultCount
              total={data?.total ?? null}
              capped={data?.totalCapped ?? false}
              loading={results.loading}
            />
            <SortSelect state={state} />
          </div>
          <FilterChips
            state={state}
            typed={typed}
            conceptNames={conceptNames}
            onChange={(next) => go(next)}
          />
          {changed.count > 0 ? (
            <p className="live-changes" role="status" data-testid="live-changes">
              {changed.count === 1 ? '1 issue' : `${changed.count} issues`} changed since this list was read.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  changed.clear();
                  results.retry();
                }}
              >
                Refresh
              </button>
            </p>
          ) : null}
          <Results results={results} state={state} typed={typed} />
        </section>
      </div>
    </div>
  );
}

/**
 * What an empty result offers: each filter whose removal would find something, with how many, so a
 * search that went too narrow can be loosened one step instead of cleared.
 */
function RelaxationOffers({
  state,
  typed,
  relaxations,
}: {
  state: SearchState;
  typed: readonly TypedQualifier[];
  relaxations: IssueListResponse['relaxations'];
}) {
  const offers = relaxations
    .filter((relaxation) => relaxation.total > 0)
    .map((relaxation) => ({ relaxation, offer: relaxationOffer(state, typed, relaxation) }))
    .filter(({ offer }) => offer !== null);
  if (offers.length === 0) return null;
  return (
    // Styled here: web/src/styles.css belongs to the shared components.
    <ul
      className="relaxation-offers"
      data-testid="relaxation-offers"
      style={{ listStyle: 'none', padding: 0, margin: '0.5rem 0' }}
    >
      {offers.map(({ relaxation, offer }) => (
        <li key={relaxation.without}>
          <button
            type="button"
            className="link-button"
            data-testid={`relax-${relaxation.without}`}
            onClick={() => go(offer!.next)}
          >
            {`Remove ${offer!.label} (${relaxation.total}${relaxation.totalCapped ? '+' : ''} ${relaxation.total === 1 && !relaxation.totalCapped ? 'result' : 'results'})`}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Results({
  results,
  state,
  typed,
}: {
  results: ReturnType<typeof useIssueSearch>;
  state: SearchState;
  typed: readonly TypedQualifier[];
}) {
  const { data, error, loading } = results;
  if (error)
    return <ErrorMessage title="Could not load issues" message={error.message} onRetry={results.retry} />;
  if (!data) return loading ? <Loading label="Loading issues…" /> : null;
  if (data.issues.length === 0) {
    const filtered = serializeSearch({ ...state, sort: null }) !== '';
    return (
      <EmptyState title={filtered ? 'No issues match this search' : 'No issues yet'}>
        <p>
          {filtered
            ? 'Try other words or remove a filter.'
            : 'Add a repository and sync it to see its issues here.'}
        </p>
        {filtered ? <RelaxationOffers state={state} typed={typed} relaxations={data.relaxations} /> : null}
        {filtered ? (
          <button type="button" className="button" onClick={() => go(EMPTY_SEARCH)}>
            Clear search
          </button>
        ) : (
          <Link className="button" to="/repos">
            Go to repositories
          </Link>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      <ol className={loading ? 'issue-list stale' : 'issue-list'}>
        {data.issues.map((issue) => (
          <IssueRow key={issue.id} issue={issue} />
        ))}
      </ol>
      {results.loadMoreError ? (
        <ErrorMessage title="Could not load more" message={results.loadMoreError.message} />
      ) : null}
      {data.nextCursor ? (
        <div className="load-more">
          <button type="button" className="button" onClick={results.loadMore} disabled={results.loadingMore}>
            {results.loadingMore
              ? 'Loading…'
              : `Load more (${data.issues.length} of ${data.total}${data.totalCapped ? '+' : ''} shown)`}
          </button>
        </div>
      ) : null}
    </>
  );
}
