import { describe, expect, it } from 'vitest';
import { extractDuplicateEvidence } from '../core/duplicates/index.ts';
import { createFingerprintCache } from './fingerprint-cache.ts';

describe('createFingerprintCache', () => {
  const text = (n: number) => ({ title: `NullPointerException in Parser${n}`, body: `at org.example.Parser${n}.parse(Parser.java:${n})` });

  it('returns the same fingerprint as extracting it, once per key', () => {
    const cache = createFingerprintCache(10);
    const first = cache.get(1, text(1));
    expect(first).toEqual(extractDuplicateEvidence(text(1)));
    // A hit does not look at the text again.
    expect(cache.get(1, text(99))).toBe(first);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = createFingerprintCache(2);
    const one = cache.get(1, text(1));
    cache.get(2, text(2));
    cache.get(1, text(1));
    cache.get(3, text(3));
    expect(cache.size).toBe(2);
    expect(cache.get(1, text(1))).toBe(one);
    expect(cache.get(2, text(5))).toEqual(extractDuplicateEvidence(text(5)));
  });
});
