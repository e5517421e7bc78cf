/**
 * Request routing and handlers: URL in, status + JSON text + Link header out. Transport concerns
 * (auth, rate limit, ETag, faults) live in emulator.server.ts.
 */
import type { EmulatorState, RepoEntry } from './emulator-state.ts';
import type { IssueSort } from './issue-index.ts';
import type { RateLimitSnapshot } from './rate-limiter.ts';
import {
  renderFullRepository,
  renderLabel,
  renderMinimalRepository,
  renderPrivateUser,
} from './render-repository.ts';
import {
  DOCS_URL,
  buildLinkHeader,
  paginate,
  parseEnum,
  parseLabels,
  parsePaging,
  parseSince,
} from './request-params.ts';

export interface RouteResponse {
  status: number;
  body: string;
  link?: string | null;
  /** Epoch ms for Last-Modified: the newest updated_at in the body. */
  lastModifiedMs?: number;
  /** Extra response headers (Location of a created resource). */
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: EmulatorState;
  url: URL;
  /** The token's user; null for an anonymous request. */
  login: string | null;
  rate: RateLimitSnapshot;
}

export const NOT_FOUND: RouteResponse = {
  status: 404,
  body: JSON.stringify({ message: 'Not Found', documentation_url: DOCS_URL }),
};

/** What GitHub answers for an issue that was deleted (and for its comments). */
export const ISSUE_GONE: RouteResponse = {
  status: 410,
  body: JSON.stringify({
    message: 'This issue was deleted',
    documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue',
  }),
};

const DIRECTIONS = ['asc', 'desc'] as const;

function json(value: unknown, updatedAt?: string): RouteResponse {
  return {
    status: 200,
    body: JSON.stringify(value),
    ...(updatedAt === undefined ? {} : { lastModifiedMs: Date.parse(updatedAt) }),
  };
}

interface ListSpec<T> {
  items: T[];
  base: string;
  resource: string;
  render: (x: T) => string;
  /** updated_at of an item; absent for items without one (labels). */
  updatedAt?: (x: T) => string;
  /** Last-Modified when the page has no item to take it from: the repository's updated_at. */
  fallbackUpdatedAt?: string;
}

/** The newest updated_at on the page, else the fallback; GitHub's Last-Modified of a list. */
function newestUpdate<T>(pageItems: T[], spec: ListSpec<T>): number | undefined {
  let newest = Number.NEGATIVE_INFINITY;
  if (spec.updatedAt)
    for (const item of pageItems) newest = Math.max(newest, Date.parse(spec.updatedAt(item)));
  if (newest > Number.NEGATIVE_INFINITY) return newest;
  return spec.fallbackUpdatedAt === undefined ? undefined : Date.parse(spec.fallbackUpdatedAt);
}

/** A page of pre-rendered JSON items with GitHub's Link and Last-Modified headers. */
function listPage<T>(ctx: RouteContext, spec: ListSpec<T>): RouteResponse {
  const paging = parsePaging(ctx.url.searchParams, spec.resource);
  const { pageItems, lastPage } = paginate(spec.items, paging);
  const lastModifiedMs = newestUpdate(pageItems, spec);
  const link = buildLinkHeader({
    base: spec.base,
    params: ctx.url.searchParams,
    page: paging.page,
    lastPage,
    total: spec.items.length,
  });
  return {
    status: 200,
    body: `[${pageItems.map(spec.render).join(',')}]`,
    link,
    ...(lastModifiedMs === undefined ? {} : { lastModifiedMs }),
  };
}

function listIssues(ctx: RouteContext, entry: RepoEntry): RouteResponse {
  const p = ctx.url.searchParams;
  const resource = 'Issue';
  const state = parseEnum(p, {
    name: 'state',
    allowed: ['open', 'closed', 'all'] as const,
    fallback: 'open',
    resource,
  });
  const sort = parseEnum<IssueSort>(p, {
    name: 'sort',
    allowed: ['created', 'updated', 'comments'],
    fallback: 'created',
    resource,
  });
  const direction = parseEnum(p, { name: 'direction', allowed: DIRECTIONS, fallback: 'desc', resource });
  const sinceMs = parseSince(p, resource);
  const items = entry.index.queryIssues({ state, sort, direction, sinceMs, labels: parseLabels(p) });
  return listPage(ctx, {
    items,
    base: `${ctx.state.urls.api}/repositories/${entry.repo.id}/issues`,
    resource,
    render: (i) => ctx.state.issueJson(entry, i),
    updatedAt: (i) => i.updatedAt,
    fallbackUpdatedAt: entry.repo.updatedAt,
  });
}

function listRepoComments(ctx: RouteContext, entry: RepoEntry): RouteResponse {
  const p = ctx.url.searchParams;
  const resource = 'IssueComment';
  const sort = parseEnum(p, {
    name: 'sort',
    allowed: ['created', 'updated'] as const,
    fallback: 'created',
    resource,
  });
  const direction = parseEnum(p, { name: 'direction', allowed: DIRECTIONS, fallback: 'asc', resource });
  const sinceMs = parseSince(p, resource);
  return listPage(ctx, {
    items: entry.index.queryComments({ sort, direction, sinceMs }),
    base: `${ctx.state.urls.api}/repositories/${entry.repo.id}/issues/comments`,
    resource,
    render: (c) => ctx.state.commentJson(entry, c),
    updatedAt: (c) => c.updatedAt,
    fallbackUpdatedAt: entry.repo.updatedAt,
  });
}

function issueRoute(ctx: RouteContext, entry: RepoEntry, rest: string[]): RouteResponse {
  const [numberText, sub, ...extra] = rest;
  if (!numberText || !/^\d+$/.test(numberText) || extra.length > 0) return NOT_FOUND;
  const issue = entry.index.issues.get(Number(numberText));
  if (!issue) return entry.deletedIssues.has(Number(numberText)) ? ISSUE_GONE : NOT_FOUND;
  if (sub === undefined) return json(ctx.state.singleIssue(issue), issue.updatedAt);
  if (sub !== 'comments') return NOT_FOUND;
  const sinceMs = parseSince(ctx.url.searchParams, 'IssueComment');
  return listPage(ctx, {
    items: entry.index.issueComments(issue.number, sinceMs),
    base: `${ctx.state.urls.api}/repositories/${entry.repo.id}/issues/${issue.number}/comments`,
    resource: 'IssueComment',
    render: (c) => ctx.state.commentJson(entry, c),
    updatedAt: (c) => c.updatedAt,
    fallbackUpdatedAt: entry.repo.updatedAt,
  });
}

function repoRoute(ctx: RouteContext, entry: RepoEntry, rest: string[]): RouteResponse {
  const { state } = ctx;
  if (rest.length === 0) {
    const owner = state.user(entry.repo.owner);
    return json(
      renderFullRepository(entry.repo, { urls: state.urls, owner, openIssues: state.openIssueCount(entry) }),
      entry.repo.updatedAt,
    );
  }
  const [head, ...tail] = rest;
  if (head === 'labels' && tail.length === 0) {
    const labels = [...entry.labels.values()].sort((a, b) => a.id - b.id);
    return listPage(ctx, {
      items: labels,
      base: `${state.urls.api}/repositories/${entry.repo.id}/labels`,
      resource: 'Label',
      render: (l) => JSON.stringify(renderLabel(l, state.urls)),
      // Labels carry no updated_at; the repository's stands in.
      fallbackUpdatedAt: entry.repo.updatedAt,
    });
  }
  if (head !== 'issues') return NOT_FOUND;
  if (tail.length === 0) return listIssues(ctx, entry);
  if (tail[0] === 'comments' && tail.length === 1) return listRepoComments(ctx, entry);
  return issueRoute(ctx, entry, tail);
}

function ownerRepos(
  ctx: RouteContext,
  spec: { login: string; org: boolean; base: (id: number) => string },
): RouteResponse {
  const { state } = ctx;
  const owner = state.users.get(spec.login.toLowerCase());
  if (!owner || (spec.org && owner.type !== 'Organization')) return NOT_FOUND;
  const p = ctx.url.searchParams;
  const resource = 'Repository';
  const types = spec.org
    ? (['all', 'public', 'private', 'forks', 'sources', 'member'] as const)
    : (['all', 'owner', 'member'] as const);
  parseEnum<string>(p, { name: 'type', allowed: types, fallback: 'all', resource });
  const sort = parseEnum(p, {
    name: 'sort',
    allowed: ['created', 'updated', 'pushed', 'full_name'] as const,
    fallback: spec.org ? 'created' : 'full_name',
    resource,
  });
  const direction = parseEnum(p, {
    name: 'direction',
    allowed: DIRECTIONS,
    fallback: sort === 'full_name' ? 'asc' : 'desc',
    resource,
  });
  const key = (e: RepoEntry): string =>
    sort === 'full_name'
      ? e.fullName.toLowerCase()
      : sort === 'created'
        ? e.repo.createdAt
        : sort === 'updated'
          ? e.repo.updatedAt
          : e.repo.pushedAt;
  const repos = state
    .reposOwnedBy(owner.login)
    .sort((a, b) => key(a).localeCompare(key(b)) || a.repo.id - b.repo.id);
  if (direction === 'desc') repos.reverse();
  return listPage(ctx, {
    items: repos,
    base: spec.base(owner.id),
    resource,
    render: (e) =>
      JSON.stringify(
        renderMinimalRepository(e.repo, { urls: state.urls, owner, openIssues: state.openIssueCount(e) }),
      ),
    updatedAt: (e) => e.repo.updatedAt,
  });
}

function rateLimitBody(rate: RateLimitSnapshot): RouteResponse {
  const other = (limit: number): RateLimitSnapshot => ({
    limit,
    remaining: limit,
    reset: rate.reset,
    used: 0,
  });
  return json({
    resources: {
      core: rate,
      search: other(30),
      graphql: other(5000),
      integration_manifest: other(5000),
      source_import: other(100),
      code_scanning_upload: other(1000),
      actions_runner_registration: other(10000),
      scim: other(15000),
      dependency_snapshots: other(100),
      code_search: other(10),
    },
    rate,
  });
}

function viewerRoute(ctx: RouteContext): RouteResponse {
  if (ctx.login === null) {
    return {
      status: 401,
      body: JSON.stringify({ message: 'Requires authentication', documentation_url: DOCS_URL }),
    };
  }
  const viewer = ctx.state.user(ctx.login);
  const publicRepos = ctx.state.reposOwnedBy(viewer.login).length;
  return json(renderPrivateUser(viewer, { urls: ctx.state.urls, publicRepos }));
}

/** Dispatches a GET request (`/user` answers the token's user); both /repos/{owner}/{repo} and GitHub's /repositories/{id} forms. */
export function routeRequest(ctx: RouteContext): RouteResponse {
  const parts = ctx.url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  const [a, b, c, ...rest] = parts;
  const api = ctx.state.urls.api;
  if (a === 'user' && parts.length === 1) return viewerRoute(ctx);
  if (a === 'rate_limit' && parts.length === 1) return rateLimitBody(ctx.rate);
  if (a === 'repos' && b && c) {
    const entry = ctx.state.repo(`${b}/${c}`);
    return entry ? repoRoute(ctx, entry, rest) : NOT_FOUND;
  }
  if (a === 'repositories' && b && /^\d+$/.test(b)) {
    const entry = ctx.state.repoById(Number(b));
    return entry ? repoRoute(ctx, entry, c === undefined ? [] : [c, ...rest]) : NOT_FOUND;
  }
  if (parts.length !== 3 || c !== 'repos' || !b) return NOT_FOUND;
  if (a === 'orgs')
    return ownerRepos(ctx, { login: b, org: true, base: (id) => `${api}/organizations/${id}/repos` });
  if (a === 'users')
    return ownerRepos(ctx, { login: b, org: false, base: (id) => `${api}/user/${id}/repos` });
  const byId = [...ctx.state.users.values()].find((u) => String(u.id) === b);
  if (!byId) return NOT_FOUND;
  if (a === 'organizations')
    return ownerRepos(ctx, {
      login: byId.login,
      org: true,
      base: (id) => `${api}/organizations/${id}/repos`,
    });
  if (a === 'user')
    return ownerRepos(ctx, { login: byId.login, org: false, base: (id) => `${api}/user/${id}/repos` });
  return NOT_FOUND;
}
