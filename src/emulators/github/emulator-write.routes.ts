/**
 * The REST write routes (issues, labels, comments, locks) with GitHub's request and response
 * shapes. Each applies one mutation (emulator-mutations.ts), which bumps updated_at and publishes
 * the webhook actions; auth, the content-creation limit and faults are the transport's
 * (emulator.server.ts). Bodies are parsed by write-request.schema.ts.
 */
import type { z } from 'zod';
import type { AuthorAssociation, DatasetIssue } from './dataset.types.ts';
import {
  addComment,
  createIssue,
  deleteComment,
  editComment,
  findComment,
  updateIssue,
} from './emulator-mutations.ts';
import type { IssuePatch, MutationTarget } from './emulator-mutations.ts';
import { ISSUE_GONE, NOT_FOUND } from './emulator-routes.ts';
import type { RouteResponse } from './emulator-routes.ts';
import type { EmulatorState, RepoEntry } from './emulator-state.ts';
import { renderLabel } from './render-repository.ts';
import {
  WriteRequestError,
  addLabelsBodySchema,
  commentBodySchema,
  createIssueBodySchema,
  lockBodySchema,
  parseWriteBody,
  updateIssueBodySchema,
} from './write-request.schema.ts';

export interface WriteContext {
  state: EmulatorState;
  url: URL;
  method: string;
  /** The request body as received. */
  body: string;
  /** Login of the token's user: the author of what is created. */
  actor: string;
  now: string;
}

interface Resolved {
  ctx: WriteContext;
  entry: RepoEntry;
  target: MutationTarget;
}

const REPO = String.raw`^/(?:repos/[^/]+/[^/]+|repositories/\d+)/issues`;
const WRITE_ROUTES: [string, RegExp][] = [
  ['POST', new RegExp(`${REPO}$`)],
  ['PATCH', new RegExp(String.raw`${REPO}/\d+$`)],
  ['POST', new RegExp(String.raw`${REPO}/\d+/(?:labels|comments)$`)],
  ['DELETE', new RegExp(String.raw`${REPO}/\d+/labels/[^/]+$`)],
  ['PATCH', new RegExp(String.raw`${REPO}/comments/\d+$`)],
  ['DELETE', new RegExp(String.raw`${REPO}/comments/\d+$`)],
  ['PUT', new RegExp(String.raw`${REPO}/\d+/lock$`)],
  ['DELETE', new RegExp(String.raw`${REPO}/\d+/lock$`)],
];

/** Whether a method and path name a write route (else GitHub answers 404 before asking for auth). */
export function isWriteRoute(method: string | undefined, pathname: string): boolean {
  return WRITE_ROUTES.some(([m, re]) => m === method && re.test(pathname));
}

function json(status: number, value: unknown, location?: string): RouteResponse {
  return { status, body: JSON.stringify(value), ...(location ? { headers: { location } } : {}) };
}

const NO_CONTENT: RouteResponse = { status: 204, body: '' };

/** GitHub's author_association of a login in a repository, as far as the emulator can tell. */
function associationOf(state: EmulatorState, entry: RepoEntry, login: string): AuthorAssociation {
  if (login.toLowerCase() === entry.repo.owner.toLowerCase()) return 'OWNER';
  return login.toLowerCase() === state.viewer.toLowerCase() ? 'MEMBER' : 'NONE';
}

/** Label names of a body, each the repository's label (created when new), without repeats. */
function labelNames(r: Resolved, items: (string | { name?: string | undefined })[]): string[] {
  const out = new Map<string, string>();
  for (const item of items) {
    const name = typeof item === 'string' ? item : item.name;
    if (name === undefined || name.trim() === '') continue;
    const label = r.ctx.state.ensureLabel(r.entry, name.trim());
    out.set(label.name.toLowerCase(), label.name);
  }
  return [...out.values()];
}

function assigneeLogins(r: Resolved, logins: string[]): string[] {
  const out: string[] = [];
  for (const login of logins) {
    const user = r.ctx.state.users.get(login.toLowerCase());
    if (!user)
      throw WriteRequestError.validation({
        value: login,
        resource: 'Issue',
        field: 'assignees',
        code: 'invalid',
      });
    if (!out.includes(user.login)) out.push(user.login);
  }
  return out;
}

function milestoneNumber(r: Resolved, value: string | number | null): number | null {
  if (value === null) return null;
  const number = Number(value);
  if (!Number.isInteger(number) || !r.entry.milestones.has(number)) {
    throw WriteRequestError.validation({ value, resource: 'Issue', field: 'milestone', code: 'invalid' });
  }
  return number;
}

function body<T>(r: Resolved, schema: z.ZodType<T>, emptyAs?: unknown): T {
  return parseWriteBody(r.ctx.body, schema, emptyAs);
}

function createIssueRoute(r: Resolved): RouteResponse {
  const input = body(r, createIssueBodySchema);
  const title = String(input.title);
  if (title.trim() === '')
    throw WriteRequestError.validation({ resource: 'Issue', field: 'title', code: 'missing_field' });
  const logins = input.assignees ?? (input.assignee ? [input.assignee] : []);
  const issue = createIssue(r.ctx.state, r.target, {
    title,
    user: r.ctx.actor,
    body: input.body ?? null,
    labels: labelNames(r, input.labels ?? []),
    assignees: assigneeLogins(r, logins),
    milestone: milestoneNumber(r, input.milestone ?? null),
    authorAssociation: associationOf(r.ctx.state, r.entry, r.ctx.actor),
  });
  const rendered = r.ctx.state.issueObject(issue, { single: true });
  return json(201, rendered, String(rendered.url));
}

function issuePatch(r: Resolved, issue: DatasetIssue): IssuePatch {
  const input = body(r, updateIssueBodySchema);
  const patch: IssuePatch = {};
  if (input.title !== undefined && input.title !== null) patch.title = String(input.title);
  if (input.body !== undefined) patch.body = input.body;
  if (input.state !== undefined && input.state !== issue.state) {
    const reason = input.state_reason ?? null;
    if (input.state === 'closed' && reason === 'reopened') {
      throw WriteRequestError.validation({
        value: reason,
        resource: 'Issue',
        field: 'state_reason',
        code: 'invalid',
      });
    }
    patch.state = input.state;
    if (reason !== null) patch.stateReason = reason;
  }
  if (input.labels !== undefined) patch.labels = labelNames(r, input.labels);
  const logins =
    input.assignees?.map((a) => (typeof a === 'string' ? a : (a.login ?? ''))) ??
    (input.assignee !== undefined ? (input.assignee ? [input.assignee] : []) : undefined);
  if (logins !== undefined)
    patch.assignees = assigneeLogins(
      r,
      logins.filter((l) => l !== ''),
    );
  if (input.milestone !== undefined) patch.milestone = milestoneNumber(r, input.milestone);
  return patch;
}

function labelsOf(r: Resolved, issue: DatasetIssue): RouteResponse {
  const labels = issue.labels.flatMap((name) => {
    const label = r.entry.labels.get(name.toLowerCase());
    return label ? [renderLabel(label, r.ctx.state.urls)] : [];
  });
  return json(200, labels);
}

function issueRoutes(r: Resolved, number: number, rest: string[]): RouteResponse {
  const { method } = r.ctx;
  const issue = r.entry.index.issues.get(number);
  if (!issue) return r.entry.deletedIssues.has(number) ? ISSUE_GONE : NOT_FOUND;
  const target = { ...r.target, number };
  const [sub, name, ...extra] = rest;
  if (extra.length > 0) return NOT_FOUND;
  if (sub === undefined && name === undefined && method === 'PATCH') {
    updateIssue(r.ctx.state, target, issuePatch(r, issue));
    return json(200, r.ctx.state.issueObject(issue, { single: true }));
  }
  if (sub === 'labels' && name === undefined && method === 'POST') {
    // GitHub also takes the bare array its docs mention; the description only has {"labels": […]}.
    const text = r.ctx.body.trim();
    const input = text.startsWith('[')
      ? body({ ...r, ctx: { ...r.ctx, body: `{"labels":${text}}` } }, addLabelsBodySchema)
      : body(r, addLabelsBodySchema);
    const added = labelNames(r, input.labels ?? []);
    const have = new Set(issue.labels.map((l) => l.toLowerCase()));
    const fresh = added.filter((l) => !have.has(l.toLowerCase()));
    if (fresh.length > 0) updateIssue(r.ctx.state, target, { labels: [...issue.labels, ...fresh] });
    return labelsOf(r, issue);
  }
  if (sub === 'labels' && name !== undefined && method === 'DELETE') {
    if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) {
      return json(404, {
        message: 'Label does not exist',
        documentation_url: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
      });
    }
    updateIssue(r.ctx.state, target, {
      labels: issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase()),
    });
    return labelsOf(r, issue);
  }
  if (sub === 'comments' && name === undefined && method === 'POST') {
    const input = body(r, commentBodySchema);
    if (input.body.trim() === '')
      throw WriteRequestError.validation({ resource: 'IssueComment', field: 'body', code: 'missing_field' });
    const comment = addComment(r.ctx.state, target, {
      user: r.ctx.actor,
      body: input.body,
      authorAssociation: associationOf(r.ctx.state, r.entry, r.ctx.actor),
    });
    const rendered = r.ctx.state.commentObject(r.entry, comment);
    return json(201, rendered, String(rendered.url));
  }
  if (sub === 'lock' && name === undefined && (method === 'PUT' || method === 'DELETE')) {
    if (method === 'PUT') {
      const input = body(r, lockBodySchema);
      if (!issue.locked)
        updateIssue(r.ctx.state, target, { locked: true, activeLockReason: input?.lock_reason ?? null });
    } else if (issue.locked) {
      updateIssue(r.ctx.state, target, { locked: false });
    }
    return NO_CONTENT;
  }
  return NOT_FOUND;
}

function commentRoutes(r: Resolved, id: number): RouteResponse {
  findComment(r.ctx.state, r.entry.fullName, id);
  const target = { ...r.target, id };
  if (r.ctx.method === 'PATCH') {
    const input = body(r, commentBodySchema);
    if (input.body.trim() === '')
      throw WriteRequestError.validation({ resource: 'IssueComment', field: 'body', code: 'missing_field' });
    return json(200, r.ctx.state.commentObject(r.entry, editComment(r.ctx.state, target, input.body)));
  }
  if (r.ctx.method === 'DELETE') {
    deleteComment(r.ctx.state, target);
    return NO_CONTENT;
  }
  return NOT_FOUND;
}

function repoWrite(r: Resolved, rest: string[]): RouteResponse {
  const [head, a, ...tail] = rest;
  if (head !== 'issues') return NOT_FOUND;
  if (a === undefined) return r.ctx.method === 'POST' ? createIssueRoute(r) : NOT_FOUND;
  if (a === 'comments') {
    const [id, ...extra] = tail;
    return id !== undefined && /^\d+$/.test(id) && extra.length === 0
      ? commentRoutes(r, Number(id))
      : NOT_FOUND;
  }
  return /^\d+$/.test(a) ? issueRoutes(r, Number(a), tail) : NOT_FOUND;
}

/**
 * Dispatches a POST, PATCH, PUT or DELETE on /repos/{owner}/{repo}/… or /repositories/{id}/….
 * Throws WriteRequestError for a body GitHub would refuse, EmulatorTargetNotFoundError for an
 * unknown comment; the transport turns both into answers.
 */
export function routeWrite(ctx: WriteContext): RouteResponse {
  const parts = ctx.url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  const [a, b, c, ...rest] = parts;
  let entry: RepoEntry | undefined;
  let tail: string[] = [];
  if (a === 'repos' && b && c) {
    entry = ctx.state.repo(`${b}/${c}`);
    tail = rest;
  } else if (a === 'repositories' && b && /^\d+$/.test(b)) {
    entry = ctx.state.repoById(Number(b));
    tail = c === undefined ? [] : [c, ...rest];
  }
  if (!entry) return NOT_FOUND;
  return repoWrite({ ctx, entry, target: { repo: entry.fullName, now: ctx.now, actor: ctx.actor } }, tail);
}
