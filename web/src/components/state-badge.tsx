import type { IssueSummary } from '../api-client/api-types.ts';
import { issueStateBadge } from '../lib/issue-state.ts';

/** Open / Closed / Merged / Closed as not planned… in GitHub's colours. */
export function StateBadge({
  issue,
}: {
  issue: Pick<IssueSummary, 'state' | 'stateReason' | 'isPullRequest' | 'mergedAt'>;
}) {
  const { label, tone } = issueStateBadge(issue);
  return <span className={`state-badge state-${tone}`}>{label}</span>;
}
