import { RequestError } from '@octokit/request-error';
import { z } from 'zod';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import type { Issue } from '../../core/issue.ts';
import {
  READ_WRITE,
  type ChangePage,
  type ContainerInfo,
  type ContainerRef,
  type ListChangesOptions,
  type Source,
  type StreamCursor,
  type StreamSpec,
} from '../source.ts';
import { apiHostOf, describeGitHubError, type GitHubOctokit } from './github-client.ts';
import {
  describeSchemaProblem,
  gitHubCommentSchema,
  gitHubIssueSchema,
  gitHubRepositorySchema,
  type GitHubRepositoryPayload,
} from './github-payload.schema.ts';
import { planGitHubWebhook } from './github-webhooks.ts';
import { createGitHubWriter } from './github-writer.ts';
import { mapGitHubComment, mapGitHubIssue } from './map-github-issue.ts';

const PAGE_SIZE = 100;
const MALFORMED_ANSWER_RETRIES = 3;

/**
 * A repository's streams, in the order a sync reads them. Issues are read on every sync (an unchanged
 * repository answers one 304). A new comment bumps its issue's updated_at, so a changed issue page
 * marks comments stale; they are read while stale, whatever the issues answered next time, so
 * comments cut off by a kill, a 5xx or a rate limit are finished by the next sync. The repository
 * itself (description, topics, stars) is re-read after a change, conditionally, and last so that an
 * unchanged repository still costs a single request.
 */
export const GITHUB_STREAMS: readonly StreamSpec[] = [
  { name: 'issues', read: 'always', invalidates: ['comments', 'metadata'] },
  { name: 'comments', read: 'when-stale' },
  { name: 'metadata', read: 'when-stale' },
];

/** Where a GitHub list stream has got to. `since`/`page` resume it; `etag`/`etagUrl` let its last request earn a 304. */
interface GitHubListCursor {
  since?: string | null;
  page?: number;
  etag?: string | null;
  etagUrl?: string | null;
}

export interface GitHubSourceDeps {
  /** A client for the API a repository lives on (api.github.com, a GHES host, the emulator). */
  /** A client for the API, with the container's credentials when it has its own (else the process's). */
  clientFor: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
  /**
   * A client for checks made while someone waits (describeContainer when a repository is added):
   * it should fail within seconds (short timeout, few retries, no rate-limit waits). Defaults to clientFor.
   */
  checkClientFor?: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
  /** First wait before asking again for an answer that failed validation (250 ms; tests shorten it). */
  malformedRetryDelayMs?: number;
}

/** GitHub (and GitHub Enterprise Server) as a Loupe source: repositories are its containers; it reads, pushes webhooks and takes writes (github-writer.ts). */
export function createGitHubSource(deps: GitHubSourceDeps): Source {
  return {
    kind: 'github',
    streams: GITHUB_STREAMS,
    capabilities: READ_WRITE,
    webhooks: { plan: planGitHubWebhook },
    writer: createGitHubWriter(deps),

    async describeContainer(ref) {
      const { owner, name } = parseRepoFullName(ref.key);
      const client = (deps.checkClientFor ?? deps.clientFor)(ref.apiUrl, ref.credentials);
      try {
        const { data } = await client.request('GET /repos/{owner}/{repo}', { owner, repo: name });
        return toContainerInfo(validated(gitHubRepositorySchema, data, `the repository ${ref.key}`));
      } catch (error) {
        // GitHub answers 404, not 403, for a private repository the token may not read.
        if (error instanceof RequestError && error.status === 404) {
          throw new LoupeError(
            'NOT_FOUND',
            `${ref.key} was not found on ${apiHostOf(ref.apiUrl)} (GitHub answered 404): check the name; if the repository is private, set GITHUB_TOKEN (or --token) to a token that can read it.`,
            { repo: ref.key },
          );
        }
        throw describeGitHubError(error, `reading ${ref.key}`);
      }
    },

    listChanges(ref, stream, cursor, options = {}) {
      if (stream === 'metadata') return listMetadata(deps, ref, cursor);
      if (stream === 'issues' || stream === 'comments')
        return listStream(deps, ref, stream, (cursor ?? {}) as GitHubListCursor, options);
      throw new LoupeError(
        'INVALID_INPUT',
        `GitHub has no stream "${stream}" (streams: ${GITHUB_STREAMS.map((s) => s.name).join(', ')})`,
      );
    },

    async fetchItem(ref, key): Promise<Issue | null> {
      const number = Number(key.replace(/^#/, ''));
      if (!Number.isInteger(number) || number <= 0)
        throw new LoupeError('INVALID_INPUT', `"${key}" is not a GitHub issue number (e.g. #123)`);
      const { owner, name } = parseRepoFullName(ref.key);
      try {
        const { data } = await deps
          .clientFor(ref.apiUrl, ref.credentials)
          .request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
            owner,
            repo: name,
            issue_number: number,
          });
        return mapGitHubIssue(ref.key, validated(gitHubIssueSchema, data, `issue #${number} of ${ref.key}`));
      } catch (error) {
        if (error instanceof RequestError && (error.status === 404 || error.status === 410)) return null;
        throw describeGitHubError(error, `reading ${ref.key}#${number}`);
      }
    },
  };
}

function validated<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new LoupeError(
      'SOURCE_UNAVAILABLE',
      `GitHub sent a malformed answer for ${what} (${describeSchemaProblem(parsed.error)})`,
    );
  return parsed.data;
}

function toContainerInfo(data: GitHubRepositoryPayload): ContainerInfo {
  return {
    externalId: String(data.id),
    description: data.description ?? null,
    htmlUrl: data.html_url ?? null,
    defaultBranch: data.default_branch ?? null,
    language: data.language ?? null,
    topics: data.topics ?? [],
    stars: data.stargazers_count ?? 0,
  };
}

/** The repository itself, conditionally on the ETag of its last read. */
async function* listMetadata(
  deps: GitHubSourceDeps,
  ref: ContainerRef,
  cursor: StreamCursor | null,
): AsyncGenerator<ChangePage> {
  const { owner, name } = parseRepoFullName(ref.key);
  const etag = typeof cursor?.etag === 'string' ? cursor.etag : null;
  for (let attempt = 0, requests = 1; ; attempt++, requests++) {
    let response;
    try {
      response = await deps.clientFor(ref.apiUrl, ref.credentials).request('GET /repos/{owner}/{repo}', {
        owner,
        repo: name,
        headers: etag ? { 'if-none-match': etag } : {},
      });
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        yield { kind: 'unchanged', cursor: cursor ?? {}, requests };
        return;
      }
      throw describeGitHubError(error, `reading ${ref.key}`);
    }
    const parsed = gitHubRepositorySchema.safeParse(response.data);
    if (parsed.success) {
      yield {
        kind: 'changes',
        items: [{ type: 'container', info: toContainerInfo(parsed.data) }],
        cursor: { etag: response.headers.etag ?? null },
        complete: true,
        requests,
      };
      return;
    }
    await waitAfterMalformed(
      deps,
      attempt,
      `GitHub sent a malformed repository for ${ref.key} (${describeSchemaProblem(parsed.error)})`,
    );
  }
}

/**
 * Issues (with pull requests) or comments in `updated_at` order with `since` as a keyset: each page's
 * cursor asks again from the newest time it held, so an item updated during the sync moves to the
 * end of the stream instead of being skipped. When a whole page shares one time, `page` moves on.
 * The last request's URL and ETag are kept: the next sync repeats it byte for byte and can get a 304.
 */
async function* listStream(
  deps: GitHubSourceDeps,
  ref: ContainerRef,
  stream: 'issues' | 'comments',
  cursor: GitHubListCursor,
  options: ListChangesOptions,
): AsyncGenerator<ChangePage> {
  const { owner, name } = parseRepoFullName(ref.key);
  const route =
    stream === 'issues' ? 'GET /repos/{owner}/{repo}/issues' : 'GET /repos/{owner}/{repo}/issues/comments';
  let since = cursor.since ? toGitHubTimestamp(cursor.since) : null;
  let page = cursor.page ?? 1;
  for (;;) {
    if (options.signal?.aborted) return;
    const params: Record<string, string | number> = {
      ...(stream === 'issues' ? { state: 'all' } : {}),
      sort: 'updated',
      direction: 'asc',
      per_page: PAGE_SIZE,
      ...(since ? { since } : {}),
      ...(page > 1 ? { page } : {}),
    };
    const requestKey = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const conditional = cursor.etag && cursor.etagUrl === requestKey ? { 'if-none-match': cursor.etag } : {};
    const answer = await requestPage(deps, ref, {
      route,
      stream,
      params: { owner, repo: name, ...params, headers: conditional },
    });
    if (answer.kind === 'not-modified') {
      yield { kind: 'unchanged', cursor: { ...cursor }, requests: answer.requests };
      return;
    }
    const items = answer.items;
    const isLastPage = items.length < PAGE_SIZE;
    const newest = items.reduce<string | null>((max, item) => {
      const at = toGitHubTimestamp(item.updated_at);
      return max === null || at > max ? at : max;
    }, since);
    const next: GitHubListCursor = isLastPage
      ? { since, ...(page > 1 ? { page } : {}), etag: answer.etag, etagUrl: requestKey }
      : newest === since
        ? { since, page: page + 1 }
        : { since: newest };
    yield {
      kind: 'changes',
      items:
        stream === 'issues'
          ? items.map((item) => ({
              type: 'issue' as const,
              issue: mapGitHubIssue(ref.key, item as z.infer<typeof gitHubIssueSchema>),
            }))
          : items.map((item) => ({
              type: 'comment' as const,
              comment: mapGitHubComment(item as z.infer<typeof gitHubCommentSchema>),
            })),
      cursor: next as StreamCursor,
      complete: isLastPage,
      requests: answer.requests,
    };
    if (isLastPage) return;
    since = next.since ?? null;
    page = next.page ?? 1;
  }
}

type PageAnswer =
  | { kind: 'not-modified'; requests: number }
  | { kind: 'page'; items: { updated_at: string }[]; etag: string | null; requests: number };

/**
 * One list request, validated item by item. Transport faults are retried by the client
 * (github-retry.ts); an answer of the wrong shape is asked for again here, then given up on.
 */
async function requestPage(
  deps: GitHubSourceDeps,
  ref: ContainerRef,
  request: { route: string; stream: 'issues' | 'comments'; params: Record<string, unknown> },
): Promise<PageAnswer> {
  const schema = request.stream === 'issues' ? z.array(gitHubIssueSchema) : z.array(gitHubCommentSchema);
  for (let attempt = 0, requests = 1; ; attempt++, requests++) {
    let response;
    try {
      response = await deps
        .clientFor(ref.apiUrl, ref.credentials)
        .request(request.route as 'GET /repos/{owner}/{repo}/issues', request.params as never);
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) return { kind: 'not-modified', requests };
      throw describeGitHubError(error, `listing ${request.stream} of ${ref.key}`);
    }
    const parsed = schema.safeParse(response.data);
    if (parsed.success)
      return { kind: 'page', items: parsed.data, etag: response.headers.etag ?? null, requests };
    await waitAfterMalformed(
      deps,
      attempt,
      `GitHub sent a malformed ${request.stream} page for ${ref.key} (${describeSchemaProblem(parsed.error)})`,
    );
  }
}

/** Waits before asking again for an answer that failed validation; gives up with a retryable error. */
async function waitAfterMalformed(deps: GitHubSourceDeps, attempt: number, problem: string): Promise<void> {
  if (attempt >= MALFORMED_ANSWER_RETRIES) {
    throw new LoupeError(
      'SOURCE_UNAVAILABLE',
      `${problem}, ${MALFORMED_ANSWER_RETRIES + 1} times; nothing of it was stored. The next sync tries again.`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, (deps.malformedRetryDelayMs ?? 250) * 2 ** attempt));
}

/** GitHub's own timestamp form (no milliseconds), so a repeated request is byte-identical. */
function toGitHubTimestamp(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
