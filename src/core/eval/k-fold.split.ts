/**
 * Stratified k-fold cross-validation splits: every item is in exactly one test fold, and each class
 * is spread over the folds as evenly as possible (per-class counts per fold differ by at most one).
 */
import { MetricInputError } from './metric-input.error.ts';
import { seededRandom, shuffled } from './seeded-random.ts';

export interface Fold<T> {
  train: T[];
  test: T[];
}

/**
 * Splits `items` into k folds. Classes are visited in sorted order; each class's items are shuffled
 * with the seeded PRNG and dealt round-robin, continuing from the fold where the previous class
 * stopped, so fold sizes also differ by at most one. `train` and `test` keep the input order.
 * Deterministic: the same items, k and seed give the same folds. A class with fewer than k items
 * is absent from some test folds (allowed, as in scikit-learn).
 */
export function stratifiedKFold<T>(
  items: readonly T[],
  labelOf: (item: T) => string,
  k: number,
  seed: number,
): Fold<T>[] {
  if (!Number.isInteger(k) || k < 2)
    throw new MetricInputError(`stratifiedKFold: k must be an integer of at least 2, got ${k}`);
  if (items.length < k)
    throw new MetricInputError(`stratifiedKFold: ${items.length} items cannot fill ${k} folds`);
  const byLabel = new Map<string, number[]>();
  items.forEach((item, index) => {
    const label = labelOf(item);
    const group = byLabel.get(label);
    if (group) group.push(index);
    else byLabel.set(label, [index]);
  });
  const random = seededRandom(seed);
  const foldOf = new Array<number>(items.length);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const index of shuffled(byLabel.get(label) ?? [], random)) {
      foldOf[index] = next;
      next = (next + 1) % k;
    }
  }
  return Array.from({ length: k }, (_, fold) => ({
    train: items.filter((_, i) => foldOf[i] !== fold),
    test: items.filter((_, i) => foldOf[i] === fold),
  }));
}
