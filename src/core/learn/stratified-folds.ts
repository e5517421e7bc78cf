/**
 * Stratified k-fold cross-validation, the one splitter of Loupe: every item is in exactly one test
 * fold, and each class is spread over the folds as evenly as possible (per-class counts per fold
 * differ by at most one), so every fold holds its share of a scarce class.
 */
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

export interface Fold<T> {
  train: T[];
  test: T[];
}

/**
 * The test fold (0..k-1) of each item, from its label. Classes are visited in sorted order (of
 * their string form); each class's items are shuffled with the seeded PRNG and dealt round-robin
 * from fold 0. Dealing every class from fold 0 (rather than on from where the previous class
 * stopped, which would also even out the fold totals) is the assignment the shipped good-first-issue
 * model was trained with (its inner CV picks the text L2 and the stacked logits): changing it
 * changes what scripts/train-gfi.ts writes. Fold totals therefore differ by at most the number of
 * classes. Deterministic: the same labels, k and seed give the same folds. A class with fewer than
 * k items is absent from some test folds (allowed, as in scikit-learn).
 */
export function stratifiedFoldOf(labels: readonly (string | number)[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2)
    throw new RangeError(`stratified folds: k must be an integer of at least 2, got ${k}`);
  if (labels.length < k)
    throw new RangeError(`stratified folds: ${labels.length} items cannot fill ${k} folds`);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, index) => {
    const key = String(label);
    const group = byLabel.get(key);
    if (group) group.push(index);
    else byLabel.set(key, [index]);
  });
  const random = seededRandom(seed);
  const foldOf = new Array<number>(labels.length).fill(0);
  for (const key of [...byLabel.keys()].sort()) {
    shuffleInPlace(byLabel.get(key)!, random).forEach((index, rank) => {
      foldOf[index] = rank % k;
    });
  }
  return foldOf;
}

/** Splits `items` into k folds by stratifiedFoldOf; `train` and `test` keep the input order. */
export function stratifiedKFold<T>(
  items: readonly T[],
  labelOf: (item: T) => string | number,
  k: number,
  seed: number,
): Fold<T>[] {
  const foldOf = stratifiedFoldOf(items.map(labelOf), k, seed);
  return Array.from({ length: k }, (_, fold) => ({
    train: items.filter((_, i) => foldOf[i] !== fold),
    test: items.filter((_, i) => foldOf[i] === fold),
  }));
}
