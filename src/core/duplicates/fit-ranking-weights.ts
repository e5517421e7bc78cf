import { FEATURE_NAMES } from './pair-features.ts';
import type { FeatureName } from './pair-features.ts';

/** Logistic-combination weights for the pair features: score = sigmoid(bias + Σ weight·feature). */
export interface RankingWeights {
  bias: number;
  weights: Record<FeatureName, number>;
}

/** One labelled (query, candidate) pair for fitting: label 1 when the candidate is a confirmed duplicate. */
export interface RankingExample {
  features: Record<FeatureName, number>;
  label: 0 | 1;
}

export interface FitOptions {
  /**
   * Strength of the Gaussian prior pulling each weight towards `prior` (default 0.01). Where the
   * training pairs say little about a feature (few stack traces in Jira exports), its weight
   * stays near the prior instead of collapsing to 0.
   */
  l2?: number;
  /** Prior weights (default PRIOR_RANKING_WEIGHTS); the bias is not penalised. */
  prior?: Record<FeatureName, number>;
  iterations?: number;
  learningRate?: number;
}

/**
 * Domain prior, set by hand before fitting (not tuned on any evaluation split): text similarity
 * matters most; a shared error message or stack frame is strong evidence; shared versions,
 * identifiers and links are weaker, being common to unrelated reports of one release.
 */
export const PRIOR_RANKING_WEIGHTS: Record<FeatureName, number> = {
  titleCosine: 2,
  bodyCosine: 1,
  fullCosine: 1.5,
  crossCosine: 1.5,
  errorOverlap: 1.5,
  frameOverlap: 1.5,
  identifierOverlap: 0.5,
  versionOverlap: 0.5,
  urlOverlap: 0.5,
  retrievalScore: 1,
  timeProximity: 1,
  bridgedTitle: 1,
};

/**
 * Fits logistic-regression weights by full-batch gradient descent, with positives and
 * negatives weighted equally in total (candidate lists hold ~100 negatives per positive).
 * Deterministic: starts from the prior and visits examples in the given order.
 */
export function fitRankingWeights(
  examples: readonly RankingExample[],
  options: FitOptions = {},
): RankingWeights {
  const l2 = options.l2 ?? 0.01;
  const iterations = options.iterations ?? 2000;
  const rate = options.learningRate ?? 0.5;
  const dims = FEATURE_NAMES.length;
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0)
    throw new Error('fitRankingWeights needs both positive and negative examples');
  const rows = examples.map((e) => ({
    x: FEATURE_NAMES.map((name) => e.features[name]),
    y: e.label,
    w: e.label === 1 ? 0.5 / positives : 0.5 / negatives,
  }));
  const prior = FEATURE_NAMES.map((name) => (options.prior ?? PRIOR_RANKING_WEIGHTS)[name]);
  const weights = [...prior];
  let bias = 0;
  for (let iter = 0; iter < iterations; iter += 1) {
    const grad = new Array<number>(dims).fill(0);
    let gradBias = 0;
    for (const row of rows) {
      const error = (sigmoid(bias + dot(weights, row.x)) - row.y) * row.w;
      for (let d = 0; d < dims; d += 1) grad[d] = (grad[d] ?? 0) + error * (row.x[d] ?? 0);
      gradBias += error;
    }
    for (let d = 0; d < dims; d += 1)
      weights[d] = (weights[d] ?? 0) - rate * ((grad[d] ?? 0) + l2 * ((weights[d] ?? 0) - (prior[d] ?? 0)));
    bias -= rate * gradBias;
  }
  const named = Object.fromEntries(FEATURE_NAMES.map((name, d) => [name, round(weights[d] ?? 0)])) as Record<
    FeatureName,
    number
  >;
  return { bias: round(bias), weights: named };
}

/** The logistic score of one feature vector. */
export function scoreFeatures(features: Record<FeatureName, number>, model: RankingWeights): number {
  let z = model.bias;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return sigmoid(z);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
