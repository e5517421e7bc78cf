import { FEATURE_SPECS, type FeatureSpec } from './difficulty-features.ts';
import { fitLogistic } from '../learn/logistic-regression.ts';
import { median } from './repo-history.ts';

/** One learned feature weight. */
export interface GfiFeatureWeight {
  signal: string;
  /** Log-odds per raw feature unit. */
  coef: number;
  /** Typical value (training median): a reason's effect is measured from here. */
  reference: number;
}

/** The shipped model (src/core/difficulty/gfi-weights.json), written by scripts/train-gfi.ts. */
export interface GfiWeights {
  model: 'gfi-logistic';
  version: number;
  /** Log-odds when every feature sits at its reference value. */
  baseline: number;
  features: GfiFeatureWeight[];
  /**
   * Weight of the text model's logit (gfi-text-weights.json), stacked as one more feature;
   * absent in weights fitted without text.
   */
  text?: { coef: number; reference: number };
  training: {
    source: string;
    issues: number;
    positives: number;
    l2: number;
    classWeighting: 'balanced' | 'none';
    postHocFeatures: boolean;
  };
}

/** The learned features used at labelling time: everything except post-hoc ones. */
export const LABELLING_TIME_SPECS: readonly FeatureSpec[] = FEATURE_SPECS.filter((spec) => !spec.postHoc);

export interface FitGfiOptions {
  /** Feature rows in `specs` order. */
  rows: readonly (readonly number[])[];
  /** 1 = good first issue. */
  labels: readonly number[];
  specs?: readonly FeatureSpec[];
  /** L2 strength (default DEFAULT_L2). */
  l2?: number;
  source?: string;
  /**
   * Text-model logits, one per row, stacked as one more feature (sign held positive). They must
   * be out-of-fold for the rows (crossFitTextModel), or the stack would trust text it has seen.
   */
  textLogits?: readonly number[];
}

/**
 * L2 strength on standardised weights, fixed a priori for ~30 features and ~50 positives (not
 * searched on the benchmark; an inner-CV search over 0.003..0.3 was tried and did worse out of fold).
 */
export const DEFAULT_L2 = 0.02;

/** Fits the logistic model over the given features and packs it as shippable weights. */
export function fitGfiWeights(options: FitGfiOptions): GfiWeights {
  const specs = options.specs ?? LABELLING_TIME_SPECS;
  const text = options.textLogits;
  const rows = text ? options.rows.map((row, i) => [...row, text[i] ?? 0]) : options.rows;
  const signs = [...specs.map((spec) => spec.direction), ...(text ? [1] : [])];
  const l2 = options.l2 ?? DEFAULT_L2;
  const model = fitLogistic({ x: rows, y: options.labels, l2, balanced: true, signs });
  const references = signs.map((_, j) => median(rows.map((row) => row[j] ?? 0)));
  const features = specs.map((spec, j) => ({
    signal: spec.signal,
    coef: model.coef[j] ?? 0,
    reference: references[j] ?? 0,
  }));
  const textWeight = text
    ? { coef: model.coef[specs.length] ?? 0, reference: references[specs.length] ?? 0 }
    : undefined;
  const baseline =
    model.intercept +
    features.reduce((acc, f) => acc + f.coef * f.reference, 0) +
    (textWeight ? textWeight.coef * textWeight.reference : 0);
  return {
    model: 'gfi-logistic',
    version: text ? 2 : 1,
    baseline,
    features,
    ...(textWeight ? { text: textWeight } : {}),
    training: {
      source: options.source ?? 'unspecified',
      issues: options.labels.length,
      positives: options.labels.reduce((a, b) => a + b, 0),
      l2,
      classWeighting: 'balanced',
      postHocFeatures: specs.some((spec) => spec.postHoc),
    },
  };
}
