import type { Issue, IssueComment } from '../../core/issue.ts';
import type { GitHubCommentPayload, GitHubIssuePayload } from './github-payload.schema.ts';

export type { GitHubCommentPayload, GitHubIssuePayload } from './github-payload.schema.ts';

/** Maps one GitHub REST issue (or pull request listed as an issue) to Loupe's model. Pure. */
export function mapGitHubIssue(repo: string, payload: GitHubIssuePayload): Issue {
  return {
    source: 'github',
    repo,
    number: payload.number,
    externalId: String(payload.id),
    url: payload.html_url ?? null,
    title: payload.title,
    body: payload.body ?? '',
    state: payload.state === 'closed' ? 'closed' : 'open',
    stateReason: payload.state_reason ?? null,
    isPullRequest: payload.pull_request != null,
    mergedAt: payload.pull_request?.merged_at ?? null,
    labels: payload.labels.map((label) =>
      typeof label === 'string'
        ? { name: label, color: null, description: null }
        : { name: label.name ?? '', color: label.color ?? null, description: label.description ?? null },
    ),
    author: payload.user?.login ?? null,
    authorAssociation: payload.author_association ?? null,
    assignees: (payload.assignees ?? []).map((a) => a.login),
    milestone: payload.milestone?.title ?? null,
    commentsCount: payload.comments,
    reactionsCount: payload.reactions?.total_count ?? 0,
    createdAt: payload.created_at,
    updatedAt: payload.updated_at,
    closedAt: payload.closed_at ?? null,
  };
}

/** Maps a repository-wide issue comment; the issue number comes from the end of its issue_url. */
export function mapGitHubComment(payload: GitHubCommentPayload): IssueComment & { issueNumber: number } {
  const issueNumber = Number(payload.issue_url.slice(payload.issue_url.lastIndexOf('/') + 1));
  if (!Number.isInteger(issueNumber))
    throw new Error(`comment ${payload.id} has an issue_url without a number: ${payload.issue_url}`);
  return {
    issueNumber,
    externalId: String(payload.id),
    author: payload.user?.login ?? null,
    authorAssociation: payload.author_association ?? null,
    body: payload.body ?? '',
    createdAt: payload.created_at,
    updatedAt: payload.updated_at,
  };
}
