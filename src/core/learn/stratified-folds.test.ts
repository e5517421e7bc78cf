import { describe, expect, it } from 'vitest';
import { stratifiedFoldOf, stratifiedKFold } from './stratified-folds.ts';
import { seededRandom, shuffleInPlace, shuffled } from './seeded-random.ts';

interface Item {
  id: number;
  label: string;
}

// 22 items, classes uneven and interleaved: b = bug (10), f = feature (7), q = question (5).
const PATTERN = 'bfbqbfbbfqbbfbqfbqfbfq';
const NAMES: Record<string, string> = { b: 'bug', f: 'feature', q: 'question' };
const ITEMS: Item[] = [...PATTERN].map((c, id) => ({ id, label: NAMES[c] as string }));
const labelOf = (item: Item): string => item.label;

function counts(items: Item[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item.label] = (out[item.label] ?? 0) + 1;
  return out;
}

describe('seededRandom', () => {
  it('reproduces mulberry32 (reference values from an independent implementation)', () => {
    const random = seededRandom(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });

  it('stays in [0, 1) and averages about one half', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});

describe('stratifiedKFold', () => {
  const k = 4;

  it('runs on uneven classes (fixture check)', () => {
    expect(counts(ITEMS)).toEqual({ bug: 10, feature: 7, question: 5 });
  });

  const folds = stratifiedKFold(ITEMS, labelOf, k, 1);

  it('puts every item in exactly one test fold and trains on the rest', () => {
    expect(folds).toHaveLength(k);
    const tested = folds.flatMap((fold) => fold.test.map((item) => item.id)).sort((a, b) => a - b);
    expect(tested).toEqual(ITEMS.map((item) => item.id).sort((a, b) => a - b));
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(ITEMS.length);
      expect(fold.train.filter((item) => fold.test.includes(item))).toEqual([]);
    }
  });

  it('spreads each class evenly: per-class fold counts differ by at most one, fold totals by at most one per class', () => {
    const total = counts(ITEMS);
    for (const label of Object.keys(total)) {
      const perFold = folds.map((fold) => counts(fold.test)[label] ?? 0);
      expect(Math.max(...perFold) - Math.min(...perFold), label).toBeLessThanOrEqual(1);
    }
    const sizes = folds.map((fold) => fold.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(Object.keys(total).length);
  });

  it('deals every class from fold 0 (the assignment the shipped GFI model was trained with)', () => {
    // 10 bugs over 4 folds: 3, 3, 2, 2; 7 features: 2, 2, 2, 1; 5 questions: 2, 1, 1, 1.
    expect(folds.map((fold) => counts(fold.test))).toEqual([
      { bug: 3, feature: 2, question: 2 },
      { bug: 3, feature: 2, question: 1 },
      { bug: 2, feature: 2, question: 1 },
      { bug: 2, feature: 1, question: 1 },
    ]);
  });

  it('keeps input order inside train and test', () => {
    for (const fold of folds) {
      expect(fold.test.map((i) => ITEMS.indexOf(i))).toEqual(
        [...fold.test.map((i) => ITEMS.indexOf(i))].sort((a, b) => a - b),
      );
      expect(fold.train.map((i) => ITEMS.indexOf(i))).toEqual(
        [...fold.train.map((i) => ITEMS.indexOf(i))].sort((a, b) => a - b),
      );
    }
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const ids = (seed: number): number[][] =>
      stratifiedKFold(ITEMS, labelOf, k, seed).map((f) => f.test.map((i) => i.id));
    expect(ids(1)).toEqual(ids(1));
    expect(ids(2)).not.toEqual(ids(1));
  });

  it('rejects k below 2, non-integer k and more folds than items', () => {
    expect(() => stratifiedKFold(ITEMS, labelOf, 1, 0)).toThrow('k must be an integer of at least 2, got 1');
    expect(() => stratifiedKFold(ITEMS, labelOf, 2.5, 0)).toThrow('got 2.5');
    expect(() => stratifiedKFold(ITEMS.slice(0, 3), labelOf, 5, 0)).toThrow('3 items cannot fill 5 folds');
  });
});

describe('stratifiedFoldOf', () => {
  // 200 examples, 13 of them positive (a scarce class, as good first issues are).
  const labels = Array.from({ length: 200 }, (_, i) => (i % 15 === 7 ? 1 : 0));
  const k = 5;
  const foldOf = stratifiedFoldOf(labels, k, 42);

  it('gives every example one fold in 0..k-1', () => {
    expect(foldOf).toHaveLength(labels.length);
    for (const fold of foldOf) expect(Number.isInteger(fold) && fold >= 0 && fold < k).toBe(true);
  });

  it('spreads the scarce class over the folds (counts differ by at most one), and the rest too', () => {
    const positives = Array.from(
      { length: k },
      (_, f) => foldOf.filter((g, i) => g === f && labels[i] === 1).length,
    );
    expect(positives.reduce((a, b) => a + b, 0)).toBe(13);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
    const negatives = Array.from(
      { length: k },
      (_, f) => foldOf.filter((g, i) => g === f && labels[i] === 0).length,
    );
    expect(Math.max(...negatives) - Math.min(...negatives)).toBeLessThanOrEqual(1);
  });

  it('assigns as stratifiedKFold does, for the same seed', () => {
    const items = labels.map((label, id) => ({ id, label }));
    const folds = stratifiedKFold(items, (item) => item.label, k, 42);
    folds.forEach((fold, f) =>
      expect(fold.test.map((item) => item.id)).toEqual(
        items.filter((_, i) => foldOf[i] === f).map((item) => item.id),
      ),
    );
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(stratifiedFoldOf(labels, k, 42)).toEqual(foldOf);
    expect(stratifiedFoldOf(labels, k, 43)).not.toEqual(foldOf);
  });
});

describe('shuffled', () => {
  it('permutes a copy, deterministically for a seed, and leaves the input alone', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = shuffled(items, seededRandom(1));
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
    expect(shuffled(items, seededRandom(1))).toEqual(once);
    expect(items[0]).toBe(0);
    const inPlace = [...items];
    expect(shuffleInPlace(inPlace, seededRandom(1))).toBe(inPlace);
    expect(inPlace).toEqual(once);
  });
});
