import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  completeIssueUpdate,
  mapGitHubIssueEvent,
  mapGitHubPullRequestEvent,
  planGitHubWebhook,
  WebhookPayloadError,
} from './github-webhooks.ts';

type Payload = Record<string, unknown> & { action?: string };
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Payload[];
}[];

/** A deep copy of an official example payload (tests edit them). */
function example(event: string, action: string, index = 0): Payload {
  const found = definitions
    .find((d) => d.name === event)
    ?.examples.filter((e) => (e.action ?? '') === action)[index];
  if (!found) throw new Error(`no ${event}.${action} example #${index} in @octokit/webhooks-examples`);
  return structuredClone(found);
}

describe('planGitHubWebhook on official example payloads', () => {
  it('issues.opened upserts the issue with its labels, author and state', () => {
    const payload = example('issues', 'opened');
    const issue = payload.issue as { number: number; title: string; labels: { name: string }[] };
    const plan = planGitHubWebhook({ event: 'issues', payload });
    expect(plan.kind).toBe('upsert');
    if (plan.kind !== 'upsert') return;
    expect(plan.repo).toBe('Codertocat/Hello-World');
    expect(plan.comments).toEqual([]);
    const [update] = plan.issues;
    expect(update?.issue).toMatchObject({
      source: 'github',
      repo: 'Codertocat/Hello-World',
      number: issue.number,
      title: issue.title,
      state: 'open',
      isPullRequest: false,
      author: 'Codertocat',
    });
    expect(update?.issue.labels.map((l) => l.name)).toEqual(issue.labels.map((l) => l.name));
    // The examples predate state_reason: "unknown" must not be written as "none".
    expect(update?.keepStored).toContain('stateReason');
    expect(update?.requiresStored).toBe(false);
  });

  it('issue_comment.created upserts the issue and the comment keyed by its id', () => {
    const payload = example('issue_comment', 'created');
    const comment = payload.comment as { id: number; body: string };
    const plan = planGitHubWebhook({ event: 'issue_comment', payload });
    if (plan.kind !== 'upsert') throw new Error(`expected upsert, got ${plan.kind}`);
    expect(plan.issues).toHaveLength(1);
    expect(plan.comments).toEqual([
      expect.objectContaining({
        issueNumber: 1,
        externalId: String(comment.id),
        body: comment.body,
        author: 'Codertocat',
      }),
    ]);
  });

  it('issue_comment.deleted refreshes the issue and removes the comment row, dated by the comment', () => {
    const payload = example('issue_comment', 'deleted');
    const plan = planGitHubWebhook({ event: 'issue_comment', payload });
    if (plan.kind !== 'upsert') throw new Error(`expected upsert, got ${plan.kind}`);
    expect(plan.comments).toEqual([]);
    expect(plan.issues).toHaveLength(1);
    const comment = payload.comment as { id: number; updated_at: string };
    expect(plan.removals).toEqual([
      {
        repo: 'Codertocat/Hello-World',
        issueNumbers: [],
        commentIds: [String(comment.id)],
        deletedAt: comment.updated_at,
        reason: 'deleted',
      },
    ]);
  });

  it('issues.deleted removes the issue, dated by the payload issue', () => {
    const payload = example('issues', 'deleted');
    const plan = planGitHubWebhook({ event: 'issues', payload });
    if (plan.kind !== 'upsert') throw new Error(`expected upsert, got ${plan.kind}`);
    expect(plan.issues).toEqual([]);
    const issue = payload.issue as { number: number; updated_at: string };
    expect(plan.removals).toEqual([
      {
        repo: 'Codertocat/Hello-World',
        issueNumbers: [issue.number],
        commentIds: [],
        deletedAt: issue.updated_at,
        reason: 'deleted',
      },
    ]);
  });

  it('issues.transferred stores the new issue in the new repository', () => {
    const payload = example('issues', 'transferred');
    const changes = payload.changes as {
      new_issue: { number: number };
      new_repository: { full_name: string };
    };
    const plan = planGitHubWebhook({ event: 'issues', payload });
    if (plan.kind !== 'upsert') throw new Error(`expected upsert, got ${plan.kind}`);
    expect(plan.repo).toBe(changes.new_repository.full_name);
    expect(plan.repo).not.toBe((payload.repository as { full_name: string }).full_name);
    expect(plan.issues[0]?.issue).toMatchObject({
      repo: changes.new_repository.full_name,
      number: changes.new_issue.number,
    });
    expect(plan.notes.join()).toMatch(/moved out of octo-org\/octo-repo/);
    const issue = payload.issue as { number: number; updated_at: string };
    expect(plan.removals).toEqual([
      {
        repo: 'octo-org/octo-repo',
        issueNumbers: [issue.number],
        commentIds: [],
        deletedAt: issue.updated_at,
        reason: 'transferred',
      },
    ]);
  });

  it('issues.pinned carries no state or labels: it needs a stored row to complete it', () => {
    const plan = planGitHubWebhook({ event: 'issues', payload: example('issues', 'pinned') });
    if (plan.kind !== 'upsert') throw new Error(`expected upsert, got ${plan.kind}`);
    expect(plan.issues[0]?.requiresStored).toBe(true);
    expect(plan.issues[0]?.keepStored).toEqual(expect.arrayContaining(['state', 'closedAt', 'labels']));
  });

  it('ping answers pong with the zen line; other events are ignored with a reason', () => {
    expect(planGitHubWebhook({ event: 'ping', payload: example('ping', '') })).toEqual({
      kind: 'pong',
      zen: 'Anything added dilutes everything else.',
    });
    const star = planGitHubWebhook({ event: 'star', payload: example('star', 'created') });
    expect(star).toMatchObject({ kind: 'ignored', repo: expect.any(String) });
    if (star.kind === 'ignored') expect(star.reason).toMatch(/"star" events are not ingested/);
  });

  it('a handled event with a malformed payload is a WebhookPayloadError naming the field', () => {
    const payload = example('issues', 'opened');
    delete (payload.issue as Record<string, unknown>).updated_at;
    expect(() => planGitHubWebhook({ event: 'issues', payload })).toThrow(WebhookPayloadError);
    expect(() => planGitHubWebhook({ event: 'issues', payload })).toThrow(/issue\.updated_at/);
    expect(() => planGitHubWebhook({ event: 'issues', payload: { action: 'opened' } })).toThrow(/repository/);
  });
});

describe('mapGitHubPullRequestEvent', () => {
  it('maps the pull_request object as an issue row flagged isPullRequest, merged_at from the top level', () => {
    const payload = example('pull_request', 'closed');
    const pr = payload.pull_request as Record<string, unknown>;
    pr.merged_at = '2019-05-15T15:21:18Z';
    const update = mapGitHubPullRequestEvent('Codertocat/Hello-World', pr);
    expect(update.issue).toMatchObject({
      number: pr.number,
      title: pr.title,
      state: 'closed',
      isPullRequest: true,
      mergedAt: '2019-05-15T15:21:18Z',
      closedAt: pr.closed_at,
      commentsCount: pr.comments,
    });
    expect(update.issue.labels.map((l) => l.name)).toEqual(
      (pr.labels as { name: string }[]).map((l) => l.name),
    );
    // The pull request's id is not the issue id the REST sync stores; reactions are not in the payload.
    expect(update.keepStored).toEqual(
      expect.arrayContaining(['externalId', 'reactionsCount', 'stateReason']),
    );
  });

  it('an open, unmerged pull request has mergedAt null', () => {
    const update = mapGitHubPullRequestEvent(
      'Codertocat/Hello-World',
      example('pull_request', 'opened').pull_request,
    );
    expect(update.issue).toMatchObject({ state: 'open', isPullRequest: true, mergedAt: null });
  });
});

describe('completeIssueUpdate', () => {
  const stored = mapGitHubIssueEvent('Codertocat/Hello-World', {
    ...(example('issues', 'opened').issue as object),
    state: 'closed',
    closed_at: '2019-05-16T00:00:00Z',
    state_reason: 'completed',
    reactions: { total_count: 7 },
  }).issue;

  it('fills the fields the payload lacked from the stored row and keeps the payload for the rest', () => {
    const pinned: Record<string, unknown> = {
      ...(example('issues', 'pinned').issue as object),
      title: 'Pinned title',
    };
    delete pinned.reactions;
    const update = mapGitHubIssueEvent('Codertocat/Hello-World', pinned);
    const row = completeIssueUpdate(update, stored);
    expect(row).toMatchObject({
      title: 'Pinned title',
      state: 'closed',
      closedAt: '2019-05-16T00:00:00Z',
      stateReason: 'completed',
      reactionsCount: 7,
    });
    expect(row?.labels).toEqual(stored.labels);
  });

  it('returns null for a slim payload with nothing stored, and the payload itself when complete', () => {
    expect(
      completeIssueUpdate(
        mapGitHubIssueEvent('Codertocat/Hello-World', example('issues', 'pinned').issue),
        null,
      ),
    ).toBeNull();
    const full = mapGitHubIssueEvent('Codertocat/Hello-World', example('issues', 'opened').issue);
    expect(completeIssueUpdate(full, null)).toEqual(full.issue);
  });
});
