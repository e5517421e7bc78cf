import { describe, expect, it } from 'vitest';
import { clusterLookup, clusterWords } from './word-clusters.ts';
import { learnWordVectors } from './word-vectors.ts';

const TEXTS = Array.from({ length: 60 }, (_, n) => {
  const failure = n % 2 === 0 ? 'crash' : 'segfault';
  const wish = n % 3 === 0 ? 'dark' : 'theme';
  return n % 4 < 2
    ? { title: `app ${failure} on startup`, body: `the app ${failure} when opening the editor window` }
    : { title: `please add a ${wish} mode`, body: `it would be nice to add a ${wish} mode option` };
});

describe('clusterWords', () => {
  const wv = learnWordVectors(TEXTS, { dims: 4, minCount: 2 });
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
