/**
 * Fits a repository's adjustment of the shipped good-first-issue model (GfiAdaptation) on its own
 * labelled history: past issues (not pull requests) carrying a good-first-issue label under any of
 * its names are the positives, the others the negatives. The layer is
 *   logit = shipped logit + sum_g shift_g * effects_g + labelWeight * labelEvidence + intercept,
 * with a Gaussian prior pulling every shift and the label weight to 0 (the shipped model as is),
 * so the blend moves from the shipped model toward the repository's own habits as its labelled
 * history grows. The intercept only absorbs the repository's base rate while fitting and is not
 * applied: how actively the repository labels lately is already the shipped model's activity signal.
 */
import type { GfiAdaptation, PastIssue } from './difficulty.types.ts';
import { ADAPTATION_GROUPS, adaptationLabels, groupEffects } from './gfi-adaptation.ts';
import { isGoodFirstIssueLabel } from './gfi-labels.ts';
import { shippedDifficultyEvidence, type DifficultyEvidenceFn } from './score-issue-difficulty.ts';
import { fitNewtonLogistic } from '../learn/newton-logistic.ts';

/** Below this many labelled good first issues (or 4x as many others) the shipped model is used as is. */
export const MIN_ADAPTATION_POSITIVES = 5;
const MIN_NEGATIVES_PER_POSITIVE = 4;
/**
 * Prior strength, in positives' worth of evidence: with 10 labelled good first issues the data and
 * the prior weigh alike. Fixed a priori (not searched on any evaluation file).
 */
export const ADAPTATION_PRIOR_STRENGTH = 10;
/** Pseudo-count of the label rates' smoothing toward the repository's overall rate. */
const LABEL_SMOOTHING = 4;
/** Labels seen on fewer past issues than this are not kept. */
const MIN_LABEL_ISSUES = 3;

const byEvidenceFn = new WeakMap<DifficultyEvidenceFn, WeakMap<PastIssue, number[]>>();

/** History-free group effects of a past issue; memoised per issue object (replays reuse them month after month). */
function groupsOf(issue: PastIssue, evidence: DifficultyEvidenceFn): number[] {
  let memo = byEvidenceFn.get(evidence);
  if (!memo) byEvidenceFn.set(evidence, (memo = new WeakMap()));
  let groups = memo.get(issue);
  if (!groups) memo.set(issue, (groups = groupEffects(evidence(issue).reasons)));
  return groups;
}

interface LabelCount {
  issues: number;
  positives: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));

function smoothedLogOdds(count: LabelCount, baseRate: number): number {
  const positives = count.positives + LABEL_SMOOTHING * baseRate;
  const negatives = count.issues - count.positives + LABEL_SMOOTHING * (1 - baseRate);
  return Math.log(positives / negatives) - logit(baseRate);
}

/** Mean label log-odds of one past issue with the issue itself left out of its labels' counts. */
function leaveOneOutLabelEvidence(
  labels: readonly string[],
  positive: boolean,
  counts: Map<string, LabelCount>,
  baseRate: number,
): number {
  const values = labels.flatMap((label) => {
    const count = counts.get(label);
    if (!count || count.issues < MIN_LABEL_ISSUES) return [];
    return [
      smoothedLogOdds(
        { issues: count.issues - 1, positives: count.positives - (positive ? 1 : 0) },
        baseRate,
      ),
    ];
  });
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export interface FitGfiAdaptationOptions {
  /** Only issues created before this instant count (default: all given). */
  asOf?: string;
  /** The model to adjust (default the shipped one); its history-free effects are reweighed. */
  evidence?: DifficultyEvidenceFn;
  /** Default ADAPTATION_PRIOR_STRENGTH (the bench reports others; the product uses the default). */
  priorStrength?: number;
}

/**
 * The repository's adjustment, or undefined when its labelled history is too thin
 * (fewer than MIN_ADAPTATION_POSITIVES good first issues). Pure and deterministic.
 */
export function fitGfiAdaptation(
  pastIssues: readonly PastIssue[],
  options: FitGfiAdaptationOptions = {},
): GfiAdaptation | undefined {
  const asOfMs = options.asOf ? Date.parse(options.asOf) : Number.POSITIVE_INFINITY;
  const issues = pastIssues.filter((issue) => !issue.isPullRequest && Date.parse(issue.createdAt) < asOfMs);
  const positive = issues.map((issue) => issue.labels.some(isGoodFirstIssueLabel));
  const positives = positive.filter(Boolean).length;
  if (
    positives < MIN_ADAPTATION_POSITIVES ||
    issues.length - positives < MIN_NEGATIVES_PER_POSITIVE * positives
  )
    return undefined;
  const baseRate = positives / issues.length;
  const labels = issues.map((issue) => adaptationLabels(issue.labels));
  const counts = new Map<string, LabelCount>();
  labels.forEach((list, i) => {
    for (const label of list) {
      const count = counts.get(label) ?? counts.set(label, { issues: 0, positives: 0 }).get(label)!;
      count.issues += 1;
      if (positive[i]) count.positives += 1;
    }
  });
  const evidence = options.evidence ?? shippedDifficultyEvidence;
  const rows = issues.map((issue, i) => [
    ...groupsOf(issue, evidence),
    leaveOneOutLabelEvidence(labels[i]!, positive[i]!, counts, baseRate),
  ]);
  const theta = fitPriorLogistic(rows, positive, options.priorStrength ?? ADAPTATION_PRIOR_STRENGTH);
  const labelLogOdds: Record<string, number> = {};
  for (const [label, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (count.issues >= MIN_LABEL_ISSUES) labelLogOdds[label] = smoothedLogOdds(count, baseRate);
  }
  return {
    positives,
    issues: issues.length,
    groupShifts: Object.fromEntries(ADAPTATION_GROUPS.map((group, g) => [group, theta[g]!])),
    labelWeight: theta[ADAPTATION_GROUPS.length]!,
    labelLogOdds,
  };
}

/**
 * Newton's method for: y ~ intercept + sum_g (1 + shift_g) * group_g + labelWeight * label, class
 * balanced (negatives weigh as much, in total, as the positives), penalty prior / 2 * |params|^2
 * (intercept free). Shifts are kept >= -1 (a group's effects are never turned around) and the
 * label weight >= 0, by clamping and refitting without the clamped parameter.
 */
function fitPriorLogistic(rows: readonly number[][], positive: readonly boolean[], prior: number): number[] {
  const groups = ADAPTATION_GROUPS.length;
  const d = groups + 1;
  const positives = positive.filter(Boolean).length;
  const negativeWeight = positives / (positive.length - positives);
  const problem = {
    x: rows.map((row) => [1, ...row]),
    y: positive.map((p) => (p ? 1 : 0)),
    weights: positive.map((p) => (p ? 1 : negativeWeight)),
    // The intercept is free; a touch of damping keeps its Newton step defined.
    l2: [0, ...new Array<number>(d).fill(prior)],
    damping: [1e-6],
    // The shipped effects at multiplier 1.
    offset: rows.map((row) => row.slice(0, groups).reduce((a, b) => a + b, 0)),
    tolerance: 1e-7,
  };
  // Clamped parameters, by column of the design (column 0 is the intercept).
  const fixed = new Map<number, number>();
  for (;;) {
    const theta = fitNewtonLogistic({ ...problem, fixed });
    const lower = (j: number): number => (j < groups ? -1 : 0);
    let worst = -1;
    for (let j = 0; j < d; j++)
      if (
        !fixed.has(j + 1) &&
        theta[j + 1]! < lower(j) &&
        (worst < 0 || theta[j + 1]! - lower(j) < theta[worst + 1]! - lower(worst))
      )
        worst = j;
    if (worst < 0) return theta.slice(1);
    fixed.set(worst + 1, lower(worst));
  }
}
