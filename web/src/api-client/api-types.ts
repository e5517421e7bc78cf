/** Wire types of Loupe's HTTP API, as the web UI consumes them (JSON, dates as ISO strings). */

export interface Workspace {
  demo: boolean;
  githubApiUrl: string;
  version: string;
}

export type SyncStatus = 'never' | 'queued' | 'running' | 'succeeded' | 'failed';

export interface RepoSync {
  status: SyncStatus;
  lastSyncedAt: string | null;
  lastError: string | null;
  startedAt: string | null;
  issuesSynced: number;
  commentsSynced: number;
}

export interface Repo {
  id: string;
  fullName: string;
  source: 'github';
  description: string | null;
  htmlUrl: string | null;
  isDemo: boolean;
  issueCount: number;
  openIssueCount: number;
  pullRequestCount: number;
  sync: RepoSync;
  /** Issues with a current analysis, of all; the background analysis job catches up after syncs. */
  analysis?: { analyzed: number; total: number };
  /** Concepts of the repository itself (from its language, topics and description), best first. */
  concepts?: RepoConcept[];
}

/** A concept a repository was tagged with, and why. */
export interface RepoConcept {
  id: string;
  name: string;
  score: number;
  evidence: string[];
}

export interface Label {
  name: string;
  /** Hex colour without '#', as GitHub sends it (e.g. "d73a4a"); null when unknown. */
  color: string | null;
}

export type Difficulty = 'easy' | 'medium' | 'hard';
export type IssueType = 'bug' | 'feature' | 'question' | 'docs' | 'chore';

export const ISSUE_TYPES: readonly IssueType[] = ['bug', 'feature', 'question', 'docs', 'chore'];
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** A concept an issue was tagged with; `path` holds concept ids from the taxonomy root to this one. */
export interface IssueConcept {
  id: string;
  name: string;
  score: number;
  path: string[];
  evidence: string[];
}

/** What Loupe's background analysis says about an issue (absent until the job has run for it). */
export interface Analysis {
  type: IssueType;
  typeConfidence: number;
  /** Probability per type; a type the model does not know may be missing. */
  typeProbabilities?: Partial<Record<string, number>>;
  typeReasons: string[];
  difficulty: Difficulty;
  /** Good-first-issue score, 0..1. */
  gfiScore: number;
  difficultyReasons: string[];
  concepts: IssueConcept[];
  duplicateCount: number;
  version?: string;
}

export interface IssueSummary {
  id: string;
  repo: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  isPullRequest: boolean;
  mergedAt: string | null;
  labels: Label[];
  author: string | null;
  commentsCount: number;
  createdAt: string;
  updatedAt: string;
  url: string | null;
  /** Server-escaped HTML whose only tags are <mark>…</mark>. */
  snippetHtml: string | null;
  analysis?: Analysis;
}

export interface IssueDetail extends IssueSummary {
  body: string;
  assignees: string[];
  milestone: string | null;
  reactionsCount: number;
  closedAt: string | null;
  authorAssociation: string | null;
}

export interface IssueComment {
  id: string;
  author: string | null;
  authorAssociation: string | null;
  body: string;
  createdAt: string;
}

export type DuplicateStatus = 'suggested' | 'confirmed' | 'rejected';
export type DuplicateDirection = 'duplicate-of' | 'duplicated-by';

/**
 * One link of an issue's duplicate cluster, seen from the issue being shown: 'duplicate-of' means
 * "this issue duplicates the other", 'duplicated-by' the reverse.
 */
export interface DuplicateLink {
  id: string;
  repo: string;
  number: number;
  title: string;
  state: 'open' | 'closed';
  status: DuplicateStatus;
  origin: 'detector' | 'state-reason' | 'reference' | 'maintainer';
  direction: DuplicateDirection;
  score: number | null;
  evidence: string[];
}

export interface IssueDetailResponse {
  issue: IssueDetail;
  comments: IssueComment[];
  duplicates?: DuplicateLink[];
}

export type ConceptKind = 'language' | 'framework' | 'library' | 'domain' | 'skill' | 'tool' | 'platform';

/** A node of the concept taxonomy; `issueCount` counts issues tagged with exactly this concept. */
export interface Concept {
  id: string;
  name: string;
  parent: string | null;
  kind: ConceptKind;
  issueCount: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface IssueFacets {
  state: FacetCount[];
  type: FacetCount[];
  labels: FacetCount[];
  repos: FacetCount[];
  authors: FacetCount[];
  issueType?: FacetCount[];
  difficulty?: FacetCount[];
  /** Values are concept ids. */
  concepts?: FacetCount[];
}

export type FacetName = keyof IssueFacets;

export interface IssueListResponse {
  issues: IssueSummary[];
  nextCursor: string | null;
  total: number;
  /** True when there are more matches than the server counts (total is then a lower bound). */
  totalCapped?: boolean;
  facets: IssueFacets;
  /** True when facet counts cover only the most recently updated matches (then approximate). */
  facetsSampled?: boolean;
  /** How the text query matched, when it had to loosen: see MatchMode. */
  matchMode?: MatchMode | null;
  didYouMean: string | null;
}

export type MatchMode = 'all-words' | 'any-word' | 'title-substring' | 'fuzzy-title';

export type IssueSort = 'relevance' | 'updated' | 'created';

/** Query parameters of GET /api/issues and GET /api/search; empty values are omitted on the wire. */
export interface IssueQuery {
  q?: string;
  repo?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  author?: string;
  type?: 'issue' | 'pr';
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  issueType?: IssueType;
  difficulty?: Difficulty;
  /** Minimum good-first-issue score, 0..1. */
  minGfi?: number;
  /** A concept id. */
  concept?: string;
  hasDuplicates?: boolean;
  sort?: IssueSort;
  limit?: number;
  cursor?: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A pg-boss job state, as GET /api/jobs reports it. */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface Job {
  id: string;
  queue: string;
  state: JobState;
  payload: unknown;
  attempts: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  /** The failure message of a failed job. */
  error: string | null;
  /** Failed and still in the queue: POST /api/jobs/:queue/:id/retry sends it back. */
  retryable: boolean;
}

export interface QueueJobs {
  queue: string;
  counts: Partial<Record<JobState, number>>;
  jobs: Job[];
}
