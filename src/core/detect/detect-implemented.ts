/**
 * "Already implemented?": the confidence that what an issue asks for exists in a repository at a
 * commit, with every piece of evidence and its weight. Pure: the caller indexes the history and
 * the commit's tree first (src/sources/git).
 */
import { defaultWeights, logOdds, sigmoid, type DetectWeights } from './detect-confidence.ts';
import type { DetectIssue, DetectStatus, DetectVerdict, Evidence, PullRequestFacts } from './detect.types.ts';
import { gatherEvidence, type GatherOptions } from './gather-evidence.ts';
import type { HistoryIndex } from './history-index.ts';

export interface DetectInput {
  issue: DetectIssue;
  /** Full sha of the commit judged; its tree must be in `index.trees`. */
  commit: string;
  index: HistoryIndex;
  pullRequests?: readonly PullRequestFacts[];
  options?: GatherOptions & { weights?: DetectWeights };
}

/** Judges one issue at one commit. */
export function detectImplemented(input: DetectInput): DetectVerdict {
  const weights = input.options?.weights ?? defaultWeights;
  const gathered = gatherEvidence(input);
  const confidence = sigmoid(logOdds(gathered.features, weights));
  // Each feature's contribution is shared among the items that stand for it, by strength.
  const strengthSum = new Map<string, number>();
  for (const item of gathered.items)
    strengthSum.set(item.feature, (strengthSum.get(item.feature) ?? 0) + item.strength);
  const evidence: Evidence[] = gathered.items
    .map(({ feature, strength, ...item }) => {
      const sum = strengthSum.get(feature) ?? 0;
      const contribution = weights.coef[feature] * gathered.features[feature];
      return { ...item, weight: round(sum > 0 ? (contribution * strength) / sum : 0) };
    })
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const implemented = confidence >= weights.threshold;
  return {
    confidence: round(confidence),
    threshold: weights.threshold,
    implemented,
    status: statusOf(implemented, evidence),
    evidence,
    terms: gathered.terms,
    features: gathered.features,
  };
}

/**
 * Which side of the issue's date the evidence is on. Existing code is shown as context (weight 0:
 * the fitted weights give it none of its own), so a verdict with no positive evidence after the
 * issue rests on what was already there.
 */
function statusOf(implemented: boolean, evidence: Evidence[]): DetectStatus {
  if (!implemented) return 'not-found';
  return evidence.some((e) => e.timing === 'after-issue' && e.weight > 0)
    ? 'implemented-after-issue'
    : 'existed-before-issue';
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
