/**
 * Renders issues (pull requests included), issue comments and milestones in api.github.com's
 * shapes and key order. Pure: everything looked up comes in through the context.
 */
import type {
  DatasetComment,
  DatasetIssue,
  DatasetLabel,
  DatasetMilestone,
  DatasetUser,
  ReactionCounts,
} from './dataset.types.ts';
import { nodeId, renderLabel, renderSimpleUser } from './render-repository.ts';
import type { RenderUrls } from './render-repository.ts';

/** Lookups the issue renderer needs; the emulator state provides them from its indexes. */
export interface IssueRenderContext {
  urls: RenderUrls;
  user(login: string): DatasetUser;
  label(repo: string, name: string): DatasetLabel | undefined;
  milestone(repo: string, number: number): DatasetMilestone | undefined;
  milestoneCounts(repo: string, number: number): { open: number; closed: number };
  commentCount(repo: string, issueNumber: number): number;
}

const REACTION_KEYS = ['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes'] as const;

/** GitHub's reaction rollup: a total plus all eight emoji counts, zeros included. */
export function renderReactions(counts: ReactionCounts, url: string): Record<string, unknown> {
  const out: Record<string, unknown> = { url, total_count: 0 };
  let total = 0;
  for (const key of REACTION_KEYS) {
    const n = counts[key] ?? 0;
    out[key] = n;
    total += n;
  }
  out.total_count = total;
  return out;
}

export function renderMilestone(m: DatasetMilestone, ctx: IssueRenderContext): Record<string, unknown> {
  const u = `${ctx.urls.api}/repos/${m.repo}/milestones/${m.number}`;
  const counts = ctx.milestoneCounts(m.repo, m.number);
  return {
    url: u,
    html_url: `${ctx.urls.html}/${m.repo}/milestone/${m.number}`,
    labels_url: `${u}/labels`,
    id: m.id,
    node_id: nodeId('Milestone', m.id),
    number: m.number,
    title: m.title,
    description: m.description,
    creator: renderSimpleUser(ctx.user(m.creator), ctx.urls),
    open_issues: counts.open,
    closed_issues: counts.closed,
    state: m.state,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    due_on: m.dueOn,
    closed_at: m.closedAt,
  };
}

function renderIssueLabels(issue: DatasetIssue, ctx: IssueRenderContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const name of issue.labels) {
    const label = ctx.label(issue.repo, name);
    if (label) out.push(renderLabel(label, ctx.urls));
  }
  return out;
}

/**
 * The issue shape of the list and single-issue endpoints. `closed_by` is only part of the
 * single-issue response on GitHub, hence the option.
 */
export function renderIssue(
  issue: DatasetIssue,
  ctx: IssueRenderContext,
  options: { single?: boolean } = {},
): Record<string, unknown> {
  const u = `${ctx.urls.api}/repos/${issue.repo}/issues/${issue.number}`;
  const kind = issue.pullRequest ? 'pull' : 'issues';
  const html = `${ctx.urls.html}/${issue.repo}/${kind}/${issue.number}`;
  const assignees = issue.assignees.map((login) => renderSimpleUser(ctx.user(login), ctx.urls));
  const milestone = issue.milestone === null ? undefined : ctx.milestone(issue.repo, issue.milestone);
  const out: Record<string, unknown> = {
    url: u,
    repository_url: `${ctx.urls.api}/repos/${issue.repo}`,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pullRequest ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: renderSimpleUser(ctx.user(issue.user), ctx.urls),
    labels: renderIssueLabels(issue, ctx),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? renderMilestone(milestone, ctx) : null,
    comments: ctx.commentCount(issue.repo, issue.number),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: issue.authorAssociation,
    type: null,
    active_lock_reason: issue.activeLockReason,
  };
  if (issue.pullRequest) {
    const pr = `${ctx.urls.api}/repos/${issue.repo}/pulls/${issue.number}`;
    out.draft = issue.pullRequest.draft;
    out.pull_request = {
      url: pr,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pullRequest.mergedAt,
    };
  }
  out.body = issue.body;
  if (options.single) {
    out.closed_by = issue.closedBy ? renderSimpleUser(ctx.user(issue.closedBy), ctx.urls) : null;
  }
  out.reactions = renderReactions(issue.reactions, `${u}/reactions`);
  out.timeline_url = `${u}/timeline`;
  out.performed_via_github_app = null;
  out.state_reason = issue.stateReason;
  out.sub_issues_summary = { total: 0, completed: 0, percent_completed: 0 };
  return out;
}

/** The issue-comment shape of both comment list endpoints. */
export function renderComment(
  comment: DatasetComment,
  ctx: IssueRenderContext & { isPullRequest: boolean },
): Record<string, unknown> {
  const repoApi = `${ctx.urls.api}/repos/${comment.repo}`;
  const u = `${repoApi}/issues/comments/${comment.id}`;
  const kind = ctx.isPullRequest ? 'pull' : 'issues';
  return {
    url: u,
    html_url: `${ctx.urls.html}/${comment.repo}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: renderSimpleUser(ctx.user(comment.user), ctx.urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    body: comment.body,
    reactions: renderReactions(comment.reactions, `${u}/reactions`),
    performed_via_github_app: null,
  };
}
