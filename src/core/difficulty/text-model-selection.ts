/**
 * Chooses the text model's L2 strength by cross-validation inside the given (training) issues
 * and returns out-of-fold text logits for them, which the stacked feature model is then fitted
 * on. Everything (vocabulary, idf, weights) is refitted per inner fold, so no inner logit has
 * seen its own issue.
 */
import { stratifiedFoldOf } from '../learn/stratified-folds.ts';
import { rocAuc } from './roc-auc.ts';
import { fitTextPath, type TermCorpus } from './text-model.ts';

/**
 * L2 strengths tried. With ~50 positives inner CV favours heavy shrinkage (towards a class-
 * centroid contrast); on the development split AUC was flat from 0.1 up, so the grid stops at 1.
 */
export const TEXT_L2_GRID: readonly number[] = [0.01, 0.03, 0.1, 0.3, 1];
export const INNER_FOLDS = 4;

export interface CrossFitTextOptions {
  corpus: TermCorpus;
  /** Corpus indices of the issues to cross-fit over (a training fold, or all issues). */
  members: readonly number[];
  /** 1 = good first issue, per member. */
  labels: readonly number[];
  l2Grid?: readonly number[];
  folds?: number;
  seed?: number;
  minDocs?: number;
}

export interface CrossFitTextResult {
  /** The chosen L2 (best pooled inner out-of-fold AUC; ties go to the stronger penalty). */
  l2: number;
  /** Out-of-fold text logits at the chosen L2, one per member. */
  oofLogits: number[];
  /** Pooled inner out-of-fold AUC per L2 tried. */
  aucByL2: { l2: number; auc: number }[];
}

/** Inner cross-validation of the text model over the given issues. Deterministic. */
export function crossFitTextModel(options: CrossFitTextOptions): CrossFitTextResult {
  const grid = options.l2Grid ?? TEXT_L2_GRID;
  const folds = options.folds ?? INNER_FOLDS;
  const fold = stratifiedFoldOf(options.labels, folds, options.seed ?? 42);
  const oof = grid.map(() => new Array<number>(options.labels.length).fill(0));
  for (let f = 0; f < folds; f++) {
    const train = fold.flatMap((k, i) => (k !== f ? [i] : []));
    const test = fold.flatMap((k, i) => (k === f ? [i] : []));
    const fits = fitTextPath({
      corpus: options.corpus,
      members: train.map((i) => options.members[i]!),
      labels: train.map((i) => options.labels[i]!),
      l2s: grid,
      minDocs: options.minDocs,
    });
    fits.forEach((fit, g) => {
      for (const i of test) oof[g]![i] = fit.score(options.members[i]!);
    });
  }
  const aucByL2 = grid.map((l2, g) => ({ l2, auc: rocAuc(oof[g]!, options.labels) }));
  let best = 0;
  aucByL2.forEach((entry, g) => {
    if (entry.auc >= aucByL2[best]!.auc) best = g;
  });
  return { l2: grid[best]!, oofLogits: oof[best]!, aucByL2 };
}
