import type { Analysis, IssueConcept } from '../../api-client/api-types.ts';
import { ReasonList } from '../../components/analysis-badges.tsx';
import type { ResolveMention } from '../../components/issue-mentions.ts';
import {
  capitalize,
  conceptFilterHref,
  difficultyBadge,
  percent,
  score2,
  typeProbabilityRows,
} from '../../lib/analysis-format.ts';
import { Link } from '../../router/router.tsx';
import { conceptPathNames } from '../concepts/concept-tree.ts';

/** Type probabilities as labelled bars; the numbers are text, the bars only illustrate them. */
function TypeProbabilities({ analysis }: { analysis: Analysis }) {
  const rows = typeProbabilityRows(analysis);
  return (
    <ul className="probability-list" aria-label="Type probabilities">
      {rows.map(({ type, probability }) => (
        <li key={type} className={type === analysis.type ? 'chosen' : undefined}>
          <span className="probability-name">{capitalize(type)}</span>
          <span className="probability-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, Math.min(1, probability)) * 100}%` }} />
          </span>
          <span className="probability-value">{percent(probability)}</span>
        </li>
      ))}
    </ul>
  );
}

function ConceptItem({ concept, names }: { concept: IssueConcept; names: ReadonlyMap<string, string> }) {
  // The path ends with the concept itself; its own name is known even before the taxonomy loads.
  const named = new Map(names);
  named.set(concept.id, concept.name);
  const path = conceptPathNames(concept.path, named);
  return (
    <li className="concept-item" data-testid="understanding-concept">
      <div className="concept-item-head">
        <Link
          to={conceptFilterHref(concept.id)}
          className="concept-chip"
          title={`Issues about ${concept.name}`}
        >
          {concept.name}
        </Link>
        <span className="muted small">score {score2(concept.score)}</span>
      </div>
      {path.length > 1 ? (
        <p className="concept-path small muted" aria-label="Place in the taxonomy">
          {path.join(' › ')}
        </p>
      ) : null}
      {concept.evidence.length > 0 ? (
        <ul className="evidence">
          {concept.evidence.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * What Loupe understood about the issue: its type with every probability, its difficulty with the
 * good-first-issue score, the reasons for both, and its concepts with their place in the taxonomy.
 */
export function UnderstandingPanel({
  analysis,
  conceptNames = new Map(),
  resolveMention,
}: {
  analysis: Analysis;
  conceptNames?: ReadonlyMap<string, string>;
  /** Links the labelled issues the reasons cite ("like #12 …"). */
  resolveMention?: ResolveMention;
}) {
  const difficulty = difficultyBadge(analysis);
  return (
    <section
      className="understanding"
      data-testid="understanding-panel"
      aria-labelledby="understanding-heading"
    >
      <h2 id="understanding-heading">Understanding</h2>
      <div className="understanding-grid">
        <div>
          <h3>
            Type: <span className="badge badge-type">{analysis.type}</span>{' '}
            <span className="muted small">{percent(analysis.typeConfidence)} confident</span>
          </h3>
          <TypeProbabilities analysis={analysis} />
          <h4>Why</h4>
          <ReasonList reasons={analysis.typeReasons} {...(resolveMention ? { resolveMention } : {})} />
        </div>
        <div>
          <h3>
            Difficulty: <span className={`badge badge-${analysis.difficulty}`}>{analysis.difficulty}</span>{' '}
            <span className="muted small">good first issue score {score2(analysis.gfiScore)}</span>
          </h3>
          {difficulty.tone === 'gfi' ? <p className="gfi-note">A good first issue for a newcomer.</p> : null}
          <h4>Why</h4>
          <ReasonList reasons={analysis.difficultyReasons} {...(resolveMention ? { resolveMention } : {})} />
        </div>
      </div>
      <h3>Concepts</h3>
      {analysis.concepts.length === 0 ? (
        <p className="muted">No concept recognised.</p>
      ) : (
        <ul className="concept-list">
          {[...analysis.concepts]
            .sort((a, b) => b.score - a.score)
            .map((concept) => (
              <ConceptItem key={concept.id} concept={concept} names={conceptNames} />
            ))}
        </ul>
      )}
      {analysis.version ? <p className="muted small analysis-version">Analysis {analysis.version}</p> : null}
    </section>
  );
}
