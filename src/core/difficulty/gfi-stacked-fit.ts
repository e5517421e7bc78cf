/**
 * The shipped training recipe: the text model's L2 is chosen, and its logits produced, by
 * cross-validation inside the training issues; the feature model is then fitted with those
 * out-of-fold text logits as one more (sign-held) feature, which learns how far to trust the
 * text; finally the text model is refitted on all training issues. Used by scripts/train-gfi.ts
 * and, per training fold, by bench/gfi.bench.ts.
 */
import { fitGfiWeights, LABELLING_TIME_SPECS, type GfiWeights } from './gfi-model.ts';
import type { FeatureSpec } from './difficulty-features.ts';
import { crossFitTextModel } from './text-model-selection.ts';
import { fitTextPath, type TermCorpus, type TextModel } from './text-model.ts';

export interface FitStackedGfiOptions {
  /** Feature rows (in `specs` order), one per member. */
  rows: readonly (readonly number[])[];
  /** 1 = good first issue, one per member. */
  labels: readonly number[];
  /** Encoded terms of all issues (encodeTerms) and the corpus index of each member. */
  corpus: TermCorpus;
  members: readonly number[];
  specs?: readonly FeatureSpec[];
  source?: string;
  /** Seed of the inner folds (default 42). */
  seed?: number;
}

export interface StackedGfiFit {
  weights: GfiWeights;
  textModel: TextModel;
  /** Pooled inner out-of-fold AUC of the text model per L2 tried. */
  textAucByL2: { l2: number; auc: number }[];
}

/** Fits feature weights and text model together. Deterministic. */
export function fitStackedGfi(options: FitStackedGfiOptions): StackedGfiFit {
  const { corpus, members, labels } = options;
  const inner = crossFitTextModel({ corpus, members, labels, seed: options.seed });
  const [text] = fitTextPath({ corpus, members, labels, l2s: [inner.l2] });
  const weights = fitGfiWeights({
    rows: options.rows,
    labels,
    specs: options.specs ?? LABELLING_TIME_SPECS,
    textLogits: inner.oofLogits,
    source: options.source,
  });
  return { weights, textModel: text!.toModel(options.source), textAucByL2: inner.aucByL2 };
}
