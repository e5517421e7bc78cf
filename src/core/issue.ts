/**
 * Loupe's one model of an issue, whatever source it came from. Sources map their payloads into
 * these types (src/sources/<name>/map-<name>-issue.ts); analysis in src/core reads only these.
 */

export type IssueState = 'open' | 'closed';

/** A person as a source names them; `login` is unique per source. */
export interface Person {
  login: string;
  avatarUrl?: string | null;
}

export interface IssueLabel {
  name: string;
  color?: string | null;
  description?: string | null;
}

export interface IssueComment {
  /** The source's own id for the comment (stable across syncs). */
  externalId: string;
  author: string | null;
  authorAssociation?: string | null;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A normalised issue or pull request. Timestamps are ISO-8601 strings in UTC. */
export interface Issue {
  /** Source kind: 'github', 'jira', 'linear', … */
  source: string;
  /** Repository (or project) key within the source, e.g. "octo-org/api". */
  repo: string;
  /** Human number within the repository (GitHub #123, Jira HADOOP-123 -> 123). */
  number: number;
  /** The source's own stable id for the issue. */
  externalId: string;
  url: string | null;
  title: string;
  body: string;
  state: IssueState;
  /** GitHub: completed | not_planned | reopened | duplicate; Jira resolution; null when unknown. */
  stateReason: string | null;
  isPullRequest: boolean;
  /** For pull requests: when merged, else null. */
  mergedAt: string | null;
  labels: IssueLabel[];
  author: string | null;
  /** GitHub author_association (OWNER, MEMBER, CONTRIBUTOR, NONE, …). */
  authorAssociation: string | null;
  assignees: string[];
  milestone: string | null;
  commentsCount: number;
  reactionsCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/**
 * The slice of an issue that text analysis reads (classification, concepts, duplicates).
 * Kept small so that analysis can run over plain files (CSV/JSONL) without a full Issue.
 */
export interface IssueText {
  title: string;
  body: string;
  labels?: string[];
}
