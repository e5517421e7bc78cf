import type { StoredComment, StoredIssue } from '../../store/issue.repository.ts';
import { MARK_END, MARK_START } from '../../store/search.repository.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Turns a ts_headline snippet into HTML whose only tags are <mark>: the issue text is escaped first,
 * then the control-character markers become tags, so nothing from the issue can inject markup.
 */
export function snippetToHtml(snippet: string | null): string | null {
  if (!snippet) return null;
  const escaped = snippet.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  return escaped.replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>').replace(/\s+/g, ' ').trim();
}

export function presentIssueSummary(issue: StoredIssue & { snippet?: string | null }) {
  return {
    id: String(issue.id),
    repo: issue.repo,
    number: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.stateReason,
    isPullRequest: issue.isPullRequest,
    mergedAt: issue.mergedAt,
    labels: issue.labels.map((l) => ({ name: l.name, color: l.color ?? null })),
    author: issue.author,
    commentsCount: issue.commentsCount,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: issue.url,
    isDemo: issue.isDemo,
    snippetHtml: snippetToHtml(issue.snippet ?? null),
  };
}

export function presentIssueDetail(issue: StoredIssue, comments: StoredComment[]) {
  return {
    issue: {
      ...presentIssueSummary(issue),
      body: issue.body,
      assignees: issue.assignees,
      milestone: issue.milestone,
      reactionsCount: issue.reactionsCount,
      closedAt: issue.closedAt,
      authorAssociation: issue.authorAssociation,
    },
    comments: comments.map((c) => ({
      id: String(c.id),
      author: c.author,
      authorAssociation: c.authorAssociation ?? null,
      body: c.body,
      createdAt: c.createdAt,
    })),
  };
}
