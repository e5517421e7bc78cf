import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from './k-fold.split.ts';
import { seededRandom } from './seeded-random.ts';

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

  it('spreads each class evenly: per-class and total fold sizes differ by at most one', () => {
    const total = counts(ITEMS);
    for (const label of Object.keys(total)) {
      const perFold = folds.map((fold) => counts(fold.test)[label] ?? 0);
      expect(Math.max(...perFold) - Math.min(...perFold), label).toBeLessThanOrEqual(1);
    }
    const sizes = folds.map((fold) => fold.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
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
