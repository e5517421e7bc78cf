import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, formatConfusionMatrix, macroF1 } from './classification.metrics.ts';
import { MetricInputError } from './metric-input.error.ts';

// Worked by hand:
//   a: TP 2 (items 0,1), FP 0, FN 1 (item 2 -> b)  P 1    R 2/3  F1 0.8
//   b: TP 1 (item 3), FP 1 (item 2), FN 1 (item 4) P 1/2  R 1/2  F1 1/2
//   c: TP 1 (item 5), FP 1 (item 4), FN 0          P 1/2  R 1    F1 2/3
const GOLD = ['a', 'a', 'a', 'b', 'b', 'c'];
const PRED = ['a', 'a', 'b', 'b', 'c', 'c'];

describe('accuracy', () => {
  it('is the share of exact matches', () => {
    expect(accuracy(GOLD, PRED)).toBeCloseTo(4 / 6, 12);
    expect(accuracy(['x'], ['y'])).toBe(0);
  });
});

describe('macroF1', () => {
  it('matches the hand-computed per-class scores and their mean', () => {
    const result = macroF1(GOLD, PRED);
    expect(result.perClass.a).toEqual({
      precision: 1,
      recall: expect.closeTo(2 / 3, 12),
      f1: expect.closeTo(0.8, 12),
      support: 3,
    });
    expect(result.perClass.b).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(result.perClass.c).toEqual({
      precision: 0.5,
      recall: 1,
      f1: expect.closeTo(2 / 3, 12),
      support: 1,
    });
    expect(result.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('scores a class that is never predicted as precision 0, recall 0, F1 0', () => {
    // c: never predicted; b: TP 1 FP 1 FN 0 -> F1 2/3; a perfect.
    const result = macroF1(['a', 'b', 'c'], ['a', 'b', 'b']);
    expect(result.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(result.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
  });

  it('averages over exactly the given classes; an outside prediction is a miss', () => {
    // b's only item is predicted "x": b has F1 0; "x" is not averaged; "d" (no support, never predicted) counts as 0.
    expect(macroF1(['a', 'b'], ['a', 'x'], ['a', 'b']).macroF1).toBe(0.5);
    expect(macroF1(['a', 'b'], ['a', 'x'], ['a', 'b', 'd']).macroF1).toBeCloseTo(1 / 3, 12);
    // By default a predicted-only label is a class of its own with F1 0.
    expect(Object.keys(macroF1(['a', 'b'], ['a', 'x']).perClass)).toEqual(['a', 'b', 'x']);
  });

  it('rejects empty or mismatched inputs and bad class lists with a clear error', () => {
    expect(() => macroF1([], [])).toThrow(
      new MetricInputError('macroF1: no items to score; pass at least one gold/predicted pair'),
    );
    expect(() => macroF1(['a'], ['a', 'b'])).toThrow('1 gold values but 2 predictions');
    expect(() => macroF1(['a'], ['a'], [])).toThrow('class list is empty');
    expect(() => macroF1(['a'], ['a'], ['a', 'a'])).toThrow('repeats a class');
  });
});

describe('confusionMatrix', () => {
  it('counts gold rows against predicted columns', () => {
    expect(confusionMatrix(GOLD, PRED)).toEqual({
      classes: ['a', 'b', 'c'],
      matrix: [
        [2, 1, 0],
        [0, 1, 1],
        [0, 0, 1],
      ],
    });
  });

  it('follows a given class order and rejects labels outside it', () => {
    expect(confusionMatrix(['b', 'a'], ['a', 'a'], ['b', 'a']).matrix).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(() => confusionMatrix(['a'], ['z'], ['a'])).toThrow(
      'predicted label "z" (item 0) is not one of the classes a',
    );
  });

  it('formats an aligned table with totals and recall', () => {
    expect(formatConfusionMatrix(confusionMatrix(GOLD, PRED))).toBe(
      [
        'gold \\ predicted  a  b  c  total  recall',
        'a                 2  1  0      3   0.667',
        'b                 0  1  1      2   0.500',
        'c                 0  0  1      1   1.000',
      ].join('\n'),
    );
  });
});
