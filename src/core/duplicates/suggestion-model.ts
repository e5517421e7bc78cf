/**
 * Whether to suggest a duplicate at all. Most new issues have no earlier duplicate (5-10% do on a
 * typical tracker), so a ranker's top candidate is usually wrong however good it looks alone. This
 * model turns the shape of a ranking (how high the best candidate scores, how far it leads the
 * runner-up and the rest) into the probability that the best candidate is the duplicate,
 * calibrated at a stated duplicate rate: fitted by weighted logistic regression on new issues with
 * and without a known duplicate, each group weighted to that rate. Pure; plain data in and out.
 */
import { fitNewtonLogistic } from '../learn/newton-logistic.ts';
import type { FeatureName } from './pair-features.ts';
import suggestionWeights from './suggestion-weights.json' with { type: 'json' };

export const SUGGESTION_FEATURES = [
  'topLogit',
  'leadOverRunnerUp',
  'leadOverTopTen',
  'topTitleCosine',
  'topFullCosine',
  'topSharedTrace',
  'topTimeProximity',
] as const;
export type SuggestionFeature = (typeof SUGGESTION_FEATURES)[number];

/** probability = sigmoid(bias + Σ weight·feature), calibrated at `duplicateRate`. */
export interface SuggestionModel {
  bias: number;
  weights: Record<SuggestionFeature, number>;
  /** The share of new issues with an earlier duplicate the model was calibrated at. */
  duplicateRate: number;
}

/** The shipped model (bench/dupes-quality.bench.ts --fit-suggestion: gitbugs hadoop + SeaMonkey). */
export const DEFAULT_SUGGESTION_MODEL: SuggestionModel = suggestionWeights;

/** One new issue's ranking, labelled: 1 when its best candidate is its duplicate. */
export interface SuggestionExample {
  features: Record<SuggestionFeature, number>;
  label: 0 | 1;
  /** True for an issue with a known earlier duplicate (whether or not it was ranked first). */
  hasDuplicate: boolean;
}

const LOGIT_CLAMP = 9;
const logit = (p: number): number =>
  Math.max(-LOGIT_CLAMP, Math.min(LOGIT_CLAMP, Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p))));

/** A ranked candidate as the model reads it: its score and, when known, its pair features. */
export interface RankedForSuggestion {
  score: number;
  features?: Partial<Record<FeatureName, number>>;
}

/** The features of a ranking (best first, as rankDuplicateCandidates returns it). */
export function suggestionFeatures(
  ranked: readonly RankedForSuggestion[],
): Record<SuggestionFeature, number> | null {
  const scores = ranked.map((c) => c.score);
  const pair = ranked[0]?.features ?? {};
  const [best, runnerUp] = scores;
  if (best === undefined) return null;
  const top = logit(best);
  const rest = scores.slice(1, 10).map(logit);
  // With no other candidate the issue is unlike anything: lead as over a hopeless runner-up.
  const floor = -LOGIT_CLAMP / 2;
  const meanRest = rest.length ? rest.reduce((s, x) => s + x, 0) / rest.length : floor;
  return {
    topLogit: top,
    leadOverRunnerUp: top - (runnerUp === undefined ? floor : logit(runnerUp)),
    leadOverTopTen: top - meanRest,
    topTitleCosine: pair.titleCosine ?? 0,
    topFullCosine: pair.fullCosine ?? 0,
    topSharedTrace: Math.max(pair.errorOverlap ?? 0, pair.frameOverlap ?? 0),
    topTimeProximity: pair.timeProximity ?? 0,
  };
}

/** The calibrated probability that the best of `ranked` is the duplicate; 0 with no candidate. */
export function suggestionProbability(
  ranked: readonly RankedForSuggestion[],
  model: SuggestionModel = DEFAULT_SUGGESTION_MODEL,
): number {
  const features = suggestionFeatures(ranked);
  if (!features) return 0;
  let z = model.bias;
  for (const name of SUGGESTION_FEATURES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits the model by Newton's method (deterministic), issues with a duplicate weighted to
 * `duplicateRate` of the total and those without to the rest, with a small L2 penalty.
 */
export function fitSuggestionModel(
  examples: readonly SuggestionExample[],
  options: { duplicateRate: number; l2?: number; iterations?: number },
): SuggestionModel {
  const withDup = examples.filter((e) => e.hasDuplicate).length;
  const without = examples.length - withDup;
  if (withDup === 0 || without === 0)
    throw new Error('fitSuggestionModel needs issues with and without a duplicate');
  const rate = options.duplicateRate;
  const l2 = options.l2 ?? 1e-3;
  // Column 0 is the bias (not penalised). Every iteration runs (no early stop), as when the shipped
  // weights were fitted.
  const beta = fitNewtonLogistic({
    x: examples.map((e) => [1, ...SUGGESTION_FEATURES.map((name) => e.features[name])]),
    y: examples.map((e) => e.label),
    weights: examples.map((e) => (e.hasDuplicate ? rate / withDup : (1 - rate) / without)),
    l2: [0, ...SUGGESTION_FEATURES.map(() => l2)],
    maxIterations: options.iterations ?? 50,
    tolerance: 0,
  });
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  return {
    bias: round(beta[0] ?? 0),
    weights: Object.fromEntries(
      SUGGESTION_FEATURES.map((name, i) => [name, round(beta[i + 1] ?? 0)]),
    ) as Record<SuggestionFeature, number>,
    duplicateRate: rate,
  };
}
