import { describe, expect, it } from 'vitest';
import type { IssueRecord } from '../sources/files/index.ts';
import { createGfiActivityIndex } from './gfi-activity-index.ts';

const record = (patch: Partial<IssueRecord>): IssueRecord => ({
  id: '1',
  repo: 'acme/app',
  title: 't',
  body: '',
  label: null,
  labels: [],
  createdAt: '2023-03-10T00:00:00.000Z',
  line: 1,
  ...patch,
});

describe('createGfiActivityIndex', () => {
  it("gives each issue its repository's good-first-issue activity before the first day of its month", () => {
    const index = createGfiActivityIndex();
    index.add(record({ labels: ['good first issue'], createdAt: '2023-02-01T00:00:00.000Z' }));
    index.add(record({ labels: ['beginner'], createdAt: '2023-02-20T00:00:00.000Z' }));
    index.add(
      record({ labels: ['good first issue'], createdAt: '2023-02-21T00:00:00.000Z', isPullRequest: true }),
    );
    index.add(record({ labels: ['good first issue'], createdAt: '2023-03-05T00:00:00.000Z' }));
    index.add(
      record({ repo: 'acme/other', labels: ['good first issue'], createdAt: '2023-02-01T00:00:00.000Z' }),
    );
    const march = index.historyFor(record({ createdAt: '2023-03-10T00:00:00.000Z' }));
    // Two issues in February (a synonym counts; the pull request and March's own issue do not).
    expect(march?.gfiActivity).toMatchObject({ last90Days: 2, issuesLast365Days: 2 });
    expect(march?.issueCount).toBe(0);
    expect(index.historyFor(record({ createdAt: '2023-02-25T00:00:00.000Z' }))?.gfiActivity?.last90Days).toBe(
      0,
    );
    expect(index.historyFor(record({ createdAt: 'someday' }))).toBeUndefined();
  });
});
