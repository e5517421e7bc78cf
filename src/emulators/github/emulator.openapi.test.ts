/**
 * Every JSON body the emulator serves must validate against GitHub's own OpenAPI schemas (the
 * committed subset in generated/github-openapi-subset.json), across all routes, pages and the
 * interesting issue kinds: pull requests (merged and not), duplicates, milestones, assignees. Every
 * write route is called with a body the subset's request schema accepts, answers the status the
 * description gives, and its answer validates too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import subset from '../../../generated/github-openapi-subset.json' with { type: 'json' };
import { generateDemoDataset } from './demo-dataset.generator.ts';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
import { compileSubsetValidators } from './openapi-validator.ts';
import type { GitHubSubsetDocument } from './openapi-validator.ts';
import { SERVED_ROUTES, routeKey } from './served-routes.ts';

const document = subset as unknown as GitHubSubsetDocument;
const { responses: validators, requests: requestValidators } = compileSubsetValidators(document);
const dataset = generateDemoDataset({ seed: 7, repos: 6, issuesPerRepo: 120 });
let emulator: GitHubEmulator;
const violations: string[] = [];
const checked = new Map<string, number>();
const seenIssues: Record<string, unknown>[] = [];

async function check(route: string, path: string): Promise<unknown> {
  const res = await fetch(`${emulator.url}${path}`, { headers: { authorization: 'token demo' } });
  expect(res.status, `${path}`).toBe(200);
  const body: unknown = await res.json();
  const validate = validators.get(route);
  if (!validate) throw new Error(`no schema for ${route}`);
  if (!validate(body)) violations.push(`${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  checked.set(route, (checked.get(route) ?? 0) + 1);
  return body;
}

/** A write with a body the description accepts; its status and answer must match the description. */
async function checkWrite(route: string, path: string, body?: unknown): Promise<unknown> {
  const [method] = route.split(' ');
  if (body !== undefined) {
    const validateRequest = requestValidators.get(route);
    if (!validateRequest) throw new Error(`no request schema for ${route}`);
    if (!validateRequest(body))
      violations.push(`request ${route}: ${JSON.stringify(validateRequest.errors?.slice(0, 3))}`);
  }
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: 'token demo', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(document.statuses[route]);
  checked.set(route, (checked.get(route) ?? 0) + 1);
  if (res.status === 204) {
    expect(text).toBe('');
    return null;
  }
  const answer: unknown = JSON.parse(text);
  const validate = validators.get(route);
  if (!validate) throw new Error(`no schema for ${route}`);
  if (!validate(answer))
    violations.push(`${method} ${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  return answer;
}

/** Every write route once, on the first repository, the way automation would use them. */
async function checkWrites(full: string): Promise<void> {
  const milestone = dataset.milestones.find((m) => m.repo === full);
  const assignee = dataset.users.find((u) => u.type === 'User')!.login;
  const created = (await checkWrite('POST /repos/{owner}/{repo}/issues', `/repos/${full}/issues`, {
    title: 'Crash on start',
    body: 'Steps: start it.',
    labels: ['bug', { name: 'brand-new label' }],
    assignees: [assignee],
    ...(milestone ? { milestone: milestone.number } : {}),
  })) as { number: number };
  const n = created.number;
  await checkWrite('PATCH /repos/{owner}/{repo}/issues/{issue_number}', `/repos/${full}/issues/${n}`, {
    title: 'Crash on start (v2)',
    state: 'closed',
    state_reason: 'not_planned',
    labels: ['bug'],
    assignees: [],
    milestone: null,
  });
  await checkWrite('PATCH /repos/{owner}/{repo}/issues/{issue_number}', `/repos/${full}/issues/${n}`, {
    state: 'open',
  });
  await checkWrite(
    'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    `/repos/${full}/issues/${n}/labels`,
    { labels: ['documentation', 'needs triage'] },
  );
  await checkWrite(
    'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    `/repos/${full}/issues/${n}/labels/bug`,
  );
  const comment = (await checkWrite(
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    `/repos/${full}/issues/${n}/comments`,
    { body: 'Me too' },
  )) as { id: number };
  await checkWrite(
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    `/repos/${full}/issues/comments/${comment.id}`,
    { body: 'Me too, on 1.2' },
  );
  await checkWrite(
    'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    `/repos/${full}/issues/comments/${comment.id}`,
  );
  await checkWrite(
    'PUT /repos/{owner}/{repo}/issues/{issue_number}/lock',
    `/repos/${full}/issues/${n}/lock`,
    { lock_reason: 'too heated' },
  );
  await checkWrite(
    'DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock',
    `/repos/${full}/issues/${n}/lock`,
  );
  // The issue as reads now show it still validates, and shows the writes.
  const after = (await check(
    'GET /repos/{owner}/{repo}/issues/{issue_number}',
    `/repos/${full}/issues/${n}`,
  )) as Record<string, unknown>;
  expect(after).toMatchObject({
    title: 'Crash on start (v2)',
    state: 'open',
    state_reason: 'reopened',
    locked: false,
    comments: 0,
  });
  expect((after.labels as { name: string }[]).map((l) => l.name).sort()).toEqual([
    'documentation',
    'needs triage',
  ]);
}

async function checkAllPages(route: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; page < 100; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const body = (await check(route, `${path}${sep}per_page=100&page=${page}`)) as unknown[];
    items.push(...body);
    if (body.length < 100) break;
  }
  return items;
}

beforeAll(async () => {
  emulator = await startGitHubEmulator({ dataset });
  for (const repo of dataset.repos) {
    const full = `${repo.owner}/${repo.name}`;
    await check('GET /repos/{owner}/{repo}', `/repos/${full}`);
    await check('GET /repos/{owner}/{repo}/labels', `/repos/${full}/labels?per_page=5&page=2`);
    await check('GET /repos/{owner}/{repo}/issues', `/repos/${full}/issues`);
    const issues = (await checkAllPages(
      'GET /repos/{owner}/{repo}/issues',
      `/repos/${full}/issues?state=all&sort=updated`,
    )) as Record<string, unknown>[];
    seenIssues.push(...issues);
    await checkAllPages(
      'GET /repos/{owner}/{repo}/issues/comments',
      `/repos/${full}/issues/comments?sort=updated&direction=desc`,
    );
    for (const issue of issues.slice(0, 40)) {
      await check(
        'GET /repos/{owner}/{repo}/issues/{issue_number}',
        `/repos/${full}/issues/${String(issue.number)}`,
      );
      await check(
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        `/repos/${full}/issues/${String(issue.number)}/comments`,
      );
    }
  }
  await checkAllPages('GET /orgs/{org}/repos', '/orgs/loupe-demo/repos');
  await check('GET /users/{username}/repos', '/users/loupe-demo/repos?per_page=2');
  await check('GET /user', '/user');
  await check('GET /rate_limit', '/rate_limit');
  await checkWrites(`${dataset.repos[0]!.owner}/${dataset.repos[0]!.name}`);
});

afterAll(async () => {
  await emulator?.close();
});

describe('emulator responses conform to GitHub OpenAPI schemas', () => {
  it('has no schema violations on any served route', () => {
    expect(violations.length, violations.slice(0, 5).join('\n')).toBe(0);
    for (const route of SERVED_ROUTES)
      expect(checked.get(routeKey(route)) ?? 0, routeKey(route)).toBeGreaterThan(0);
  });

  it('covered the interesting issue shapes', () => {
    const pr = (i: Record<string, unknown>) => i.pull_request as { merged_at: string | null } | undefined;
    expect(seenIssues.some((i) => pr(i)?.merged_at)).toBe(true);
    expect(seenIssues.some((i) => pr(i) && !pr(i)?.merged_at && i.state === 'closed')).toBe(true);
    expect(seenIssues.some((i) => i.state_reason === 'duplicate')).toBe(true);
    expect(seenIssues.some((i) => i.milestone !== null)).toBe(true);
    expect(seenIssues.some((i) => (i.assignees as unknown[]).length > 0)).toBe(true);
    expect(seenIssues.some((i) => i.locked === true)).toBe(true);
  });

  it('rejects a body that breaks the schema (validation is not vacuous)', () => {
    const validate = validators.get('GET /repos/{owner}/{repo}/issues/{issue_number}')!;
    const issue = { ...seenIssues[0] };
    delete issue.node_id;
    expect(validate(issue)).toBe(false);
    expect(validate({ ...seenIssues[0], state_reason: 'fixed' })).toBe(false);
    expect(validate({ ...seenIssues[0], closed_at: 'yesterday' })).toBe(false);
    expect(validate({ ...seenIssues[0], milestone: null, user: null })).toBe(true);
  });
});
