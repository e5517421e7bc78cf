import { useId } from 'react';
import type { KeyboardEvent } from 'react';
import type { IssueSummary } from '../../api-client/api-types.ts';
import { AnalysisBadges } from '../../components/analysis-badges.tsx';
import { CommentIcon } from '../../components/icons.tsx';
import { LabelList } from '../../components/label-chip.tsx';
import { Snippet } from '../../components/snippet.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { issuePath } from '../../router/route-match.ts';
import { Link, navigate } from '../../router/router.tsx';

/** Moves focus between result rows with the arrow keys; Enter on a row opens its issue. */
function onRowKeyDown(event: KeyboardEvent<HTMLElement>, href: string): void {
  if (event.target !== event.currentTarget) return; // keys inside links and buttons keep their meaning
  if (event.key === 'Enter') {
    event.preventDefault();
    navigate(href, { scroll: true });
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="issue-row"]')];
  const index = rows.indexOf(event.currentTarget);
  const next = event.key === 'ArrowDown' ? rows[index + 1] : rows[index - 1];
  if (next) next.focus();
  else if (event.key === 'ArrowUp') document.getElementById('search-input')?.focus();
}

/** One search result: reference, title, state, labels, snippet, metadata and analysis. */
export function IssueRow({ issue }: { issue: IssueSummary }) {
  const href = issuePath(issue.id);
  const titleId = useId(); // issue ids are opaque and may hold characters an id reference cannot
  return (
    <li>
      <article
        className="issue-row"
        data-testid="issue-row"
        tabIndex={0}
        aria-labelledby={titleId}
        onKeyDown={(event) => onRowKeyDown(event, href)}
      >
        <div className="issue-row-head">
          <StateBadge issue={issue} />
          <span className="issue-ref">
            {issue.repo}
            {issue.key}
          </span>
          {issue.isPullRequest ? <span className="badge badge-pr">PR</span> : null}
        </div>
        <h3 className="issue-row-title">
          <Link to={href} id={titleId} data-testid="issue-title">
            {issue.title}
          </Link>
        </h3>
        {issue.snippetHtml ? <Snippet html={issue.snippetHtml} /> : null}
        <div className="issue-row-meta">
          <LabelList labels={issue.labels} />
          <span>{issue.author ? `by ${issue.author}` : 'by unknown'}</span>
          <TimeAgo iso={issue.updatedAt} prefix="updated" />
          <span title={`${issue.commentsCount} comments`}>
            <CommentIcon /> {issue.commentsCount}
            <span className="visually-hidden"> comments</span>
          </span>
          {issue.analysis ? (
            <AnalysisBadges analysis={issue.analysis} duplicatesHref={`${href}#duplicates`} showConcepts />
          ) : null}
        </div>
      </article>
    </li>
  );
}
