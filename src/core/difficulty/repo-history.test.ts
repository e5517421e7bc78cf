import { describe, expect, it } from 'vitest';
import type { PastIssue } from './difficulty.types.ts';
import { median, summariseRepoHistory } from './repo-history.ts';

function past(overrides: Partial<PastIssue> & { createdAt: string }): PastIssue {
  return { title: 't', body: '', labels: [], commentsCount: 0, ...overrides };
}

const ISSUES: PastIssue[] = [
  past({
    createdAt: '2024-01-01T00:00:00Z',
    closedAt: '2024-01-03T00:00:00Z',
    labels: ['docs'],
    closedByMaintainer: true,
  }),
  past({
    createdAt: '2024-01-01T00:00:00Z',
    closedAt: '2024-01-05T00:00:00Z',
    labels: ['docs', 'good first issue'],
    closedByMaintainer: false,
  }),
  past({
    createdAt: '2024-01-01T00:00:00Z',
    closedAt: '2024-03-01T00:00:00Z',
    labels: ['bug'],
    closedByMaintainer: true,
  }),
  past({ createdAt: '2022-01-01T00:00:00Z', labels: ['bug'] }),
  past({
    createdAt: '2024-02-01T00:00:00Z',
    isPullRequest: true,
    mergedAt: '2024-02-02T00:00:00Z',
    authorAssociation: 'CONTRIBUTOR',
  }),
  past({
    createdAt: '2024-02-01T00:00:00Z',
    isPullRequest: true,
    mergedAt: '2024-02-03T00:00:00Z',
    authorAssociation: 'MEMBER',
  }),
  past({ createdAt: '2024-02-01T00:00:00Z', isPullRequest: true, mergedAt: null, authorAssociation: 'NONE' }),
];

describe('summariseRepoHistory', () => {
  it('summarises close times, closers, merges and backlog', () => {
    const history = summariseRepoHistory(ISSUES);
    expect(history.issueCount).toBe(4);
    expect(history.closedIssueCount).toBe(3);
    expect(history.medianDaysToClose).toBe(4);
    expect(history.closedByMaintainerShare).toBeCloseTo(2 / 3);
    expect(history.mergedPullRequestCount).toBe(2);
    expect(history.newcomerMergedShare).toBe(0.5);
    expect(history.staleOpenShare).toBe(1);
    expect(history.labels.docs).toEqual({
      closedCount: 2,
      medianDaysToClose: 3,
      closedByMaintainerShare: 0.5,
    });
    expect(history.labels.bug?.medianDaysToClose).toBe(60);
  });

  it('never lists good-first-issue labels', () => {
    expect(Object.keys(summariseRepoHistory(ISSUES).labels)).not.toContain('good first issue');
  });

  it('with asOf, ignores later issues, closures and merges', () => {
    const history = summariseRepoHistory(ISSUES, { asOf: '2024-02-01T00:00:00Z' });
    expect(history.issueCount).toBe(4);
    expect(history.closedIssueCount).toBe(2);
    expect(history.labels.bug).toBeUndefined();
    expect(history.mergedPullRequestCount).toBe(0);
    expect(history.newcomerMergedShare).toBeNull();
    expect(history.asOf).toBe('2024-02-01T00:00:00Z');
  });

  it('is empty but well-formed without data', () => {
    const history = summariseRepoHistory([]);
    expect(history.medianDaysToClose).toBeNull();
    expect(history.closedByMaintainerShare).toBeNull();
    expect(history.labels).toEqual({});
  });
});

describe('median', () => {
  it('handles odd and even lengths', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
