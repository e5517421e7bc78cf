import { describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_THRESHOLD, pickClearWinner } from './suggest-duplicate.ts';

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
