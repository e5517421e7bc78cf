/**
 * Word clusters from word vectors (word-vectors.ts): spherical k-means groups words used alike
 * ("crash", "segfault", "hang" …) under one id, and the classifier adds a `k:<id>` feature beside
 * each word. A word no labelled issue used still lights up the feature its cluster learned from the
 * words labelled issues did use, in both linear components (the classic semi-supervised use of
 * Brown clusters, Turian et al. 2010), at the cost of one small word → id table.
 */
import { seededRandom } from '../learn/seeded-random.ts';
import type { WordVectors } from './word-vectors.ts';

/** Each word of `vocab` belongs to cluster `ids[i]` in [0, k). */
export interface WordClusters {
  k: number;
  vocab: string[];
  ids: Uint16Array;
}

/** Spherical k-means over the unit word vectors, seeded (deterministic). */
export function clusterWords(
  wv: WordVectors,
  options: { k: number; iterations?: number; seed: number },
): WordClusters {
  const n = wv.vocab.length;
  const d = wv.dims;
  const k = Math.min(options.k, n);
  if (k > 65_535) throw new Error('clusterWords supports at most 65,535 clusters');
  const rand = seededRandom(options.seed);
  const centres = new Float64Array(k * d);
  // Distinct random words as the first centres.
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let i = Math.floor(rand() * n);
    while (picked.has(i)) i = (i + 1) % n;
    picked.add(i);
    for (let r = 0; r < d; r++) centres[c * d + r] = wv.vectors[i * d + r] as number;
  }
  const ids = new Uint16Array(n);
  for (let it = 0; it < (options.iterations ?? 12); it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let r = 0; r < d; r++) dot += (centres[c * d + r] as number) * (wv.vectors[i * d + r] as number);
        if (dot > bestDot) [best, bestDot] = [c, dot];
      }
      if (ids[i] !== best || it === 0) moved++;
      ids[i] = best;
    }
    if (moved === 0) break;
    centres.fill(0);
    for (let i = 0; i < n; i++) {
      const c = ids[i] as number;
      for (let r = 0; r < d; r++)
        centres[c * d + r] = (centres[c * d + r] as number) + (wv.vectors[i * d + r] as number);
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let r = 0; r < d; r++) norm += (centres[c * d + r] as number) ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let r = 0; r < d; r++) centres[c * d + r] = (centres[c * d + r] as number) * inv;
    }
  }
  return { k, vocab: [...wv.vocab], ids };
}

const lookups = new WeakMap<WordClusters, Map<string, number>>();

/** word → cluster id (memoised per clusters object). */
export function clusterLookup(clusters: WordClusters): Map<string, number> {
  let map = lookups.get(clusters);
  if (!map)
    lookups.set(clusters, (map = new Map(clusters.vocab.map((w, i) => [w, clusters.ids[i] as number]))));
  return map;
}
