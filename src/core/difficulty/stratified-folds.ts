/**
 * Seeded, stratified fold assignment for cross-validation: each class is shuffled and dealt
 * round-robin, so every fold holds its share of the scarce positives.
 */

// One seeded generator for all of Loupe (mulberry32), so every split and training run is reproducible.
import { seededRandom as mulberry32 } from '../learn/seeded-random.ts';
export { mulberry32 };

/** Fold index (0..folds-1) per example, stratified by the 0/1 label. */
export function stratifiedFolds(labels: readonly number[], folds: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = labels.flatMap((y, i) => (y === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((example, k) => {
      fold[example] = k % folds;
    });
  }
  return fold;
}
