/** Words for the "already implemented?" verdict (pure, so they are tested without a browser). */
import type { ImplementedEvidence, ImplementedVerdict } from '../../api-client/api-types.ts';

const KIND_TEXT: Record<ImplementedEvidence['kind'], string> = {
  'closing-reference': 'Closes the issue',
  mention: 'Mentions the issue',
  'pull-request': 'Merged pull request',
  'commit-change': 'Commit',
  test: 'Test',
  docs: 'Docs',
  symbol: 'New symbol',
  'existing-code': 'Existing code',
  'commit-message': 'Commit message',
};

/** The headline: what the detector thinks, never more sure than its confidence. */
export function verdictHeadline(verdict: ImplementedVerdict): string {
  const confidence = verdict.confidence.toFixed(2);
  if (verdict.status === 'implemented-after-issue') return `Likely already implemented (${confidence})`;
  if (verdict.status === 'existed-before-issue') return `Possibly existed before this issue (${confidence})`;
  // Under the threshold: a lead when something weighs for it, never a claim.
  if (verdict.evidence.some((e) => e.weight > 0))
    return `Some evidence, below the threshold (${confidence} < ${verdict.threshold.toFixed(2)})`;
  return `Not found in the repository (${confidence})`;
}

/** One sentence on what the headline rests on. */
export function verdictExplanation(verdict: ImplementedVerdict): string {
  if (verdict.status === 'implemented-after-issue')
    return 'Changes made after the issue was opened match what it asks for.';
  if (verdict.status === 'existed-before-issue')
    return 'What matches is older than the issue: the report may have missed an existing feature.';
  return `Loupe says "implemented" from ${verdict.threshold.toFixed(2)} on; check the evidence below yourself.`;
}

export function evidenceKindText(kind: ImplementedEvidence['kind']): string {
  return KIND_TEXT[kind];
}

export function evidenceTimingText(timing: ImplementedEvidence['timing']): string {
  return timing === 'after-issue' ? 'after the issue was opened' : 'before the issue was opened';
}

/** "+1.20", "−0.30", "0.00". */
export function weightText(weight: number): string {
  if (weight > 0) return `+${weight.toFixed(2)}`;
  if (weight < 0) return `−${Math.abs(weight).toFixed(2)}`;
  return '0.00';
}

export const shortSha = (sha: string): string => sha.slice(0, 7);
