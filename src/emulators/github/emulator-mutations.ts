/**
 * Test-facing mutations that change the emulated organisation the way GitHub would: every change
 * bumps the issue's updated_at to the emulator clock, so incremental syncs (`since`) see it.
 */
import type { DatasetComment, DatasetIssue, ReactionCounts } from './dataset.types.ts';
import type { EmulatorState, RepoEntry } from './emulator-state.ts';

/** Fields a test may change on an issue. State changes maintain closed_at and state_reason. */
export type IssuePatch = Partial<
  Pick<
    DatasetIssue,
    'title' | 'body' | 'state' | 'stateReason' | 'labels' | 'assignees' | 'milestone' | 'locked' | 'activeLockReason' | 'reactions'
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

/** A mutation named a repository, issue or comment the emulator does not have. */
export class EmulatorTargetNotFoundError extends Error {
  readonly code = 'EMULATOR_TARGET_NOT_FOUND';
}

function findIssue(state: EmulatorState, repo: string, number: number): { entry: RepoEntry; issue: DatasetIssue } {
  const entry = state.repo(repo);
  const issue = entry?.index.issues.get(number);
  if (!entry || !issue) throw new EmulatorTargetNotFoundError(`Emulator: no issue ${repo}#${number}`);
  return { entry, issue };
}

/** Applies a patch and bumps updated_at; returns the updated dataset issue. */
export function updateIssue(
  state: EmulatorState,
  target: { repo: string; number: number; now: string },
  patch: IssuePatch,
): DatasetIssue {
  const { entry, issue } = findIssue(state, target.repo, target.number);
  const wasOpen = issue.state === 'open';
  Object.assign(issue, patch);
  if (patch.state === 'closed' && wasOpen) {
    issue.closedAt = target.now;
    issue.closedBy = state.viewer;
    issue.stateReason = patch.stateReason ?? 'completed';
  } else if (patch.state === 'open' && !wasOpen) {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = patch.stateReason ?? 'reopened';
  }
  for (const login of [...(patch.assignees ?? [])]) state.ensureUser(login, target.now);
  issue.updatedAt = target.now;
  state.touch(entry);
  return issue;
}

/** Adds a comment; like GitHub this bumps the issue's updated_at and its comments count. */
export function addComment(
  state: EmulatorState,
  target: { repo: string; number: number; now: string },
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
  return comment;
}

/** Opens a new issue (or pull request) with the next number in the repository. */
export function createIssue(
  state: EmulatorState,
  target: { repo: string; now: string },
  input: NewIssue,
): DatasetIssue {
  const entry = state.repo(target.repo);
  if (!entry) throw new EmulatorTargetNotFoundError(`Emulator: no repository ${target.repo}`);
  state.ensureUser(input.user, target.now);
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
    ...(input.pullRequest ? { pullRequest: { mergedAt: null, draft: input.pullRequest.draft ?? false } } : {}),
  };
  entry.index.addIssue(issue);
  state.touch(entry);
  return issue;
}

/** Deletes an issue and its comments, as an admin can on GitHub; returns the deleted issue. */
export function deleteIssue(state: EmulatorState, target: { repo: string; number: number }): DatasetIssue {
  const { entry, issue } = findIssue(state, target.repo, target.number);
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
  target: { repo: string; id: number; now: string; touchIssue?: boolean },
): DatasetComment {
  const entry = state.repo(target.repo);
  const comment = entry?.index.findComment(target.id);
  if (!entry || !comment) throw new EmulatorTargetNotFoundError(`Emulator: no comment ${target.id} in ${target.repo}`);
  entry.index.removeComment(comment);
  entry.deletedComments.add(comment.id);
  const issue = entry.index.issues.get(comment.issueNumber);
  if (issue && target.touchIssue) issue.updatedAt = target.now;
  state.touch(entry);
  return comment;
}
