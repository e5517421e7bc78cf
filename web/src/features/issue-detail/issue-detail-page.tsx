import { useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { getIssue } from '../../api-client/api-client.ts';
import type { IssueDetailResponse } from '../../api-client/api-types.ts';
import { ApiError } from '../../api-client/http.ts';
import { AnalysisBadges } from '../../components/analysis-badges.tsx';
import { ArrowLeftIcon, ExternalLinkIcon } from '../../components/icons.tsx';
import { LabelList } from '../../components/label-chip.tsx';
import { MarkdownText } from '../../components/markdown.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { ErrorMessage, Loading } from '../../components/status-message.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import { conceptNameMap, useConceptIndex } from '../../lib/concept-names.ts';
import { listReturnHref } from '../../lib/list-return.ts';
import { useApi } from '../../lib/use-api.ts';
import { Link } from '../../router/router.tsx';
import { mentionResolver } from '../../components/issue-mentions.ts';
import { issuePath } from '../../router/route-match.ts';
import { CommentList } from './comment-list.tsx';
import { DuplicateCluster } from './duplicate-cluster.tsx';
import { ImplementedPanel } from './implemented-panel.tsx';
import { duplicateSummaryText } from './duplicate-links.ts';
import { UnderstandingPanel } from './understanding-panel.tsx';

/** One issue: header, Markdown body and comments, then Loupe's analysis and duplicates; a sidebar with metadata. */
export function IssueDetailPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useApi(`issue:${id}`, (signal) => getIssue(id, signal));
  const conceptIndex = useConceptIndex();
  const conceptNames = useMemo(() => conceptNameMap(conceptIndex), [conceptIndex]);
  const loaded = data !== null;

  useEffect(() => {
    if (data) document.title = `${data.issue.title} · ${data.issue.repo}#${data.issue.number} · Loupe`;
  }, [data]);

  // In-app navigation to /issues/:id#duplicates does not scroll by itself: the section renders late.
  useEffect(() => {
    if (loaded && window.location.hash.length > 1)
      document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [loaded]);

  return (
    <div className="issue-detail-page">
      <Link className="back-link" to={listReturnHref()}>
        <ArrowLeftIcon /> Back to issues
      </Link>
      {error ? (
        error instanceof ApiError && error.status === 404 ? (
          <ErrorMessage title="Issue not found" message={error.message} />
        ) : (
          <ErrorMessage title="Could not load this issue" message={error.message} onRetry={reload} />
        )
      ) : null}
      {!data && loading ? <Loading label="Loading issue…" /> : null}
      {data ? (
        <IssueDetailView detail={data} conceptNames={conceptNames} onDuplicatesChanged={reload} />
      ) : null}
    </div>
  );
}

interface IssueDetailViewProps {
  detail: IssueDetailResponse;
  conceptNames?: ReadonlyMap<string, string>;
  /** Fetches the issue again after a duplicate decision. */
  onDuplicatesChanged?: () => void;
}

/** The loaded issue; exported for rendering tests. */
export function IssueDetailView({ detail, conceptNames, onDuplicatesChanged }: IssueDetailViewProps) {
  const { issue, comments, duplicates, mentions } = detail;
  const resolveMention = useMemo(
    () => mentionResolver({ mentions: mentions ?? [], sourceUrl: issue.url, issuePath }),
    [mentions, issue.url],
  );
  const duplicatesLabel = duplicateSummaryText(duplicates ?? [], issue.repo);
  return (
    <article className="issue-detail" data-testid="issue-detail" aria-labelledby="issue-heading">
      <header className="issue-header">
        <h1 id="issue-heading">
          {issue.title}{' '}
          <span className="issue-number">
            {issue.repo}
            {issue.key}
          </span>
        </h1>
        <div className="issue-header-meta">
          <StateBadge issue={issue} />
          <span>
            <strong>{issue.author ?? 'unknown'}</strong>
            {issue.authorAssociation && issue.authorAssociation !== 'NONE' ? (
              <span className="association">{issue.authorAssociation.toLowerCase()}</span>
            ) : null}{' '}
            opened <TimeAgo iso={issue.createdAt} />
          </span>
          <span>· {issue.commentsCount} comments</span>
          {issue.url ? (
            <a className="external-link" href={issue.url} target="_blank" rel="noopener noreferrer">
              View on GitHub <ExternalLinkIcon label="(opens in a new tab)" />
            </a>
          ) : null}
        </div>
      </header>
      <div className="issue-columns">
        <div className="issue-main">
          <section className="comment-card" aria-label="Description">
            <MarkdownText text={issue.body} testId="issue-body" resolveMention={resolveMention} />
          </section>
          <CommentList comments={comments} resolveMention={resolveMention} />
          {issue.analysis ? (
            <UnderstandingPanel
              analysis={issue.analysis}
              resolveMention={resolveMention}
              {...(conceptNames ? { conceptNames } : {})}
            />
          ) : (
            <AnalysisPending />
          )}
          {detail.implemented ? <ImplementedPanel verdict={detail.implemented} /> : null}
          {duplicates ? (
            <DuplicateCluster
              issueId={issue.id}
              repo={issue.repo}
              links={duplicates}
              {...(onDuplicatesChanged ? { onDecided: onDuplicatesChanged } : {})}
            />
          ) : null}
        </div>
        <aside className="issue-sidebar" aria-label="Details">
          <Meta title="Labels">
            {issue.labels.length > 0 ? (
              <LabelList labels={issue.labels} />
            ) : (
              <span className="muted">None</span>
            )}
          </Meta>
          {issue.analysis ? (
            <Meta title="Analysis">
              <AnalysisBadges
                analysis={issue.analysis}
                duplicatesLabel={duplicatesLabel}
                duplicatesHref="#duplicates"
              />
            </Meta>
          ) : null}
          <Meta title="Assignees">
            {issue.assignees.length > 0 ? issue.assignees.join(', ') : <span className="muted">No one</span>}
          </Meta>
          <Meta title="Milestone">{issue.milestone ?? <span className="muted">None</span>}</Meta>
          <Meta title="Activity">
            <ul className="plain-list">
              <li>
                Updated <TimeAgo iso={issue.updatedAt} />
              </li>
              {issue.closedAt ? (
                <li>
                  {issue.mergedAt ? 'Merged' : 'Closed'} <TimeAgo iso={issue.mergedAt ?? issue.closedAt} />
                </li>
              ) : null}
              <li>{issue.reactionsCount} reactions</li>
            </ul>
          </Meta>
        </aside>
      </div>
    </article>
  );
}

function AnalysisPending() {
  return (
    <section className="understanding understanding-pending" aria-label="Understanding">
      <h2>Understanding</h2>
      <p className="muted">
        Loupe has not analysed this issue yet; its type, difficulty and concepts appear once the background
        analysis reaches it.
      </p>
    </section>
  );
}

function Meta({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="meta-block">
      <h2>{title}</h2>
      <div>{children}</div>
    </section>
  );
}
