/**
 * The one seeded generator of Loupe's learning code (mulberry32: a small, fast 32-bit PRNG with good
 * statistical quality for shuffling), so every split, sample and training run is the same on every
 * run and machine. Never Math.random in src/core.
 */

/** Returns a function yielding numbers in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates shuffle of `items` in place, driven by `random` (one draw per position, last first).
 * Every seeded shuffle in Loupe is this one, so a seed means the same order wherever it is used.
 */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A shuffled copy of `items` (shuffleInPlace on a copy). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  return shuffleInPlace([...items], random);
}
