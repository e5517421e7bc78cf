/**
 * GitHub's writes (github-writer.ts) against the emulator: each maps GitHub's answer like a read,
 * leaves the emulator in the state GitHub would be in, sends bodies GitHub's OpenAPI request schemas
 * accept, and turns refusals into LoupeErrors that say what to fix. A create is never repeated after
 * a 5xx; a change is.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import subset from '../../../generated/github-openapi-subset.json' with { type: 'json' };
import { LoupeError } from '../../core/errors.ts';
import { TEST_REPO, testDataset } from '../../emulators/github/test-dataset.fixture.ts';
import {
  compileSubsetValidators,
  type GitHubSubsetDocument,
} from '../../emulators/github/openapi-validator.ts';
import {
  SERVED_ROUTES,
  routeKey,
  startGitHubEmulator,
  type GitHubEmulator,
} from '../../emulators/github/index.ts';
import type { ContainerRef, Source } from '../source.ts';
import { createGitHubClient } from './github-client.ts';
import { createGitHubSource } from './github.source.ts';

const { requests: requestValidators } = compileSubsetValidators(subset as unknown as GitHubSubsetDocument);

/** "POST /repos/{owner}/{repo}/issues" for a concrete method and path, by matching the templates. */
function routeOf(method: string, path: string): string | undefined {
  const route = SERVED_ROUTES.find(
    (r) =>
      r.method.toUpperCase() === method &&
      new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  return route ? routeKey(route) : undefined;
}

let emulator: GitHubEmulator;
let source: Source;
let ref: ContainerRef;
/** Every body Loupe sent to the emulator, with the route it was for. */
const sent: { route: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    dataset: testDataset(),
    clock: '2024-06-01T00:00:00Z',
    contentLimits: { perMinute: 1000, perHour: 1000 },
  });
  const client = createGitHubClient({
    token: 'writer-token',
    apiUrl: emulator.url,
    retryBaseMs: 1,
    maxRateLimitWaitSeconds: 1,
    paceWrites: false,
  });
  source = createGitHubSource({ clientFor: () => client });
  ref = { kind: 'github', apiUrl: emulator.url, key: TEST_REPO };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.origin === emulator.url && init?.body)
      sent.push({ route: routeOf(init.method ?? 'GET', url.pathname), body: JSON.parse(String(init.body)) });
    return realFetch(input, init);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await emulator.close();
});
afterEach(() => emulator.clearFaults());

const writer = () => source.writer!;
const stateOf = (number: number) =>
  emulator.snapshotState(TEST_REPO)!.repos[0]!.issues.find((i) => i.number === number);

describe('GitHub as a source declares and performs writes', () => {
  it('declares every write capability and a writer', () => {
    expect(source.capabilities).toEqual({
      createItem: true,
      updateItem: true,
      comment: true,
      label: true,
      setState: true,
    });
    expect(source.writer).toBeDefined();
  });

  it('opens an issue, comments, closes it with a reason, labels and unlabels it, and reassigns it', async () => {
    const created = await writer().createItem(ref, {
      title: 'Parser crashes on empty input',
      body: 'Steps: parse ""',
      labels: ['bug'],
      assignees: ['bob'],
    });
    expect(created).toMatchObject({
      source: 'github',
      repo: TEST_REPO,
      number: 26,
      title: 'Parser crashes on empty input',
      state: 'open',
      author: 'alice',
      assignees: ['bob'],
      labels: [{ name: 'bug', color: 'd73a4a' }],
    });
    const comment = await writer().comment(ref, '#26', 'Reproduced on 1.2');
    expect(comment).toMatchObject({ issueNumber: 26, body: 'Reproduced on 1.2', author: 'alice' });
    const closed = await writer().updateItem(ref, '#26', { state: 'closed', stateReason: 'not_planned' });
    expect(closed).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
      commentsCount: 1,
      closedAt: '2024-06-01T00:00:00Z',
    });
    expect((await writer().addLabels(ref, '26', ['wontfix', 'area/ui'])).map((l) => l.name)).toEqual([
      'bug',
      'wontfix',
      'area/ui',
    ]);
    expect(await writer().removeLabel(ref, '#26', 'area/ui')).toEqual([
      { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
      { name: 'wontfix', color: 'ededed', description: null },
    ]);
    const changed = await writer().updateItem(ref, '#26', {
      title: 'Parser crashes on empty input (1.2)',
      state: 'open',
      labels: ['bug'],
      assignees: [],
    });
    expect(changed).toMatchObject({
      title: 'Parser crashes on empty input (1.2)',
      state: 'open',
      stateReason: 'reopened',
      assignees: [],
      labels: [{ name: 'bug' }],
    });
    expect(stateOf(26)).toMatchObject({
      title: 'Parser crashes on empty input (1.2)',
      state: 'open',
      labels: ['bug'],
      assignees: [],
      commentsCount: 1,
    });
    expect(
      emulator
        .snapshotState(TEST_REPO)!
        .repos[0]!.comments.filter((c) => c.issueNumber === 26)
        .map((c) => c.body),
    ).toEqual(['Reproduced on 1.2']);
  });

  it("sent only bodies that GitHub's OpenAPI request schemas accept", () => {
    expect(sent).toHaveLength(5);
    const problems = sent.flatMap(({ route, body }) => {
      const validate = route ? requestValidators.get(route) : undefined;
      if (!validate) return [`no request schema for ${route ?? 'an unknown route'}`];
      return validate(body) ? [] : [`${route}: ${JSON.stringify(validate.errors)}`];
    });
    expect(problems).toEqual([]);
    expect(new Set(sent.map((s) => s.route))).toEqual(
      new Set([
        'POST /repos/{owner}/{repo}/issues',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      ]),
    );
  });
});

describe('refusals and failures', () => {
  async function failure(promise: Promise<unknown>): Promise<LoupeError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoupeError);
    return error as LoupeError;
  }

  it('says what GitHub refused, and where', async () => {
    const invalid = await failure(writer().updateItem(ref, '#1', { assignees: ['nobody-at-all'] }));
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.message).toMatch(/GitHub refused changing acme\/widgets#1 \(422\)/);
    expect(invalid.details).toEqual({
      errors: [{ value: 'nobody-at-all', resource: 'Issue', field: 'assignees', code: 'invalid' }],
    });
    expect((await failure(writer().comment(ref, '#999', 'x'))).code).toBe('NOT_FOUND');
    emulator.deleteIssue(TEST_REPO, 3);
    expect((await failure(writer().addLabels(ref, '#3', ['bug']))).message).toMatch(/answered 410/);
    expect((await failure(writer().removeLabel(ref, '#1', 'not-on-it'))).code).toBe('NOT_FOUND');
    expect((await failure(writer().updateItem(ref, 'HADOOP-1', {}))).code).toBe('INVALID_INPUT');
  });

  it('needs a token: without one GitHub answers 401', async () => {
    const anonymous = createGitHubSource({
      clientFor: () => createGitHubClient({ token: null, apiUrl: emulator.url, paceWrites: false }),
    });
    expect((await failure(anonymous.writer!.comment(ref, '#1', 'x'))).code).toBe('SOURCE_AUTH_FAILED');
  });

  it('does not repeat a create after a 502 (GitHub may have made it), but repeats a change', async () => {
    emulator.injectFault({ kind: 'status', status: 502, method: 'POST', path: `/repos/${TEST_REPO}/issues` });
    emulator.resetRequestLog();
    expect((await failure(writer().createItem(ref, { title: 'Once' }))).code).toBe('SOURCE_UNAVAILABLE');
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    emulator.injectFault({
      kind: 'status',
      status: 502,
      method: 'PATCH',
      path: `/repos/${TEST_REPO}/issues/1`,
    });
    emulator.resetRequestLog();
    expect(await writer().updateItem(ref, '#1', { title: 'Twice is fine' })).toMatchObject({
      title: 'Twice is fine',
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PATCH 502', 'PATCH 200']);
  });

  it("reports GitHub's secondary limit on creating content as RATE_LIMITED once waiting is not allowed", async () => {
    const limited = await startGitHubEmulator({
      dataset: testDataset(),
      contentLimits: { perMinute: 1, perHour: 10 },
    });
    try {
      const client = createGitHubClient({
        token: 't',
        apiUrl: limited.url,
        retryBaseMs: 1,
        maxRateLimitWaitSeconds: 0,
        paceWrites: false,
      });
      const github = createGitHubSource({ clientFor: () => client });
      const there = { ...ref, apiUrl: limited.url };
      await github.writer!.comment(there, '#1', 'first');
      const error = await failure(github.writer!.comment(there, '#1', 'second'));
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.message).toMatch(
        /^GitHub secondary rate limit while commenting on acme\/widgets#1\. It asked to wait \d+ s \(retry-after\)\. Nothing was written: try again then\.$/,
      );
      expect(limited.snapshotState()!.repos[0]!.comments.map((c) => c.body)).not.toContain('second');
    } finally {
      await limited.close();
    }
  });
});
