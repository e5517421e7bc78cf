import { useEffect, useMemo, useState } from 'react';
import { listConcepts } from '../../api-client/api-client.ts';
import { EmptyState, ErrorMessage, Loading } from '../../components/status-message.tsx';
import { primeConcepts } from '../../lib/concept-names.ts';
import { useApi } from '../../lib/use-api.ts';
import { buildConceptTree, countNodes, filterConceptTree } from './concept-tree.ts';
import { ConceptTreeView } from './concept-tree-view.tsx';

/** The concept taxonomy with issue counts; each concept opens the issues tagged with it. */
export function ConceptsPage() {
  // Counts change as analysis runs, so this page always asks afresh (and shares what it got).
  const { data, error, loading, reload } = useApi('concepts', async (signal) => {
    const concepts = await listConcepts(signal);
    primeConcepts(concepts);
    return concepts;
  });
  const [text, setText] = useState('');
  const [showEmpty, setShowEmpty] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    document.title = 'Concepts · Loupe';
  }, []);

  const tree = useMemo(() => buildConceptTree(data ?? []), [data]);
  const visible = useMemo(() => filterConceptTree(tree, { text, showEmpty }), [tree, text, showEmpty]);
  const withIssues = useMemo(() => (data ?? []).filter((c) => c.issueCount > 0).length, [data]);

  const toggle = (id: string): void =>
    setExpanded((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="concepts-page">
      <div className="page-heading">
        <h1>Concepts</h1>
        {data ? (
          <p className="muted" data-testid="concept-summary">
            {withIssues} of {data.length} concepts have issues; each number counts the issues tagged with that
            concept itself
          </p>
        ) : null}
      </div>
      <div className="concept-toolbar">
        <label className="concept-filter">
          <span className="visually-hidden">Filter concepts</span>
          <input
            type="search"
            placeholder="Filter concepts…"
            value={text}
            data-testid="concept-filter"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showEmpty}
            data-testid="concept-show-all"
            onChange={(event) => setShowEmpty(event.target.checked)}
          />
          Show all (also concepts without issues)
        </label>
        <button
          type="button"
          className="link-button small"
          onClick={() => setExpanded(new Set(tree.map((n) => n.concept.id)))}
        >
          Expand roots
        </button>
        <button type="button" className="link-button small" onClick={() => setExpanded(new Set())}>
          Collapse all
        </button>
      </div>
      {error ? (
        <ErrorMessage title="Could not load the concepts" message={error.message} onRetry={reload} />
      ) : null}
      {!data && loading ? <Loading label="Loading concepts…" /> : null}
      {data && visible.length === 0 ? (
        <EmptyState title={text.trim() ? 'No concept matches this filter' : 'No concept has issues yet'}>
          <p>
            {text.trim()
              ? 'Try another word.'
              : 'Concepts fill in as Loupe analyses the issues; tick "Show all" to browse the taxonomy.'}
          </p>
        </EmptyState>
      ) : null}
      {data && visible.length > 0 ? (
        <>
          {text.trim() ? <p className="muted small">{countNodes(visible)} concepts shown</p> : null}
          <ConceptTreeView
            nodes={visible}
            expanded={expanded}
            expandAll={text.trim() !== ''}
            onToggle={toggle}
          />
        </>
      ) : null}
    </div>
  );
}
