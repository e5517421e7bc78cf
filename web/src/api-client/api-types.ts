/**
 * Wire types of Loupe's HTTP API, as the web UI consumes them (JSON, dates as ISO strings). They
 * are derived from generated/api.d.ts, which `npm run openapi:web` generates from the routes' zod
 * schemas, so a change to what the server sends shows up here as a type error instead of drifting.
 * Only IssueQuery (the UI's own model of a search) and the lists of values are written by hand.
 */
import type { components, paths } from './generated/api.d.ts';

type Schemas = components['schemas'];

export type Workspace = Schemas['Workspace'];

export type RepoSync = Schemas['RepoSync'];
export type SyncStatus = RepoSync['status'];
/** A repository with its sync status, analysis progress and the concepts of the repository itself. */
export type Repo = Schemas['Repo'];
/** A concept a repository was tagged with, and why. */
export type RepoConcept = Schemas['RepoConcept'];

/** `color` is hex without '#', as GitHub sends it (e.g. "d73a4a"); null when unknown. */
export type Label = Schemas['Label'];

export type Difficulty = Schemas['Difficulty'];
export type IssueType = Schemas['IssueType'];

export const ISSUE_TYPES = [
  'bug',
  'feature',
  'question',
  'docs',
  'chore',
] as const satisfies readonly IssueType[];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const satisfies readonly Difficulty[];

/** A concept an issue was tagged with; `path` holds concept ids from the taxonomy root to this one. */
export type IssueConcept = Schemas['IssueConcept'];
/** What Loupe's background analysis says about an issue (absent until the job has run for it). */
export type Analysis = Schemas['Analysis'];
export type IssueSummary = Schemas['IssueSummary'];
export type IssueDetail = Schemas['IssueDetail'];
export type IssueComment = Schemas['IssueComment'];

/**
 * One link of an issue's duplicate cluster, seen from the issue being shown: 'duplicate-of' means
 * "this issue duplicates the other", 'duplicated-by' the reverse.
 */
export type DuplicateLink = Schemas['DuplicateLink'];
export type DuplicateStatus = DuplicateLink['status'];
export type DuplicateDirection = DuplicateLink['direction'];
export type IssueDetailResponse = Schemas['IssueDetailResponse'];
export type ImplementedVerdict = Schemas['ImplementedVerdict'];
export type ImplementedEvidence = Schemas['ImplementedEvidence'];

export type ConceptKind = Schemas['ConceptKind'];
/** A node of the concept taxonomy; `issueCount` counts issues tagged with exactly this concept. */
export type Concept = Schemas['Concept'];

export type FacetCount = Schemas['FacetCount'];
/** Facet counts of a list; the server sends null only when asked for facets=false, which the UI never does. */
export type IssueFacets = NonNullable<Schemas['IssueFacets']>;
export type FacetName = keyof IssueFacets;
export type IssueListResponse = Schemas['IssueListResponse'];
export type MatchMode = NonNullable<IssueListResponse['matchMode']>;

type IssuesQueryParameters = NonNullable<paths['/api/issues']['get']['parameters']['query']>;
export type IssueSort = NonNullable<IssuesQueryParameters['sort']>;

/**
 * The UI's model of GET /api/issues and GET /api/search query parameters (api-client.ts turns it
 * into the query string: `labels` become repeated `label`, booleans "true"/"false"); empty values
 * are omitted on the wire. Field types come from the generated parameters where they match.
 */
export interface IssueQuery {
  q?: string;
  repo?: string;
  state?: IssuesQueryParameters['state'];
  labels?: string[];
  author?: string;
  type?: IssuesQueryParameters['type'];
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

/** The body of every error answer. */
export type ApiErrorBody = Schemas['ErrorBody'];
/** GET /api/jobs: recent jobs per queue (generated from the API's response schema). */
export type QueueJobs =
  paths['/api/jobs']['get']['responses'][200]['content']['application/json']['queues'][number];
export type Job = QueueJobs['jobs'][number];
/** A pg-boss job state, as GET /api/jobs reports it. */
export type JobState = Job['state'];

/** GET /api/me: who is signed in (the local user in local mode), their workspaces and a CSRF token. */
export type Me = Schemas['Me'];
/** One workspace the person belongs to, with their role there. */
export type WorkspaceMembership = Schemas['WorkspaceMembership'];
export type Role = WorkspaceMembership['role'];
export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const satisfies readonly Role[];
export type Member = Schemas['Member'];
/** An API token as listed: its prefix, never its secret. */
export type ApiToken = Schemas['ApiToken'];
export type TokenScope = ApiToken['scopes'][number];
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const satisfies readonly TokenScope[];
/** A workspace's connection to a source; `hasCredentials` says whether a token is stored (never returned). */
export type Connection = Schemas['Connection'];
export type AddConnectionBody =
  paths['/api/connections']['post']['requestBody']['content']['application/json'];
export type CreateTokenResponse =
  paths['/api/tokens']['post']['responses'][201]['content']['application/json'];
