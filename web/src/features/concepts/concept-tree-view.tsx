import type { ConceptNode } from './concept-tree.ts';
import { ChevronIcon } from '../../components/icons.tsx';
import { conceptFilterHref } from '../../lib/analysis-format.ts';
import { Link } from '../../router/router.tsx';

interface TreeProps {
  nodes: ConceptNode[];
  /** Ids of the expanded concepts; ignored when `expandAll`. */
  expanded: ReadonlySet<string>;
  expandAll: boolean;
  onToggle: (id: string) => void;
}

/**
 * A concept's own issue count, and how many narrower concepts are listed right under it. Not an issue count
 * for the branch: the API counts issues per concept, and one issue tagged with several narrower
 * concepts would be added up several times (a branch could show more issues than there are).
 */
function ConceptCounts({ node }: { node: ConceptNode }) {
  const own = node.concept.issueCount;
  // The rows that expanding it shows: with "Show all" off, only branches with issues.
  const narrower = node.children.length;
  return (
    <span className="concept-counts">
      <span
        className="concept-count"
        title={`${own} issue${own === 1 ? '' : 's'} tagged ${node.concept.name}`}
      >
        {own}
      </span>
      {narrower > 0 ? (
        <span
          className="concept-subtotal muted"
          title={`${narrower} narrower concept${narrower === 1 ? '' : 's'} under ${node.concept.name}, each counting its own issues`}
        >
          {narrower} sub-concept{narrower === 1 ? '' : 's'}
        </span>
      ) : null}
    </span>
  );
}

function ConceptTreeNode({ node, level, props }: { node: ConceptNode; level: number; props: TreeProps }) {
  const { concept, children } = node;
  const open = props.expandAll || props.expanded.has(concept.id);
  const childListId = `concept-children-${concept.id}`;
  return (
    <li className="concept-node" data-testid="concept-node" data-concept-id={concept.id}>
      <div className="concept-row" style={{ paddingLeft: `${level * 1.25}rem` }}>
        {children.length > 0 ? (
          <button
            type="button"
            className="concept-toggle"
            aria-expanded={open}
            aria-controls={open ? childListId : undefined}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${concept.name}`}
            data-testid="concept-toggle"
            onClick={() => props.onToggle(concept.id)}
          >
            <ChevronIcon open={open} />
          </button>
        ) : (
          <span className="concept-toggle-spacer" aria-hidden="true" />
        )}
        <Link to={conceptFilterHref(concept.id)} className="concept-name" data-testid="concept-link">
          {concept.name}
        </Link>
        <span className="concept-kind muted small">{concept.kind}</span>
        <ConceptCounts node={node} />
      </div>
      {open && children.length > 0 ? (
        <ul id={childListId} className="concept-children">
          {children.map((child) => (
            <ConceptTreeNode key={child.concept.id} node={child} level={level + 1} props={props} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The concept taxonomy as nested disclosure lists: roots first, children under their parent. */
export function ConceptTreeView(props: TreeProps) {
  return (
    <ul className="concept-tree" data-testid="concept-tree" aria-label="Concept taxonomy">
      {props.nodes.map((node) => (
        <ConceptTreeNode key={node.concept.id} node={node} level={0} props={props} />
      ))}
    </ul>
  );
}
