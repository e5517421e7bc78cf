import { requestJson } from './http.ts';
import type {
  Concept,
  DuplicateLink,
  IssueDetailResponse,
  IssueListResponse,
  IssueQuery,
  QueueJobs,
  Repo,
  Workspace,
} from './api-types.ts';

/**
 * Builds the query string of GET /api/issues (and /api/search) from a query: empty values are
 * dropped, labels repeat (`label=a&label=b`), and keys come in a fixed order so equal queries
 * give equal strings.
 */
export function issueQueryParams(query: IssueQuery): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | undefined): void => {
    if (value === undefined || value === '') return;
    params.append(key, String(value));
  };
  put('q', query.q?.trim());
  put('repo', query.repo);
  put('state', query.state);
  for (const label of query.labels ?? []) put('label', label);
  put('author', query.author);
  put('type', query.type);
  put('createdFrom', query.createdFrom);
  put('createdTo', query.createdTo);
  put('updatedFrom', query.updatedFrom);
  put('updatedTo', query.updatedTo);
  put('issueType', query.issueType);
  put('difficulty', query.difficulty);
  put('minGfi', query.minGfi);
  put('concept', query.concept);
  put('hasDuplicates', query.hasDuplicates === undefined ? undefined : String(query.hasDuplicates));
  put('sort', query.sort);
  put('limit', query.limit);
  put('cursor', query.cursor);
  return params;
}

/** GET /api/workspace: demo flag and version. */
export function getWorkspace(signal?: AbortSignal): Promise<Workspace> {
  return requestJson<Workspace>('/api/workspace', { signal });
}

/** GET /api/repos: every repository with its sync status. */
export async function listRepos(signal?: AbortSignal): Promise<Repo[]> {
  const body = await requestJson<{ repos: Repo[] }>('/api/repos', { signal });
  return body.repos;
}

/**
 * POST /api/repos: adds a repository ("owner/name") and queues its first sync. The server asks GitHub
 * first (through `connectionId`'s credentials when given): an unknown or unreadable repository, or an
 * unreachable GitHub, rejects with its message.
 */
export function addRepo(options: {
  fullName: string;
  connectionId?: string | undefined;
  signal?: AbortSignal;
}): Promise<{ repo: Repo; jobId: string }> {
  const { fullName, connectionId, signal } = options;
  return requestJson('/api/repos', {
    method: 'POST',
    body: connectionId ? { fullName, connectionId } : { fullName },
    signal,
  });
}

/** DELETE /api/repos/:id: removes a repository with everything stored for it (204). */
export async function removeRepo(repoId: string, signal?: AbortSignal): Promise<void> {
  await requestJson<undefined>(`/api/repos/${encodeURIComponent(repoId)}`, { method: 'DELETE', signal });
}

/** POST /api/repos/:id/sync: queues a sync of a repository already added. */
export function syncRepo(repoId: string, signal?: AbortSignal): Promise<{ jobId: string }> {
  return requestJson(`/api/repos/${encodeURIComponent(repoId)}/sync`, { method: 'POST', body: {}, signal });
}

/** GET /api/issues: filtered, sorted, paginated issues with facet counts. */
export function listIssues(query: IssueQuery, signal?: AbortSignal): Promise<IssueListResponse> {
  const params = issueQueryParams(query).toString();
  return requestJson<IssueListResponse>(params ? `/api/issues?${params}` : '/api/issues', { signal });
}

/** GET /api/search: full-text search (q required), same response as listIssues. */
export function searchIssues(
  query: IssueQuery & { q: string },
  signal?: AbortSignal,
): Promise<IssueListResponse> {
  return requestJson<IssueListResponse>(`/api/search?${issueQueryParams(query).toString()}`, { signal });
}

/** GET /api/issues/:id: one issue with its comments and duplicate candidates. */
export function getIssue(issueId: string, signal?: AbortSignal): Promise<IssueDetailResponse> {
  return requestJson<IssueDetailResponse>(`/api/issues/${encodeURIComponent(issueId)}`, { signal });
}

/** GET /api/concepts: the whole concept taxonomy with per-concept issue counts. */
export async function listConcepts(signal?: AbortSignal): Promise<Concept[]> {
  const body = await requestJson<{ concepts: Concept[] }>('/api/concepts', { signal });
  return body.concepts;
}

/**
 * POST /api/issues/:id/duplicates/:otherId: a maintainer's decision that issue `id` duplicates (or
 * does not duplicate) `otherId`. The order matters: see duplicateDecisionTarget for links shown the
 * other way round. Answers the duplicate links of `id`.
 */
export async function decideDuplicate(options: {
  id: string;
  otherId: string;
  decision: 'confirm' | 'reject';
  signal?: AbortSignal;
}): Promise<DuplicateLink[]> {
  const { id, otherId, decision, signal } = options;
  const path = `/api/issues/${encodeURIComponent(id)}/duplicates/${encodeURIComponent(otherId)}`;
  const body = await requestJson<{ duplicates: DuplicateLink[] }>(path, {
    method: 'POST',
    body: { decision },
    signal,
  });
  return body.duplicates;
}

/** GET /api/jobs: the newest jobs of every queue, with counts by state. */
export async function listJobs(signal?: AbortSignal): Promise<QueueJobs[]> {
  const body = await requestJson<{ queues: QueueJobs[] }>('/api/jobs?limit=20', { signal });
  return body.queues;
}

/** POST /api/jobs/:queue/:id/retry: sends a failed job back to its queue. */
export function retryJob(
  queue: string,
  id: string,
  signal?: AbortSignal,
): Promise<{ queue: string; id: string; state: 'retry' }> {
  return requestJson(`/api/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    body: {},
    signal,
  });
}
