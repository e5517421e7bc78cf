import { describe, expect, it } from 'vitest';
import { duplicateCountText } from './duplicate-count-text.ts';

describe('duplicateCountText', () => {
  it('names confirmed and possible duplicates apart, singular for one', () => {
    expect(duplicateCountText({ confirmed: 1, possible: 0 })).toBe('1 confirmed duplicate');
    expect(duplicateCountText({ confirmed: 0, possible: 1 })).toBe('1 possible duplicate');
    expect(duplicateCountText({ confirmed: 2, possible: 3 })).toBe(
      '2 confirmed duplicates · 3 possible duplicates',
    );
  });

  it('puts a lead first and says nothing without links', () => {
    expect(duplicateCountText({ confirmed: 0, possible: 2 }, 'Duplicate of #201')).toBe(
      'Duplicate of #201 · 2 possible duplicates',
    );
    expect(duplicateCountText({ confirmed: 0, possible: 0 }, 'Duplicate of #201')).toBe('Duplicate of #201');
    expect(duplicateCountText({ confirmed: 0, possible: 0 })).toBeNull();
  });
});
