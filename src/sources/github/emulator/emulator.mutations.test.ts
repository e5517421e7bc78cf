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
    const since = (await json(`/repos/${TEST_REPO}/issues?since=2024-07-01T00:00:00Z&state=all`)) as Record<string, unknown>[];
    expect(since.map((i) => i.number)).toEqual([7]);
    expect(since[0]).toMatchObject({ title: 'Renamed', updated_at: '2024-07-01T12:00:00Z', labels: [{ name: 'bug' }] });
  });

  it('closing and reopening maintain closed_at, closed_by and state_reason', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-07-01T00:00:00Z' });
    emulator.updateIssue(TEST_REPO, 1, { state: 'closed', stateReason: 'not_planned' });
    expect(await json(`/repos/${TEST_REPO}/issues/1`)).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: '2024-07-01T00:00:00Z', closed_by: { login: 'alice' } });
    emulator.advanceClock(3_600_000);
    emulator.updateIssue(TEST_REPO, 1, { state: 'open' });
    expect(await json(`/repos/${TEST_REPO}/issues/1`)).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, updated_at: '2024-07-01T01:00:00Z' });
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
    const recent = (await json(`/repos/${TEST_REPO}/issues/comments?since=2024-07-31T00:00:00Z`)) as { id: number }[];
    expect(recent.map((c) => c.id)).toEqual([comment.id]);
  });

  it('createIssue opens the next number, newest first in the default listing', async () => {
    emulator = await startGitHubEmulator({ dataset: testDataset(), clock: '2024-09-01T00:00:00Z' });
    const created = emulator.createIssue(TEST_REPO, { title: 'Brand new', user: 'bob', labels: ['bug'], pullRequest: { draft: true } });
    expect(created.number).toBe(26);
    const list = (await json(`/repos/${TEST_REPO}/issues`)) as Record<string, unknown>[];
    expect(list[0]).toMatchObject({ number: 26, title: 'Brand new', draft: true, created_at: '2024-09-01T00:00:00Z', pull_request: { merged_at: null } });
    expect(() => emulator!.createIssue('acme/nope', { title: 'x', user: 'bob' })).toThrow(/no repository/);
    expect(() => emulator!.updateIssue(TEST_REPO, 999, { title: 'x' })).toThrow(/no issue/);
  });
});
