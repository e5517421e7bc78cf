import { useEffect, useState } from 'react';
import { decideDuplicate } from '../../api-client/api-client.ts';
import type { DuplicateLink, DuplicateStatus } from '../../api-client/api-types.ts';
import { toError } from '../../api-client/http.ts';
import { percent } from '../../lib/analysis-format.ts';
import { issuePath } from '../../router/route-match.ts';
import { Link } from '../../router/router.tsx';
import {
  duplicateDecisionTarget,
  duplicateDirectionText,
  duplicateSourceText,
  groupDuplicates,
  issueRef,
  showsSimilarity,
  statusAfter,
} from './duplicate-links.ts';

type Decision = 'confirm' | 'reject';

interface RowProps {
  link: DuplicateLink;
  thisRepo: string;
  posting: boolean;
  error: string | undefined;
  onDecide: (link: DuplicateLink, decision: Decision) => void;
}

const STATUS_TEXT: Record<DuplicateStatus, string> = {
  confirmed: 'Confirmed',
  suggested: 'Suggested',
  rejected: 'Not a duplicate',
};

function DecisionButtons({ link, posting, onDecide }: Pick<RowProps, 'link' | 'posting' | 'onDecide'>) {
  return (
    <div className="duplicate-actions">
      {link.status !== 'confirmed' ? (
        <button
          type="button"
          className="button button-small"
          data-testid="duplicate-confirm"
          disabled={posting}
          onClick={() => onDecide(link, 'confirm')}
        >
          {link.status === 'rejected' ? 'Confirm after all' : 'Confirm'}
        </button>
      ) : null}
      {link.status !== 'rejected' ? (
        <button
          type="button"
          className="button button-small"
          data-testid="duplicate-reject"
          disabled={posting}
          onClick={() => onDecide(link, 'reject')}
        >
          Not a duplicate
        </button>
      ) : null}
      {posting ? <span className="spinner" role="status" aria-label="Saving decision" /> : null}
    </div>
  );
}

function DuplicateRow({ link, thisRepo, posting, error, onDecide }: RowProps) {
  return (
    <li
      className={`duplicate-link duplicate-${link.status}`}
      data-testid="duplicate-link"
      data-status={link.status}
      data-issue-id={link.id}
    >
      <p className="duplicate-direction">
        <strong>{duplicateDirectionText(link, thisRepo)}</strong>
        <span className={`badge duplicate-status status-${link.status}`} data-testid="duplicate-status">
          {STATUS_TEXT[link.status]}
        </span>
        {showsSimilarity(link) ? (
          <span
            className="badge"
            title="Similarity score of the suggestion"
            data-testid="duplicate-similarity"
          >
            {percent(link.score ?? 0)} similar
          </span>
        ) : null}
      </p>
      <p className="duplicate-title">
        <Link to={issuePath(link.id)}>{link.title}</Link> <span className="muted small">({link.state})</span>
      </p>
      <p className="duplicate-origin small" data-testid="duplicate-origin">
        {duplicateSourceText(link)}
      </p>
      {link.evidence.length > 0 ? (
        <ul className="evidence">
          {link.evidence.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      ) : null}
      <DecisionButtons link={link} posting={posting} onDecide={onDecide} />
      {error ? (
        <p className="form-feedback error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

interface DuplicateClusterProps {
  issueId: string;
  repo: string;
  links: DuplicateLink[];
  /** Called after a decision is saved, to fetch the cluster again. */
  onDecided?: () => void;
}

/**
 * The duplicate cluster of an issue: confirmed links first, then suggestions with their score and
 * evidence and Confirm / Not a duplicate buttons, then the rejected ones folded away. A decision
 * moves its link at once and is undone, with the server's message, if saving fails.
 */
export function DuplicateCluster({ issueId, repo, links, onDecided }: DuplicateClusterProps) {
  const [pending, setPending] = useState<ReadonlyMap<string, DuplicateStatus>>(new Map());
  const [posting, setPosting] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  // The decided row moves to another group (and may fold away), so the outcome is announced.
  const [announcement, setAnnouncement] = useState('');

  // Fresh links from the server supersede optimistic statuses (they agree once a decision is saved).
  useEffect(() => setPending(new Map()), [links]);

  const onDecide = (link: DuplicateLink, decision: Decision): void => {
    const edit = <V,>(map: ReadonlyMap<string, V>, value: V | undefined): Map<string, V> => {
      const next = new Map(map);
      if (value === undefined) next.delete(link.id);
      else next.set(link.id, value);
      return next;
    };
    setPending((map) => edit(map, statusAfter(decision)));
    setErrors((map) => edit<string>(map, undefined));
    setPosting((set) => new Set(set).add(link.id));
    decideDuplicate({ ...duplicateDecisionTarget(issueId, link), decision })
      .then(
        () => {
          setAnnouncement(
            `${issueRef(link, repo)} marked as ${decision === 'confirm' ? 'a duplicate' : 'not a duplicate'}.`,
          );
          onDecided?.();
        },
        (error: unknown) => {
          setPending((map) => edit<DuplicateStatus>(map, undefined));
          setErrors((map) => edit(map, `Could not save: ${toError(error).message}`));
        },
      )
      .finally(() =>
        setPosting((set) => {
          const next = new Set(set);
          next.delete(link.id);
          return next;
        }),
      );
  };

  const groups = groupDuplicates(links, pending);
  const row = (link: DuplicateLink) => (
    <DuplicateRow
      key={link.id}
      link={link}
      thisRepo={repo}
      posting={posting.has(link.id)}
      error={errors.get(link.id)}
      onDecide={onDecide}
    />
  );
  return (
    <section
      className="duplicate-cluster"
      id="duplicates"
      data-testid="duplicate-cluster"
      aria-labelledby="duplicates-heading"
    >
      <h2 id="duplicates-heading">Duplicates</h2>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {links.length === 0 ? <p className="muted">No duplicates known.</p> : null}
      {groups.confirmed.length > 0 ? (
        <>
          <h3>Confirmed ({groups.confirmed.length})</h3>
          <ol className="duplicate-list">{groups.confirmed.map(row)}</ol>
        </>
      ) : null}
      {groups.suggested.length > 0 ? (
        <>
          <h3>Suggestions ({groups.suggested.length})</h3>
          <ol className="duplicate-list">{groups.suggested.map(row)}</ol>
        </>
      ) : null}
      {groups.rejected.length > 0 ? (
        <details className="rejected-duplicates" data-testid="rejected-duplicates">
          <summary>Rejected ({groups.rejected.length})</summary>
          <ol className="duplicate-list">{groups.rejected.map(row)}</ol>
        </details>
      ) : null}
    </section>
  );
}
