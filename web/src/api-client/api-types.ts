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
}

export interface Label {
  name: string;
  /** Hex colour without '#', as GitHub sends it (e.g. "d73a4a"); null when unknown. */
  color: string | null;
}

export type Difficulty = 'easy' | 'medium' | 'hard';

export interface Analysis {
  type: string;
  typeConfidence: number;
  typeReasons: string[];
  difficulty: Difficulty;
  gfiScore: number;
  difficultyReasons: string[];
  concepts: { id: string; name: string }[];
  duplicateCount: number;
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

export interface DuplicateCandidate {
  id: string;
  repo: string;
  number: number;
  title: string;
  score: number;
  evidence: string[];
}

export interface IssueDetailResponse {
  issue: IssueDetail;
  comments: IssueComment[];
  duplicates?: DuplicateCandidate[];
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
}

export type FacetName = keyof IssueFacets;

export interface IssueListResponse {
  issues: IssueSummary[];
  nextCursor: string | null;
  total: number;
  /** True when there are more matches than the server counts (total is then a lower bound). */
  totalCapped?: boolean;
  facets: IssueFacets;
  didYouMean: string | null;
}

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
  sort?: IssueSort;
  limit?: number;
  cursor?: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
