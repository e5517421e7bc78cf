import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, fnv1a } from './text-features.ts';

const issue = { title: 'Crash on save', body: '### Describe the bug\nHow to fix this crash?' };

describe('extractFeatures', () => {
  it('names title words, body bigrams, headings and character n-grams', () => {
    const names = new Map<number, string>();
    extractFeatures(issue, DEFAULT_FEATURE_OPTIONS, { names });
    const all = new Set(names.values());
    for (const f of [
      't:crash',
      'tb:crash on',
      'w:crash',
      'b:how to',
      'h:describe the bug',
      'c: cr',
      'c:rash ',
    ]) {
      expect(all).toContain(f);
    }
  });

  it('hashes each named feature into the bucket its name hashes to', () => {
    const names = new Map<number, string>();
    const counts = extractFeatures(issue, DEFAULT_FEATURE_OPTIONS, { names });
    const mask = DEFAULT_FEATURE_OPTIONS.dim - 1;
    expect(counts.word.get(fnv1a('t:crash') & mask)).toBe(DEFAULT_FEATURE_OPTIONS.titleWeight);
    // "crash" appears once in the title and once in the body.
    expect(counts.word.get(fnv1a('w:crash') & mask)).toBe(2);
    for (const [idx] of counts.word) expect(idx).toBeLessThanOrEqual(mask);
  });

  it('omits character n-grams when charMax is 0 and is deterministic', () => {
    const noChars = extractFeatures(issue, { ...DEFAULT_FEATURE_OPTIONS, charMax: 0 });
    expect(noChars.char.size).toBe(0);
    const a = extractFeatures(issue, DEFAULT_FEATURE_OPTIONS);
    const b = extractFeatures(issue, DEFAULT_FEATURE_OPTIONS);
    expect([...a.char]).toEqual([...b.char]);
    expect(a.char.size).toBeGreaterThan(10);
  });
});
