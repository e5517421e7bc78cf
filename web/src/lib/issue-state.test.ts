import { describe, expect, it } from 'vitest';
import { issueStateBadge } from './issue-state.ts';

const base = { state: 'open' as const, stateReason: null, isPullRequest: false, mergedAt: null };

describe('issueStateBadge', () => {
  it('labels open issues and pull requests', () => {
    expect(issueStateBadge(base)).toEqual({ label: 'Open', tone: 'open' });
    expect(issueStateBadge({ ...base, isPullRequest: true })).toEqual({ label: 'Open PR', tone: 'open' });
  });

  it('tells merged from unmerged closed pull requests', () => {
    expect(
      issueStateBadge({ ...base, state: 'closed', isPullRequest: true, mergedAt: '2025-01-01T00:00:00Z' })
        .label,
    ).toBe('Merged');
    expect(issueStateBadge({ ...base, state: 'closed', isPullRequest: true }).label).toBe('Closed PR');
  });

  it('uses the close reason of issues', () => {
    expect(issueStateBadge({ ...base, state: 'closed', stateReason: 'completed' })).toEqual({
      label: 'Closed',
      tone: 'closed',
    });
    expect(issueStateBadge({ ...base, state: 'closed', stateReason: 'not_planned' }).label).toBe(
      'Closed as not planned',
    );
    expect(issueStateBadge({ ...base, state: 'closed', stateReason: 'NOT PLANNED' }).label).toBe(
      'Closed as not planned',
    );
    expect(issueStateBadge({ ...base, state: 'closed', stateReason: 'duplicate' }).tone).toBe('neutral');
  });
});
