import { describe, expect, it } from 'vitest';
import { closestWord, damerauLevenshtein, nearMisses } from './spelling-fix.ts';

describe('spelling fixes', () => {
  it('counts a swap of adjacent letters as one edit', () => {
    expect(damerauLevenshtein('memroy', 'memory')).toBe(1);
    expect(damerauLevenshtein('laek', 'leak')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('same', 'same')).toBe(0);
  });

  it('lists the words one swap or one dropped letter away', () => {
    expect(nearMisses('laek')).toEqual(
      expect.arrayContaining(['alek', 'leak', 'lake', 'aek', 'lek', 'lak', 'lae']),
    );
    expect(nearMisses('memroy')).toContain('memory');
    // Doubled letters swap into themselves: not listed; nor is the word itself.
    expect(nearMisses('too')).toEqual(['oto']);
  });

  it('picks the fewest edits, then the most common word, within a limit by length', () => {
    const candidates = [
      { word: 'memo', ndoc: 50 },
      { word: 'memory', ndoc: 3 },
      { word: 'memoir', ndoc: 1 },
    ];
    expect(closestWord('memroy', candidates)).toBe('memory');
    expect(
      closestWord('laek', [
        { word: 'leak', ndoc: 2 },
        { word: 'lake', ndoc: 9 },
      ]),
    ).toBe('lake');
    expect(
      closestWord('laek', [
        { word: 'leak', ndoc: 2 },
        { word: 'leaks', ndoc: 9 },
      ]),
    ).toBe('leak');
    // One edit fixes a 3-letter word; two ("bxz" → "bug") is a different word.
    expect(closestWord('bag', [{ word: 'bug', ndoc: 1 }])).toBe('bug');
    expect(closestWord('bxz', [{ word: 'bug', ndoc: 1 }])).toBeNull();
    expect(closestWord('word', [])).toBeNull();
  });
});
