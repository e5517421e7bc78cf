/**
 * What a change to the emulated organisation was, in the terms of GitHub's webhook events: every
 * mutation (REST write routes, admin mutations, the JS helpers) reports its changes through
 * `EmulatorState.publish`, and the webhook deliverer turns each into one delivery. A write that
 * changes several things yields several changes, as GitHub sends one delivery per action (closing
 * an issue and relabelling it is `closed` plus one `labeled` per label).
 */
import type { DatasetComment, DatasetIssue } from './dataset.types.ts';

export type IssueAction =
  | 'opened'
  | 'edited'
  | 'closed'
  | 'reopened'
  | 'labeled'
  | 'unlabeled'
  | 'assigned'
  | 'unassigned'
  | 'milestoned'
  | 'demilestoned'
  | 'locked'
  | 'unlocked'
  | 'deleted';

export type CommentAction = 'created' | 'edited' | 'deleted';

export type EmulatorChange =
  | {
      event: 'issues';
      action: IssueAction;
      issue: DatasetIssue;
      /** Login of who made the change (the token's user; the viewer for admin mutations). */
      sender: string;
      /** The label added or removed (labeled, unlabeled). */
      label?: string;
      /** The login assigned or unassigned. */
      assignee?: string;
      /** The milestone number set or removed (milestoned, demilestoned). */
      milestone?: number;
      /** Previous values (edited). */
      changes?: { title?: { from: string }; body?: { from: string | null } };
    }
  | {
      event: 'issue_comment';
      action: CommentAction;
      issue: DatasetIssue;
      comment: DatasetComment;
      sender: string;
      changes?: { body: { from: string } };
    };

/** The fields of an issue whose changes are reported, as they were before a write. */
export interface IssueBefore {
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  milestone: number | null;
  locked: boolean;
}

export function issueBefore(issue: DatasetIssue): IssueBefore {
  return {
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: [...issue.labels],
    assignees: [...issue.assignees],
    milestone: issue.milestone,
    locked: issue.locked,
  };
}

function without(items: string[], others: string[]): string[] {
  const taken = new Set(others.map((s) => s.toLowerCase()));
  return items.filter((s) => !taken.has(s.toLowerCase()));
}

/** The webhook actions that take an issue from `before` to its current state, in GitHub's order. */
export function issueChanges(before: IssueBefore, issue: DatasetIssue, sender: string): EmulatorChange[] {
  const out: EmulatorChange[] = [];
  const base = { event: 'issues' as const, issue, sender };
  const edits: { title?: { from: string }; body?: { from: string | null } } = {};
  if (before.title !== issue.title) edits.title = { from: before.title };
  if (before.body !== issue.body) edits.body = { from: before.body };
  if (edits.title || edits.body) out.push({ ...base, action: 'edited', changes: edits });
  if (before.state !== issue.state)
    out.push({ ...base, action: issue.state === 'closed' ? 'closed' : 'reopened' });
  for (const label of without(before.labels, issue.labels)) out.push({ ...base, action: 'unlabeled', label });
  for (const label of without(issue.labels, before.labels)) out.push({ ...base, action: 'labeled', label });
  for (const login of without(before.assignees, issue.assignees))
    out.push({ ...base, action: 'unassigned', assignee: login });
  for (const login of without(issue.assignees, before.assignees))
    out.push({ ...base, action: 'assigned', assignee: login });
  if (before.milestone !== issue.milestone) {
    if (before.milestone !== null) out.push({ ...base, action: 'demilestoned', milestone: before.milestone });
    if (issue.milestone !== null) out.push({ ...base, action: 'milestoned', milestone: issue.milestone });
  }
  if (before.locked !== issue.locked) out.push({ ...base, action: issue.locked ? 'locked' : 'unlocked' });
  return out;
}
