import type { IssueSummary } from '../api-client/api-types.ts';

export type StateTone = 'open' | 'closed' | 'merged' | 'neutral';

/** What a state badge says and how it is coloured. */
export interface StateBadgeInfo {
  label: string;
  tone: StateTone;
}

/**
 * GitHub's vocabulary: open; merged for merged pull requests; "closed as not planned" and
 * "closed as duplicate" in grey because nothing was fixed; plain closed (completed) in purple.
 */
export function issueStateBadge(
  issue: Pick<IssueSummary, 'state' | 'stateReason' | 'isPullRequest' | 'mergedAt'>,
): StateBadgeInfo {
  if (issue.state === 'open') return { label: issue.isPullRequest ? 'Open PR' : 'Open', tone: 'open' };
  if (issue.isPullRequest)
    return issue.mergedAt ? { label: 'Merged', tone: 'merged' } : { label: 'Closed PR', tone: 'neutral' };
  const reason = issue.stateReason?.toLowerCase().replace(/[\s-]+/g, '_') ?? null;
  if (reason === 'not_planned') return { label: 'Closed as not planned', tone: 'neutral' };
  if (reason === 'duplicate') return { label: 'Closed as duplicate', tone: 'neutral' };
  return { label: 'Closed', tone: 'closed' };
}
