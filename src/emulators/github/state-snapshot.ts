/**
 * The emulator's true current state for `GET /_emulator/state`: the ground truth a test compares
 * a synced store against. Fields are the ones Loupe keeps (see map-github-issue.ts), with the
 * values the API serves: the same timestamp strings, unknown logins as "ghost", labels the
 * repository does not define left out. Built from the dataset directly (no payload rendering) and
 * cached as JSON text per repository until it changes, so polling the state of 50,000 issues
 * between mutations costs little more than sending it.
 */
import type { DatasetComment, DatasetIssue } from './dataset.types.ts';
import type { EmulatorState, RepoEntry } from './emulator-state.ts';

export interface IssueSnapshot {
  number: number;
  id: number;
  title: string;
  /** Left out when bodies are not asked for. */
  body?: string | null;
  state: 'open' | 'closed';
  stateReason: DatasetIssue['stateReason'];
  isPullRequest: boolean;
  mergedAt: string | null;
  draft: boolean | null;
  labels: string[];
  author: string;
  authorAssociation: string;
  assignees: string[];
  /** Milestone title, as Loupe stores it. */
  milestone: string | null;
  commentsCount: number;
  reactionsCount: number;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  htmlUrl: string;
}

export interface CommentSnapshot {
  id: number;
  issueNumber: number;
  author: string;
  authorAssociation: string;
  /** Left out when bodies are not asked for. */
  body?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RepoSnapshot {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  description: string | null;
  language: string | null;
  topics: string[];
  defaultBranch: string;
  openIssuesCount: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  labels: { name: string; color: string; description: string | null }[];
  /** By number. */
  issues: IssueSnapshot[];
  /** By id. */
  comments: CommentSnapshot[];
  /** Numbers of deleted issues, in deletion order. */
  deletedIssues: number[];
  /** Ids of deleted comments, in deletion order (an issue's comments go with it). */
  deletedComments: number[];
}

export function issueSnapshot(state: EmulatorState, entry: RepoEntry, issue: DatasetIssue): IssueSnapshot {
  let reactionsCount = 0;
  for (const n of Object.values(issue.reactions)) reactionsCount += n ?? 0;
  const labels: string[] = [];
  for (const name of issue.labels) {
    const label = entry.labels.get(name.toLowerCase());
    if (label) labels.push(label.name);
  }
  return {
    number: issue.number,
    id: issue.id,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    stateReason: issue.stateReason,
    isPullRequest: issue.pullRequest !== undefined,
    mergedAt: issue.pullRequest?.mergedAt ?? null,
    draft: issue.pullRequest?.draft ?? null,
    labels,
    author: state.user(issue.user).login,
    authorAssociation: issue.authorAssociation,
    assignees: issue.assignees.map((login) => state.user(login).login),
    milestone: issue.milestone === null ? null : (entry.milestones.get(issue.milestone)?.title ?? null),
    commentsCount: entry.index.commentCount(issue.number),
    reactionsCount,
    locked: issue.locked,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    htmlUrl: `${state.urls.html}/${entry.fullName}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
  };
}

export function commentSnapshot(state: EmulatorState, comment: DatasetComment): CommentSnapshot {
  return {
    id: comment.id,
    issueNumber: comment.issueNumber,
    author: state.user(comment.user).login,
    authorAssociation: comment.authorAssociation,
    body: comment.body,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
  };
}

/** What to include; bodies are about a third of the text for the demo organisation. */
export interface SnapshotOptions {
  bodies: boolean;
}

function withoutBody<T extends { body?: unknown }>(item: T): T {
  const { body: _body, ...rest } = item;
  return rest as T;
}

export function repoSnapshot(
  state: EmulatorState,
  entry: RepoEntry,
  options: SnapshotOptions = { bodies: true },
): RepoSnapshot {
  const { repo } = entry;
  const issues = [...entry.index.issues.values()]
    .sort((a, b) => a.number - b.number)
    .map((i) => issueSnapshot(state, entry, i));
  const comments: CommentSnapshot[] = [];
  for (const list of entry.index.commentsByIssue.values())
    for (const c of list) comments.push(commentSnapshot(state, c));
  comments.sort((a, b) => a.id - b.id);
  return {
    id: repo.id,
    owner: repo.owner,
    name: repo.name,
    fullName: entry.fullName,
    description: repo.description,
    language: repo.language,
    topics: repo.topics,
    defaultBranch: repo.defaultBranch,
    openIssuesCount: state.openIssueCount(entry),
    createdAt: repo.createdAt,
    updatedAt: repo.updatedAt,
    pushedAt: repo.pushedAt,
    labels: [...entry.labels.values()]
      .sort((a, b) => a.id - b.id)
      .map((l) => ({ name: l.name, color: l.color, description: l.description })),
    issues: options.bodies ? issues : issues.map(withoutBody),
    comments: options.bodies ? comments : comments.map(withoutBody),
    deletedIssues: [...entry.deletedIssues],
    deletedComments: [...entry.deletedComments],
  };
}

export interface StateSnapshot {
  /** The emulator clock's now, as GitHub writes timestamps. */
  clock: string;
  repos: RepoSnapshot[];
}

function selectRepos(state: EmulatorState, repo: string | undefined): RepoEntry[] | undefined {
  if (repo === undefined) return [...state.repos.values()];
  const entry = state.repo(repo);
  return entry ? [entry] : undefined;
}

/** Every repository, or the one named `repo` (undefined when there is no such repository). */
export function snapshotState(
  state: EmulatorState,
  options: { clock: string; repo?: string },
): StateSnapshot | undefined {
  const entries = selectRepos(state, options.repo);
  return entries && { clock: options.clock, repos: entries.map((e) => repoSnapshot(state, e)) };
}

/** snapshotState as JSON text, reusing each unchanged repository's text from the last call. */
export function snapshotStateJson(
  state: EmulatorState,
  options: SnapshotOptions & { clock: string; repo?: string },
): string | undefined {
  const entries = selectRepos(state, options.repo);
  if (!entries) return undefined;
  const variant = options.bodies ? 'bodies' : 'lean';
  const repos = entries.map((entry) => {
    let text = entry.snapshotJson.get(variant);
    if (text === undefined) {
      text = JSON.stringify(repoSnapshot(state, entry, options));
      entry.snapshotJson.set(variant, text);
    }
    return text;
  });
  return `{"clock":${JSON.stringify(options.clock)},"repos":[${repos.join(',')}]}`;
}
