/**
 * The emulator's write bodies (write-request.schema.ts) accept exactly what GitHub's OpenAPI
 * request schemas accept (generated/github-openapi-subset.json, `requestBodies`): for each case the
 * description's verdict is stated, checked with Ajv, and the emulator must agree — 2xx when the
 * schema accepts the body, 422 when it does not. The one deliberate difference, a bare array of
 * labels, is GitHub's documented behaviour and tested in emulator.writes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import subset from '../../../generated/github-openapi-subset.json' with { type: 'json' };
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
import { compileSubsetValidators } from './openapi-validator.ts';
import type { GitHubSubsetDocument } from './openapi-validator.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

const { requests } = compileSubsetValidators(subset as unknown as GitHubSubsetDocument);

interface Case {
  route: string;
  path: string;
  body: unknown;
  valid: boolean;
}

const issue = `/repos/${TEST_REPO}/issues`;
const CASES: Case[] = [
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: { title: 'x' }, valid: true },
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: { title: 5 }, valid: true },
  {
    route: 'POST /repos/{owner}/{repo}/issues',
    path: issue,
    body: {
      title: 'x',
      labels: ['bug', { name: 'new' }],
      assignees: ['bob'],
      milestone: '1',
      assignee: null,
    },
    valid: true,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues',
    path: issue,
    body: { title: 'x', milestone: null, type: null },
    valid: true,
  },
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: {}, valid: false },
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: { title: null }, valid: false },
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: { title: true }, valid: false },
  {
    route: 'POST /repos/{owner}/{repo}/issues',
    path: issue,
    body: { title: 'x', labels: 'bug' },
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues',
    path: issue,
    body: { title: 'x', assignees: [1] },
    valid: false,
  },
  { route: 'POST /repos/{owner}/{repo}/issues', path: issue, body: { title: 'x', body: 5 }, valid: false },
  { route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', path: `${issue}/1`, body: {}, valid: true },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/1`,
    body: { state: 'closed', state_reason: 'duplicate' },
    valid: true,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { title: null, body: null, milestone: 1 },
    valid: true,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { assignees: [{ login: 'bob' }], labels: [{ name: 'bug' }] },
    valid: true,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { state: 'done' },
    valid: false,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { state: 'closed', state_reason: 'fixed' },
    valid: false,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { labels: [3] },
    valid: false,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { milestone: true },
    valid: false,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    path: `${issue}/2`,
    body: { body: 4 },
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: { labels: ['bug'] },
    valid: true,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: { labels: [{ name: 'bug', confidence: 'high' }] },
    valid: true,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: {},
    valid: true,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: { labels: [] },
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: { labels: [{}] },
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    path: `${issue}/4/labels`,
    body: { labels: [{ name: 'bug', confidence: 'sure' }] },
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    path: `${issue}/4/comments`,
    body: { body: 'Me too' },
    valid: true,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    path: `${issue}/4/comments`,
    body: {},
    valid: false,
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    path: `${issue}/4/comments`,
    body: { body: 1 },
    valid: false,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    path: `${issue}/comments/901`,
    body: { body: 'Edited' },
    valid: true,
  },
  {
    route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    path: `${issue}/comments/901`,
    body: { text: 'Edited' },
    valid: false,
  },
  {
    route: 'PUT /repos/{owner}/{repo}/issues/{issue_number}/lock',
    path: `${issue}/7/lock`,
    body: { lock_reason: 'resolved' },
    valid: true,
  },
  {
    route: 'PUT /repos/{owner}/{repo}/issues/{issue_number}/lock',
    path: `${issue}/8/lock`,
    body: null,
    valid: true,
  },
  {
    route: 'PUT /repos/{owner}/{repo}/issues/{issue_number}/lock',
    path: `${issue}/9/lock`,
    body: { lock_reason: 'boring' },
    valid: false,
  },
];

let emulator: GitHubEmulator;

beforeAll(async () => {
  emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-06-01T00:00:00Z' });
});
afterAll(async () => {
  await emulator?.close();
});

describe("write bodies: the emulator agrees with GitHub's request schemas", () => {
  it('covers every write route that takes a body', () => {
    expect(new Set(CASES.map((c) => c.route))).toEqual(new Set(requests.keys()));
  });

  it.each(CASES.map((c) => [`${c.route} ${JSON.stringify(c.body)}`, c] as const))('%s', async (_name, c) => {
    const validate = requests.get(c.route)!;
    expect(validate(c.body), `the description's verdict: ${JSON.stringify(validate.errors)}`).toBe(c.valid);
    const res = await fetch(`${emulator.url}${c.path}`, {
      method: c.route.split(' ')[0],
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify(c.body),
    });
    const text = await res.text();
    if (c.valid) expect(res.status, text).toBeLessThan(300);
    else expect(res.status, text).toBe(422);
  });
});
