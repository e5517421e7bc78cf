/**
 * Turns the features into a confidence: a logistic function whose weights were fitted on a
 * development split of real histories (see detect-weights.json and bench/data/detect/README.md).
 */
import type { DetectFeatures } from './detect.types.ts';
import shipped from './detect-weights.json' with { type: 'json' };

export const FEATURE_NAMES = [
  'closes',
  'mentions',
  'bestCommit',
  'standout',
  'bestTitle',
  'bestIdentifiers',
  'tests',
  'docs',
  'symbols',
  'existing',
  'message',
  'logCommits',
] as const satisfies readonly (keyof DetectFeatures)[];

export interface DetectWeights {
  intercept: number;
  coef: Record<keyof DetectFeatures, number>;
  /** Confidence at or above which an issue is called implemented. */
  threshold: number;
}

export const defaultWeights: DetectWeights = shipped as DetectWeights;

/** The features as a vector in FEATURE_NAMES order (for fitting). */
export function featureVector(features: DetectFeatures): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

/** Log-odds of "implemented". */
export function logOdds(features: DetectFeatures, weights: DetectWeights = defaultWeights): number {
  return FEATURE_NAMES.reduce((z, name) => z + weights.coef[name] * features[name], weights.intercept);
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
