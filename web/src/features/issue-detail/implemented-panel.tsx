import type { ImplementedEvidence, ImplementedVerdict } from '../../api-client/api-types.ts';
import {
  evidenceKindText,
  evidenceTimingText,
  shortSha,
  verdictExplanation,
  verdictHeadline,
  weightText,
} from './implemented-verdict.ts';

function EvidenceRow({ item }: { item: ImplementedEvidence }) {
  return (
    <li className={`implemented-evidence timing-${item.timing}`} data-testid="implemented-evidence">
      <span className="implemented-weight" title="Contribution to the confidence (log-odds)">
        {weightText(item.weight)}
      </span>
      <span className="badge">{evidenceKindText(item.kind)}</span> <span>{item.summary}</span>
      <div className="muted small">
        {item.commit ? <code title={item.commit}>{shortSha(item.commit)}</code> : null}
        {item.commit && item.path ? ' · ' : null}
        {item.path ? <code>{item.path}</code> : null}
        {item.pullRequest !== null ? ` · pull request #${item.pullRequest}` : null}
        {item.commit || item.path || item.pullRequest !== null ? ' · ' : null}
        {evidenceTimingText(item.timing)}
        {item.terms.length > 0 ? ` · matched ${item.terms.slice(0, 6).join(', ')}` : null}
      </div>
    </li>
  );
}

/**
 * "Already implemented?": the detector's verdict at the head of the repository's clone, with every
 * piece of evidence (commit, file or symbol, test, docs) and whether it came after the issue.
 */
export function ImplementedPanel({ verdict }: { verdict: ImplementedVerdict }) {
  return (
    <section className="implemented" data-testid="implemented-panel" aria-labelledby="implemented-heading">
      <h2 id="implemented-heading">Already implemented?</h2>
      <p className={`implemented-headline implemented-${verdict.status}`} data-testid="implemented-headline">
        <strong>{verdictHeadline(verdict)}</strong>
      </p>
      <p className="small">{verdictExplanation(verdict)}</p>
      {verdict.evidence.length > 0 ? (
        <ul className="implemented-evidence-list" aria-label="Evidence">
          {verdict.evidence.map((item, index) => (
            <EvidenceRow key={index} item={item} />
          ))}
        </ul>
      ) : (
        <p className="muted">No evidence found in the repository.</p>
      )}
      {verdict.evidenceCount > verdict.evidence.length ? (
        <p className="muted small">
          {verdict.evidenceCount - verdict.evidence.length} weaker pieces of evidence not shown.
        </p>
      ) : null}
      <p className="muted small">
        Judged at <code title={verdict.commit}>{shortSha(verdict.commit)}</code>. A lead to check, not a
        proof: code evidence without a reference to the issue is often wrong.
      </p>
    </section>
  );
}
