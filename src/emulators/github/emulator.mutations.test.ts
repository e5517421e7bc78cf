/**
 * Mutation helpers change the organisation as GitHub would, with timestamps from the controllable
 * clock, so an incremental sync (`since`) picks up exactly the changed issues.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator } from './emulator.server.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function json(path: string): Promise<unknown> {
  return (await fetch(`${emulator!.url}${path}`)).json();
}

describe('mutation helpers', () => {
  it('updateIssue bumps updated_at to the emulator clock and shows up in since queries', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset() });
    emulator.setClock('2024-07-01T12:00:00Z');
    emulator.updateIssue(TEST_REPO, 7, { title: 'Renamed', labels: ['bug'] });
    const since = (await json(`/repos/${TEST_REPO}/issues?since=2024-07-01T00:00:00Z&state=all`)) as Record<
      string,
      unknown
    >[];
    expect(since.map((i) => i.number)).toEqual([7]);
    expect(since[0]).toMatchObject({
      title: 'Renamed',
      updated_at: '2024-07-01T12:00:00Z',
      labels: [{ name: 'bug' }],
    });
  });

  it('closing and reopening maintain closed_at, closed_by and state_reason', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-07-01T00:00:00Z' });
    emulator.updateIssue(TEST_REPO, 1, { state: 'closed', stateReason: 'not_planned' });
    expect(await json(`/repos/${TEST_REPO}/issues/1`)).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2024-07-01T00:00:00Z',
      closed_by: { login: 'alice' },
    });
    emulator.advanceClock(3_600_000);
    emulator.updateIssue(TEST_REPO, 1, { state: 'open' });
    expect(await json(`/repos/${TEST_REPO}/issues/1`)).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null,
      updated_at: '2024-07-01T01:00:00Z',
    });
  });

  it('addComment adds the comment, bumps comments and updated_at', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-08-01T00:00:00Z' });
    const comment = emulator.addComment(TEST_REPO, 2, { user: 'newcomer', body: 'Me too' });
    expect(comment.id).toBeGreaterThan(903);
    const issue = (await json(`/repos/${TEST_REPO}/issues/2`)) as Record<string, unknown>;
    expect(issue).toMatchObject({ comments: 2, updated_at: '2024-08-01T00:00:00Z' });
    const comments = (await json(`/repos/${TEST_REPO}/issues/2/comments`)) as Record<string, unknown>[];
    expect(comments.map((c) => c.body)).toEqual(['Third', 'Me too']);
    expect(comments[1]).toMatchObject({ user: { login: 'newcomer' }, created_at: '2024-08-01T00:00:00Z' });
    const recent = (await json(`/repos/${TEST_REPO}/issues/comments?since=2024-07-31T00:00:00Z`)) as {
      id: number;
    }[];
    expect(recent.map((c) => c.id)).toEqual([comment.id]);
  });

  it('createIssue opens the next number, newest first in the default listing', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-09-01T00:00:00Z' });
    const created = emulator.createIssue(TEST_REPO, {
      title: 'Brand new',
      user: 'bob',
      labels: ['bug'],
      pullRequest: { draft: true },
    });
    expect(created.number).toBe(26);
    const list = (await json(`/repos/${TEST_REPO}/issues`)) as Record<string, unknown>[];
    expect(list[0]).toMatchObject({
      number: 26,
      title: 'Brand new',
      draft: true,
      created_at: '2024-09-01T00:00:00Z',
      pull_request: { merged_at: null },
    });
    expect(() => emulator!.createIssue('acme/nope', { title: 'x', user: 'bob' })).toThrow(/no repository/);
    expect(() => emulator!.updateIssue(TEST_REPO, 999, { title: 'x' })).toThrow(/no issue/);
  });
});

describe('deletions', () => {
  it('deleteIssue removes the issue and its comments from every route; GET answers 410', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-09-01T00:00:00Z' });
    const deleted = emulator.deleteIssue(TEST_REPO, 1);
    expect(deleted.number).toBe(1);
    const single = await fetch(`${emulator.url}/repos/${TEST_REPO}/issues/1`);
    expect(single.status).toBe(410);
    expect(await single.json()).toMatchObject({ message: 'This issue was deleted' });
    expect((await fetch(`${emulator.url}/repos/${TEST_REPO}/issues/1/comments`)).status).toBe(410);
    expect((await fetch(`${emulator.url}/repos/${TEST_REPO}/issues/999`)).status).toBe(404);
    const all = (await json(`/repos/${TEST_REPO}/issues?state=all&per_page=100`)) as { number: number }[];
    expect(all.map((i) => i.number)).not.toContain(1);
    expect(all).toHaveLength(24);
    const comments = (await json(`/repos/${TEST_REPO}/issues/comments`)) as { id: number }[];
    expect(comments.map((c) => c.id)).toEqual([903]);
    // The milestone of issue 1 counts one open issue fewer.
    expect(
      ((await json(`/repos/${TEST_REPO}/issues/2`)) as { milestone: { open_issues: number } }).milestone
        .open_issues,
    ).toBe(1);
    expect(() => emulator!.deleteIssue(TEST_REPO, 1)).toThrow(/no issue/);
  });

  it('does not reuse the number of a deleted issue', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-09-01T00:00:00Z' });
    emulator.deleteIssue(TEST_REPO, 25);
    expect(emulator.createIssue(TEST_REPO, { title: 'After', user: 'bob' }).number).toBe(26);
  });

  it('deleteComment lowers the count and, like GitHub, leaves updated_at unless asked', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-09-01T00:00:00Z' });
    const removed = emulator.deleteComment(TEST_REPO, 901);
    expect(removed).toMatchObject({ id: 901, issueNumber: 1 });
    const issue = (await json(`/repos/${TEST_REPO}/issues/1`)) as Record<string, unknown>;
    expect(issue).toMatchObject({ comments: 1, updated_at: '2024-04-09T00:00:00Z' });
    expect(
      ((await json(`/repos/${TEST_REPO}/issues/1/comments`)) as { id: number }[]).map((c) => c.id),
    ).toEqual([902]);
    emulator.deleteComment(TEST_REPO, 902, { touchIssue: true });
    expect(await json(`/repos/${TEST_REPO}/issues/1`)).toMatchObject({
      comments: 0,
      updated_at: '2024-09-01T00:00:00Z',
    });
    expect(() => emulator!.deleteComment(TEST_REPO, 901)).toThrow(/no comment 901/);
  });
});
