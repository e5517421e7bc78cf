import type { Issue } from '../src/core/issue.ts';

/**
 * An issue as a source would map it, for tests: an open issue by alice in `repo`, with `fields` laid
 * over it.
 */
export function testIssue(number: number, fields: Partial<Issue> = {}, repo = 'octo/client'): Issue {
  return {
    source: 'github',
    repo,
    number,
    externalId: String(number),
    url: null,
    title: '',
    body: '',
    state: 'open',
    stateReason: null,
    isPullRequest: false,
    mergedAt: null,
    labels: [],
    author: 'alice',
    authorAssociation: 'NONE',
    assignees: [],
    milestone: null,
    commentsCount: 0,
    reactionsCount: 0,
    createdAt: '2024-03-01T09:00:00.000Z',
    updatedAt: '2024-03-01T09:00:00.000Z',
    closedAt: null,
    ...fields,
  };
}
