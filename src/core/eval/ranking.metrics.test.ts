import { describe, expect, it } from 'vitest';
import { meanAveragePrecision, meanReciprocalRank, recallRateAtK, rocAuc } from './ranking.metrics.ts';

describe('rocAuc', () => {
  it('matches the textbook example (3 of 4 positive/negative pairs ordered right)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('counts ties as one half', () => {
    // pairs (pos, neg): (1,1) tie 0.5, (1,3) 0, (2,1) 1, (2,3) 0 -> 1.5 / 4
    expect(rocAuc([1, 1, 2, 3], [true, false, true, false])).toBe(0.375);
    expect(rocAuc([5, 5, 5, 5, 5], [true, false, false, true, false])).toBe(0.5);
  });

  it('is 1 for a perfect scorer and 0 for an inverted one', () => {
    expect(rocAuc([0.9, 0.8, 0.2], [true, true, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9], [true, true, false])).toBe(0);
  });

  it('rejects empty input, a missing class and non-finite scores', () => {
    expect(() => rocAuc([], [])).toThrow('rocAuc: no scores');
    expect(() => rocAuc([1, 2], [true, true])).toThrow('needs both classes, got 2 positives and 0 negatives');
    expect(() => rocAuc([1, Number.NaN], [true, false])).toThrow('score 1 is NaN');
    expect(() => rocAuc([1], [true, false])).toThrow('1 scores but 2 labels');
  });
});

const RANKS = [1, 3, null, 10, 2];

describe('recallRateAtK', () => {
  it('is the share of queries whose partner is within the top k; null is a miss', () => {
    expect(recallRateAtK(RANKS, 1)).toBe(0.2);
    expect(recallRateAtK(RANKS, 3)).toBe(0.6);
    expect(recallRateAtK(RANKS, 10)).toBe(0.8);
    expect(recallRateAtK([null], 100)).toBe(0);
  });

  it('rejects bad k, empty input and ranks that are not 1-based integers', () => {
    expect(() => recallRateAtK(RANKS, 0)).toThrow('k must be a positive integer');
    expect(() => recallRateAtK([], 5)).toThrow('recallRateAtK: no queries to score');
    expect(() => recallRateAtK([0], 5)).toThrow('rank 0 is 0; ranks are 1-based integers or null');
    expect(() => recallRateAtK([1.5], 5)).toThrow('rank 0 is 1.5');
  });
});

describe('meanReciprocalRank', () => {
  it('averages 1/rank with 0 for null', () => {
    expect(meanReciprocalRank(RANKS)).toBeCloseTo((1 + 1 / 3 + 0 + 1 / 10 + 1 / 2) / 5, 12);
    expect(() => meanReciprocalRank([])).toThrow('no queries');
  });
});

describe('meanAveragePrecision', () => {
  it('matches hand-computed average precisions', () => {
    // [1,3]: (1/1 + 2/3)/2; [2]: 1/2; [null,4]: (1/4)/2; [5,1] -> sorted [1,5]: (1/1 + 2/5)/2
    const expected = ((1 + 2 / 3) / 2 + 1 / 2 + 1 / 4 / 2 + (1 + 2 / 5) / 2) / 4;
    expect(meanAveragePrecision([[1, 3], [2], [null, 4], [5, 1]])).toBeCloseTo(expected, 12);
  });

  it('equals MRR when each query has exactly one relevant item', () => {
    expect(meanAveragePrecision(RANKS.map((rank) => [rank]))).toBeCloseTo(meanReciprocalRank(RANKS), 12);
  });

  it('rejects no queries, a query with no relevant items and repeated ranks', () => {
    expect(() => meanAveragePrecision([])).toThrow('no queries');
    expect(() => meanAveragePrecision([[1], []])).toThrow('query 1 has no relevant items');
    expect(() => meanAveragePrecision([[2, 2]])).toThrow('the same rank');
  });
});
