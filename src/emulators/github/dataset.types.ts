/**
 * The emulator's dataset: the minimal, JSON-serialisable facts about an organisation from which the
 * emulator renders full api.github.com payloads. Keep it small: every URL, node_id and count the API
 * returns is derived at render time, so a dataset file stays a plain list of facts.
 *
 * Timestamps are ISO-8601 UTC strings. Repositories are referenced by full name ("owner/name"),
 * users by login, labels by name and milestones by number within their repository.
 */

export type UserKind = 'User' | 'Organization' | 'Bot';

export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';

export type ReactionKey = '+1' | '-1' | 'laugh' | 'hooray' | 'confused' | 'heart' | 'rocket' | 'eyes';

/** Counts per emoji; missing keys are zero. */
export type ReactionCounts = Partial<Record<ReactionKey, number>>;

export interface DatasetUser {
  id: number;
  login: string;
  type: UserKind;
  name?: string | null;
  createdAt: string;
}

export interface DatasetRepo {
  id: number;
  /** Login of the owning user or organisation. */
  owner: string;
  name: string;
  description: string | null;
  language: string | null;
  topics: string[];
  homepage: string | null;
  /** SPDX id, e.g. "MIT"; null for none. */
  license: string | null;
  defaultBranch: string;
  stargazers: number;
  forks: number;
  /** Repository size in KB, as GitHub reports it. */
  size: number;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
}

export interface DatasetLabel {
  id: number;
  repo: string;
  name: string;
  /** Six hex digits without '#'. */
  color: string;
  description: string | null;
  /** True for GitHub's default labels (bug, enhancement, …). */
  default: boolean;
}

export interface DatasetMilestone {
  id: number;
  repo: string;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  creator: string;
  createdAt: string;
  updatedAt: string;
  dueOn: string | null;
  closedAt: string | null;
}

export interface DatasetPullRequest {
  /** When merged; null for open or closed-unmerged pull requests. */
  mergedAt: string | null;
  draft: boolean;
}

export interface DatasetIssue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  authorAssociation: AuthorAssociation;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  /** Milestone number within the repository. */
  milestone: number | null;
  locked: boolean;
  activeLockReason: 'resolved' | 'off-topic' | 'too heated' | 'spam' | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  reactions: ReactionCounts;
  /** Present when the issue is a pull request. */
  pullRequest?: DatasetPullRequest;
}

export interface DatasetComment {
  id: number;
  repo: string;
  issueNumber: number;
  user: string;
  authorAssociation: AuthorAssociation;
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionCounts;
}

/** Everything the emulator serves. `viewer` is the login GET /user answers with. */
export interface EmulatorDataset {
  version: 1;
  viewer: string;
  users: DatasetUser[];
  repos: DatasetRepo[];
  labels: DatasetLabel[];
  milestones: DatasetMilestone[];
  issues: DatasetIssue[];
  comments: DatasetComment[];
}
