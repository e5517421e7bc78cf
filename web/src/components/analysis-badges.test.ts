import { describe, expect, it } from 'vitest';
import { duplicateCountText } from './analysis-badges.tsx';

describe('duplicateCountText', () => {
  it('says confirmed links are confirmed and only the rest are possible', () => {
    expect(duplicateCountText({ duplicateCount: 0, confirmedDuplicateCount: 0 })).toBeNull();
    expect(duplicateCountText({ duplicateCount: 1, confirmedDuplicateCount: 1 })).toBe(
      '1 confirmed duplicate',
    );
    expect(duplicateCountText({ duplicateCount: 3, confirmedDuplicateCount: 1 })).toBe(
      '1 confirmed duplicate · 2 possible duplicates',
    );
    expect(duplicateCountText({ duplicateCount: 2, confirmedDuplicateCount: 0 })).toBe(
      '2 possible duplicates',
    );
  });
});
