import { z } from 'zod';
import type { Issue, IssueComment } from '../../core/issue.ts';
import { mapGitHubComment, mapGitHubIssue, type GitHubIssuePayload } from './map-github-issue.ts';

/**
 * Pure translation of GitHub webhook deliveries into what Loupe stores. Webhook payloads carry the
 * same issue/comment objects as the REST API, but some actions send a slimmer object (`pinned` has no
 * state or labels; pull_request objects have no reactions): fields a payload does not carry are
 * listed in `keepStored`, so the caller keeps what an earlier sync stored instead of blanking it.
 */

export type { IssueUpdate, WebhookPlan, WebhookRemoval } from '../source.ts';
import type { IssueUpdate, WebhookPlan, WebhookRemoval } from '../source.ts';

/** Thrown for a handled event whose payload lacks what GitHub always sends; the route answers 400. */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

const user = z.object({ login: z.string() }).nullish();
const label = z.union([
  z.string(),
  z.object({ name: z.string().optional(), color: z.string().nullish(), description: z.string().nullish() }),
]);
const common = {
  id: z.number(),
  number: z.number().int(),
  html_url: z.string().optional(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.string().optional(),
  labels: z.array(label).optional(),
  user,
  author_association: z.string().optional(),
  assignees: z.array(user).nullish(),
  milestone: z.object({ title: z.string() }).nullish(),
  comments: z.number().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
};
const issueSchema = z.object({
  ...common,
  state_reason: z.string().nullish(),
  reactions: z.object({ total_count: z.number() }).nullish(),
  pull_request: z.object({ merged_at: z.string().nullish() }).nullish(),
});
const pullRequestSchema = z.object({ ...common, merged_at: z.string().nullish() });
const commentSchema = z.object({
  id: z.number(),
  issue_url: z.string().optional(),
  body: z.string().nullish(),
  user,
  author_association: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
const envelopeSchema = z.looseObject({
  action: z.string().optional(),
  repository: z.object({ full_name: z.string() }).nullish(),
});

type WebhookIssue = z.infer<typeof issueSchema>;
type WebhookPullRequest = z.infer<typeof pullRequestSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((i) => `${[where, ...i.path].join('.')}: ${i.message}`);
  throw new WebhookPayloadError(
    `payload is not a GitHub ${where.split('.')[0]} object as expected: ${problems.join('; ')}`,
  );
}

/** Fields every mapped webhook object shares; absent ones are reported rather than invented. */
function shared(payload: WebhookIssue | WebhookPullRequest): {
  fields: Omit<GitHubIssuePayload, 'pull_request' | 'state_reason' | 'reactions'>;
  keepStored: (keyof Issue)[];
} {
  const keepStored: (keyof Issue)[] = [];
  if (payload.state === undefined) keepStored.push('state', 'closedAt');
  if (payload.labels === undefined) keepStored.push('labels');
  if (payload.comments === undefined) keepStored.push('commentsCount');
  return {
    fields: {
      ...payload,
      state: payload.state ?? 'open',
      labels: payload.labels ?? [],
      assignees: (payload.assignees ?? []).filter((a) => a != null),
      comments: payload.comments ?? 0,
    },
    keepStored,
  };
}

/** Maps the `issue` object of an `issues` or `issue_comment` delivery (validated first). */
export function mapGitHubIssueEvent(repo: string, rawIssue: unknown): IssueUpdate {
  const payload = parse(issueSchema, rawIssue, 'issue');
  const { fields, keepStored } = shared(payload);
  // Older deliveries (and the examples) predate state_reason and reactions: unknown, not "none".
  if (payload.state_reason === undefined) keepStored.push('stateReason');
  if (payload.reactions === undefined) keepStored.push('reactionsCount');
  const issue = mapGitHubIssue(repo, {
    ...fields,
    state_reason: payload.state_reason ?? null,
    reactions: payload.reactions ?? null,
    pull_request: payload.pull_request ?? null,
  });
  return { issue, keepStored, requiresStored: keepStored.includes('state') || keepStored.includes('labels') };
}

/**
 * Maps the `pull_request` object of a `pull_request` delivery to an issue row with isPullRequest.
 * That object has `merged_at` at the top (no `pull_request` key), no reactions and no state_reason,
 * and its `id` is the pull request's id, not the issue id the REST issue list stores: those fields
 * are kept from the stored row when there is one.
 */
export function mapGitHubPullRequestEvent(repo: string, rawPullRequest: unknown): IssueUpdate {
  const payload = parse(pullRequestSchema, rawPullRequest, 'pull_request');
  const { fields, keepStored } = shared(payload);
  const issue = mapGitHubIssue(repo, {
    ...fields,
    state_reason: null,
    reactions: null,
    pull_request: { merged_at: payload.merged_at ?? null },
  });
  return {
    issue,
    keepStored: [...keepStored, 'externalId', 'stateReason', 'reactionsCount'],
    requiresStored: keepStored.includes('state') || keepStored.includes('labels'),
  };
}

/** Maps the `comment` object of an `issue_comment` delivery; the issue number comes from the payload's issue. */
export function mapGitHubIssueCommentEvent(
  issueNumber: number,
  rawComment: unknown,
): IssueComment & { issueNumber: number } {
  const payload = parse(commentSchema, rawComment, 'comment');
  return { ...mapGitHubComment({ ...payload, issue_url: `issues/${issueNumber}` }), issueNumber };
}

/**
 * The row to write for an update: payload fields, plus the fields it lacked taken from the stored
 * row. Null when the payload lacks state or labels and nothing is stored (writing "open, no labels"
 * could be wrong; the next sync brings the issue).
 */
export function completeIssueUpdate(update: IssueUpdate, stored: Issue | null): Issue | null {
  if (!stored) return update.requiresStored ? null : update.issue;
  const issue: Issue = { ...update.issue };
  for (const field of update.keepStored) Object.assign(issue, { [field]: stored[field] });
  return issue;
}

/** The events and actions Loupe ingests; everything else is acknowledged and ignored. */
export const INGESTED_EVENTS = ['issues', 'issue_comment', 'pull_request', 'ping'] as const;

/**
 * Decides what a verified delivery means for the store. Pure: the caller checks that the repository
 * is followed, merges with stored rows (completeIssueUpdate) and writes.
 */
export function planGitHubWebhook(input: { event: string; payload: unknown }): WebhookPlan {
  const { event } = input;
  const envelope = parse(envelopeSchema, input.payload, 'delivery');
  const payload = envelope as Record<string, unknown>;
  if (event === 'ping') return { kind: 'pong', zen: typeof payload.zen === 'string' ? payload.zen : null };
  const repo = envelope.repository?.full_name ?? null;
  if (!(INGESTED_EVENTS as readonly string[]).includes(event)) {
    return {
      kind: 'ignored',
      reason: `"${event}" events are not ingested (Loupe reads issues, issue_comment and pull_request)`,
      repo,
    };
  }
  if (!repo)
    throw new WebhookPayloadError(
      `a "${event}" delivery must name its repository (payload.repository.full_name)`,
    );
  const action = envelope.action ?? '';
  if (event === 'pull_request') {
    return {
      kind: 'upsert',
      repo,
      issues: [mapGitHubPullRequestEvent(repo, payload.pull_request)],
      comments: [],
      removals: [],
      notes: [],
    };
  }
  if (event === 'issue_comment') return planIssueComment(repo, action, payload);
  return planIssues(repo, action, payload);
}

function planIssues(repo: string, action: string, payload: Record<string, unknown>): WebhookPlan {
  const update = mapGitHubIssueEvent(repo, payload.issue);
  const number = update.issue.number;
  if (action === 'deleted') {
    return {
      kind: 'upsert',
      repo,
      issues: [],
      comments: [],
      removals: [
        {
          repo,
          issueNumbers: [number],
          commentIds: [],
          deletedAt: update.issue.updatedAt,
          reason: 'deleted',
        },
      ],
      notes: [],
    };
  }
  if (action === 'transferred') {
    const changes = parse(
      z.object({ new_issue: z.unknown(), new_repository: z.object({ full_name: z.string() }) }),
      payload.changes,
      'changes',
    );
    const target = changes.new_repository.full_name;
    return {
      kind: 'upsert',
      repo: target,
      issues: [mapGitHubIssueEvent(target, changes.new_issue)],
      comments: [],
      removals: [
        {
          repo,
          issueNumbers: [number],
          commentIds: [],
          deletedAt: update.issue.updatedAt,
          reason: 'transferred',
        },
      ],
      notes: [`issue #${number} moved out of ${repo}; it is removed there`],
    };
  }
  return { kind: 'upsert', repo, issues: [update], comments: [], removals: [], notes: [] };
}

function planIssueComment(repo: string, action: string, payload: Record<string, unknown>): WebhookPlan {
  const update = mapGitHubIssueEvent(repo, payload.issue);
  const comment = mapGitHubIssueCommentEvent(update.issue.number, payload.comment);
  if (action === 'deleted') {
    // The issue object still updates (comment count, updated_at); the comment row goes.
    const removal: WebhookRemoval = {
      repo,
      issueNumbers: [],
      commentIds: [comment.externalId],
      deletedAt: comment.updatedAt,
      reason: 'deleted',
    };
    return { kind: 'upsert', repo, issues: [update], comments: [], removals: [removal], notes: [] };
  }
  return { kind: 'upsert', repo, issues: [update], comments: [comment], removals: [], notes: [] };
}
