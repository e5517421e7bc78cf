import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_THRESHOLD, pickClearWinner } from './suggest-duplicate.ts';
import { suggestionProbability } from './suggestion-model.ts';

describe('pickClearWinner', () => {
  it('suggests the best candidate when it is above the threshold and clear of the runner-up', () => {
    expect(
      pickClearWinner([
        { id: 'a', score: 0.97 },
        { id: 'b', score: 0.5 },
      ])?.id,
    ).toBe('a');
    expect(pickClearWinner([{ id: 'a', score: 0.97 }])?.id).toBe('a');
  });

  it('suggests nothing below the threshold, on a near-tie, or with no candidate', () => {
    expect(pickClearWinner([{ id: 'a', score: DEFAULT_SUGGESTION_THRESHOLD - 0.01 }])).toBeNull();
    expect(
      pickClearWinner([
        { id: 'a', score: 0.97 },
        { id: 'b', score: 0.96 },
      ]),
    ).toBeNull();
    expect(pickClearWinner([])).toBeNull();
  });

  it('takes the threshold and margin from the rule', () => {
    expect(pickClearWinner([{ id: 'a', score: 0.6 }], { threshold: 0.5 })?.id).toBe('a');
    expect(
      pickClearWinner(
        [
          { id: 'a', score: 0.97 },
          { id: 'b', score: 0.96 },
        ],
        { margin: 0.005 },
      )?.id,
    ).toBe('a');
  });
});

describe('pickClearWinner with the calibrated model', () => {
  const model = {
    bias: -5,
    weights: {
      topLogit: 0.3,
      leadOverRunnerUp: 0.4,
      leadOverTopTen: 0,
      topTitleCosine: 2,
      topFullCosine: 0,
      topSharedTrace: 0,
      topTimeProximity: 0,
    },
    duplicateRate: 0.06,
  };
  const ranked = (titleCosine: number) => [
    { id: 'a', score: 0.99, features: { titleCosine } },
    { id: 'b', score: 0.4 },
  ];

  it('suggests only when the probability reaches minProbability', () => {
    expect(suggestionProbability(ranked(1), model)).toBeGreaterThan(0.5);
    expect(suggestionProbability(ranked(0), model)).toBeLessThan(0.5);
    expect(pickClearWinner(ranked(1), { model, minProbability: 0.5 })?.id).toBe('a');
    expect(pickClearWinner(ranked(0), { model, minProbability: 0.5 })).toBeNull();
    // Off by default: the score and margin rule alone.
    expect(pickClearWinner(ranked(0), { model })?.id).toBe('a');
  });
});
