import { describe, expect, it } from 'vitest';
import { analysisDuplicateText } from './analysis-badges.tsx';

describe('analysisDuplicateText', () => {
  it('counts confirmed links as confirmed and only the rest as possible', () => {
    expect(analysisDuplicateText({ duplicateCount: 0, confirmedDuplicateCount: 0 })).toBeNull();
    expect(analysisDuplicateText({ duplicateCount: 1, confirmedDuplicateCount: 1 })).toBe(
      '1 confirmed duplicate',
    );
    expect(analysisDuplicateText({ duplicateCount: 3, confirmedDuplicateCount: 1 })).toBe(
      '1 confirmed duplicate · 2 possible duplicates',
    );
    expect(analysisDuplicateText({ duplicateCount: 2, confirmedDuplicateCount: 0 })).toBe(
      '2 possible duplicates',
    );
  });
});
