import { describe, expect, it } from 'vitest';
import type { PastIssue } from './difficulty.types.ts';
import { summariseRepoHistory } from './repo-history.ts';

function past(createdAt: string, labels: string[] = [], isPullRequest = false): PastIssue {
  return { title: 't', body: '', labels, commentsCount: 0, createdAt, isPullRequest };
}

const ISSUES: PastIssue[] = [
  past('2023-01-10T00:00:00Z', ['good first issue']),
  past('2023-11-01T00:00:00Z', ['beginner']),
  past('2024-01-20T00:00:00Z', ['bug']),
  past('2024-02-01T00:00:00Z', ['Good First Issue', 'docs']),
  past('2024-02-15T00:00:00Z', ['good first issue'], true),
  past('2024-03-20T00:00:00Z', ['good first issue']),
];

describe('gfiActivity (summariseRepoHistory)', () => {
  it('counts good-first-issue-labelled issues (synonyms too, not pull requests) created before asOf', () => {
    const activity = summariseRepoHistory(ISSUES, { asOf: '2024-03-01T00:00:00Z' }).gfiActivity!;
    // 2024-02-01 is within 90 days; 2023-11-01 and 2024-02-01 within 365; 2024-03-20 is after asOf.
    expect(activity.last90Days).toBe(1);
    expect(activity.last365Days).toBe(2);
    expect(activity.issuesLast365Days).toBe(3);
    expect(activity.daysSinceLast).toBeCloseTo(29, 5);
  });

  it('reports no activity before the first labelled issue', () => {
    const activity = summariseRepoHistory(ISSUES, { asOf: '2023-01-01T00:00:00Z' }).gfiActivity!;
    expect(activity).toEqual({
      last90Days: 0,
      last365Days: 0,
      issuesLast365Days: 0,
      daysSinceLast: null,
      // The data's clock the counts are taken at, said in the reasons instead of "ago".
      asOf: '2023-01-01T00:00:00.000Z',
    });
  });
});
