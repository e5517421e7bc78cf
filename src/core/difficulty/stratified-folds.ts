/**
 * Seeded, stratified fold assignment for cross-validation: each class is shuffled and dealt
 * round-robin, so every fold holds its share of the scarce positives.
 */

/** Small seeded generator (mulberry32): the same seed always deals the same folds. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    idx.forEach((example, k) => { fold[example] = k % folds; });
  }
  return fold;
}
