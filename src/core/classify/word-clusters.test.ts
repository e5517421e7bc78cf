import { describe, expect, it } from 'vitest';
import { TWO_CONTEXT_TEXTS } from './classify.fixtures.ts';
import { clusterLookup, clusterWords } from './word-clusters.ts';
import { learnWordVectors } from './word-vectors.ts';

describe('clusterWords', () => {
  const wv = learnWordVectors(TWO_CONTEXT_TEXTS, { dims: 4, minCount: 2 });
  const clusters = clusterWords(wv, { k: 3, seed: 1 });
  const id = clusterLookup(clusters);

  it('puts words used alike in one cluster and the two kinds of sentence apart', () => {
    expect(clusters.k).toBe(3);
    expect(id.get('crash')).toBe(id.get('segfault'));
    expect(id.get('dark')).toBe(id.get('theme'));
    expect(id.get('crash')).not.toBe(id.get('dark'));
  });

  it('gives every word an id below k, deterministically', () => {
    expect(clusters.vocab).toEqual(wv.vocab);
    for (const c of clusters.ids) expect(c).toBeLessThan(3);
    expect(Array.from(clusterWords(wv, { k: 3, seed: 1 }).ids)).toEqual(Array.from(clusters.ids));
  });
});
