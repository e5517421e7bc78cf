/**
 * Changes to the emulated organisation, made the way GitHub makes them: every change bumps the
 * issue's updated_at to the emulator clock (so incremental syncs with `since` see it) and is
 * published as the webhook actions it amounts to. The REST write routes, the admin API and the JS
 * helpers all come through here.
 */
import type { DatasetComment, DatasetIssue, ReactionCounts } from './dataset.types.ts';
import { issueBefore, issueChanges } from './emulator-change.ts';
import type { EmulatorState, RepoEntry } from './emulator-state.ts';

/** Fields a test may change on an issue. State changes maintain closed_at and state_reason. */
export type IssuePatch = Partial<
  Pick<
    DatasetIssue,
    | 'title'
    | 'body'
    | 'state'
    | 'stateReason'
    | 'labels'
    | 'assignees'
    | 'milestone'
    | 'locked'
    | 'activeLockReason'
    | 'reactions'
  >
>;

export interface NewComment {
  user: string;
  body: string;
  authorAssociation?: DatasetComment['authorAssociation'];
  reactions?: ReactionCounts;
}

export interface NewIssue {
  title: string;
  user: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
  authorAssociation?: DatasetIssue['authorAssociation'];
  /** Set to make it a pull request. */
  pullRequest?: { draft?: boolean };
}

/** Where a mutation applies, when, and who makes it (the viewer unless said). */
export interface MutationTarget {
  repo: string;
  now: string;
  /** Login shown as the webhook sender and as closed_by; default the dataset's viewer. */
  actor?: string;
}

/** A mutation named a repository, issue or comment the emulator does not have. */
export class EmulatorTargetNotFoundError extends Error {
  readonly code = 'EMULATOR_TARGET_NOT_FOUND';
}

export function findIssue(
  state: EmulatorState,
  repo: string,
  number: number,
): { entry: RepoEntry; issue: DatasetIssue } {
  const entry = state.repo(repo);
  const issue = entry?.index.issues.get(number);
  if (!entry || !issue) throw new EmulatorTargetNotFoundError(`Emulator: no issue ${repo}#${number}`);
  return { entry, issue };
}

export function findComment(
  state: EmulatorState,
  repo: string,
  id: number,
): { entry: RepoEntry; comment: DatasetComment } {
  const entry = state.repo(repo);
  const comment = entry?.index.findComment(id);
  if (!entry || !comment) throw new EmulatorTargetNotFoundError(`Emulator: no comment ${id} in ${repo}`);
  return { entry, comment };
}

/** Applies a patch and bumps updated_at; returns the updated dataset issue. */
export function updateIssue(
  state: EmulatorState,
  target: MutationTarget & { number: number },
  patch: IssuePatch,
): DatasetIssue {
  const { entry, issue } = findIssue(state, target.repo, target.number);
  const actor = target.actor ?? state.viewer;
  const before = issueBefore(issue);
  Object.assign(issue, patch);
  if (patch.state === 'closed' && before.state === 'open') {
    issue.closedAt = target.now;
    issue.closedBy = actor;
    issue.stateReason = patch.stateReason ?? 'completed';
  } else if (patch.state === 'open' && before.state === 'closed') {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = patch.stateReason ?? 'reopened';
  }
  if (patch.locked === false) issue.activeLockReason = null;
  for (const login of [...(patch.assignees ?? [])]) state.ensureUser(login, target.now);
  issue.updatedAt = target.now;
  state.touch(entry);
  if (!issue.pullRequest) state.publish(issueChanges(before, issue, actor));
  return issue;
}

/** Adds a comment; like GitHub this bumps the issue's updated_at and its comments count. */
export function addComment(
  state: EmulatorState,
  target: MutationTarget & { number: number },
  input: NewComment,
): DatasetComment {
  const { entry, issue } = findIssue(state, target.repo, target.number);
  state.ensureUser(input.user, target.now);
  const comment: DatasetComment = {
    id: state.allocateCommentId(),
    repo: entry.fullName,
    issueNumber: issue.number,
    user: input.user,
    authorAssociation: input.authorAssociation ?? 'NONE',
    body: input.body,
    createdAt: target.now,
    updatedAt: target.now,
    reactions: input.reactions ?? {},
  };
  entry.index.addComment(comment);
  issue.updatedAt = target.now;
  state.touch(entry);
  state.publish([
    { event: 'issue_comment', action: 'created', issue, comment, sender: target.actor ?? input.user },
  ]);
  return comment;
}

/** Replaces a comment's body. Like GitHub, its issue's updated_at stays as it was. */
export function editComment(
  state: EmulatorState,
  target: MutationTarget & { id: number },
  body: string,
): DatasetComment {
  const { entry, comment } = findComment(state, target.repo, target.id);
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = target.now;
  state.touch(entry);
  const issue = entry.index.issues.get(comment.issueNumber)!;
  state.publish([
    {
      event: 'issue_comment',
      action: 'edited',
      issue,
      comment,
      sender: target.actor ?? state.viewer,
      changes: { body: { from } },
    },
  ]);
  return comment;
}

/** Opens a new issue (or pull request) with the next number in the repository. */
export function createIssue(state: EmulatorState, target: MutationTarget, input: NewIssue): DatasetIssue {
  const entry = state.repo(target.repo);
  if (!entry) throw new EmulatorTargetNotFoundError(`Emulator: no repository ${target.repo}`);
  state.ensureUser(input.user, target.now);
  for (const login of input.assignees ?? []) state.ensureUser(login, target.now);
  let number = 1;
  // Deleted numbers stay taken, as on GitHub.
  for (const n of entry.index.issues.keys()) number = Math.max(number, n + 1);
  for (const n of entry.deletedIssues) number = Math.max(number, n + 1);
  const issue: DatasetIssue = {
    id: state.allocateIssueId(),
    repo: entry.fullName,
    number,
    title: input.title,
    body: input.body ?? null,
    user: input.user,
    authorAssociation: input.authorAssociation ?? 'NONE',
    state: 'open',
    stateReason: null,
    labels: input.labels ?? [],
    assignees: input.assignees ?? [],
    milestone: input.milestone ?? null,
    locked: false,
    activeLockReason: null,
    createdAt: target.now,
    updatedAt: target.now,
    closedAt: null,
    closedBy: null,
    reactions: {},
    ...(input.pullRequest
      ? { pullRequest: { mergedAt: null, draft: input.pullRequest.draft ?? false } }
      : {}),
  };
  entry.index.addIssue(issue);
  state.touch(entry);
  // GitHub models pull request activity as pull_request events, which the emulator does not send.
  if (!issue.pullRequest)
    state.publish([{ event: 'issues', action: 'opened', issue, sender: target.actor ?? input.user }]);
  return issue;
}

/** Deletes an issue and its comments, as an admin can on GitHub; returns the deleted issue. */
export function deleteIssue(state: EmulatorState, target: MutationTarget & { number: number }): DatasetIssue {
  const { entry, issue } = findIssue(state, target.repo, target.number);
  // Published first: the payload shows the issue as it was, comments counted.
  if (!issue.pullRequest)
    state.publish([{ event: 'issues', action: 'deleted', issue, sender: target.actor ?? state.viewer }]);
  for (const comment of entry.index.removeIssue(issue.number)) entry.deletedComments.add(comment.id);
  entry.deletedIssues.add(issue.number);
  state.touch(entry);
  return issue;
}

/**
 * Deletes a comment and lowers its issue's comments count. Like GitHub, the issue's updated_at
 * stays as it was, so a `since` sync cannot see the deletion; `touchIssue` bumps it anyway.
 */
export function deleteComment(
  state: EmulatorState,
  target: MutationTarget & { id: number; touchIssue?: boolean },
): DatasetComment {
  const { entry, comment } = findComment(state, target.repo, target.id);
  entry.index.removeComment(comment);
  entry.deletedComments.add(comment.id);
  const issue = entry.index.issues.get(comment.issueNumber);
  if (issue && target.touchIssue) issue.updatedAt = target.now;
  state.touch(entry);
  if (issue)
    state.publish([
      { event: 'issue_comment', action: 'deleted', issue, comment, sender: target.actor ?? state.viewer },
    ]);
  return comment;
}
