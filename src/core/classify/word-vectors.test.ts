import { describe, expect, it } from 'vitest';
import { TWO_CONTEXT_TEXTS } from './classify.fixtures.ts';
import { embedText, learnWordVectors, wordSimilarity } from './word-vectors.ts';

describe('learnWordVectors', () => {
  const wv = learnWordVectors(TWO_CONTEXT_TEXTS, { dims: 4, minCount: 2 });

  it('places words used in the same contexts close together', () => {
    const same = wordSimilarity(wv, 'crash', 'segfault') as number;
    const other = wordSimilarity(wv, 'crash', 'dark') as number;
    expect(same).toBeGreaterThan(0.8);
    expect(same).toBeGreaterThan(other + 0.3);
    expect(wordSimilarity(wv, 'crash', 'unseenword')).toBeNull();
  });

  it('is deterministic', () => {
    const again = learnWordVectors(TWO_CONTEXT_TEXTS, { dims: 4, minCount: 2 });
    expect(again.vocab).toEqual(wv.vocab);
    expect(Array.from(again.vectors)).toEqual(Array.from(wv.vectors));
  });

  it('embeds an issue as a unit vector near issues of its kind, and unknown words as zero', () => {
    const a = embedText(wv, { title: 'crash when opening', body: 'the app crash' });
    const b = embedText(wv, { title: 'segfault on startup', body: 'app segfault' });
    const c = embedText(wv, { title: 'add a dark mode', body: 'would be nice' });
    const dot = (x: Float64Array, y: Float64Array): number => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(a, a)).toBeCloseTo(1, 10);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
    expect(Array.from(embedText(wv, { title: 'zzz qqq', body: '' }))).toEqual([0, 0, 0, 0]);
  });
});
