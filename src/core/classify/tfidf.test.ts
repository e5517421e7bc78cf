import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_OPTIONS } from './text-features.ts';
import { binaryVector, fitIdf, tfidfVector } from './tfidf.ts';
import type { PackedCounts } from './tfidf.ts';

const doc = (word: [number, number][], char: [number, number][] = []): PackedCounts => ({
  word: { indices: Int32Array.from(word, (p) => p[0]), values: Float64Array.from(word, (p) => p[1]) },
  char: { indices: Int32Array.from(char, (p) => p[0]), values: Float64Array.from(char, (p) => p[1]) },
});

describe('tfidf', () => {
  it('fits smoothed idf on the given documents only, counting a bucket once per document', () => {
    const idf = fitIdf([doc([[1, 3]], [[1, 2]]), doc([[2, 1]])], 8);
    expect(idf[1]).toBeCloseTo(Math.log(3 / 2) + 1, 12); // in 1 of 2 documents (word and char block)
    expect(idf[5]).toBeCloseTo(Math.log(3) + 1, 12); // unseen
  });

  it('normalises word and character blocks separately and merges shared buckets', () => {
    const opts = { ...DEFAULT_FEATURE_OPTIONS, charWeight: 0.5 };
    const idf = new Float64Array(8).fill(1);
    const v = tfidfVector(
      doc(
        [
          [1, 1],
          [3, Math.E],
        ],
        [
          [3, 1],
          [6, 1],
        ],
      ),
      idf,
      opts,
    );
    expect([...v.indices]).toEqual([1, 3, 6]);
    // word block: (1, 2) / √5; char block: (1, 1) / √2 · 0.5
    expect(v.values[0]).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(v.values[1]).toBeCloseTo(2 / Math.sqrt(5) + 0.5 / Math.sqrt(2), 12);
    expect(v.values[2]).toBeCloseTo(0.5 / Math.sqrt(2), 12);
  });

  it('builds binary vectors: presence only, blocks normalised separately, same buckets as tfidf', () => {
    const opts = { ...DEFAULT_FEATURE_OPTIONS, charWeight: 0.5 };
    const d = doc(
      [
        [1, 1],
        [3, 7],
      ],
      [
        [3, 4],
        [6, 1],
      ],
    );
    const v = binaryVector(d, opts);
    expect([...v.indices]).toEqual([...tfidfVector(d, new Float64Array(8).fill(1), opts).indices]);
    expect(v.values[0]).toBeCloseTo(1 / Math.sqrt(2), 12);
    expect(v.values[1]).toBeCloseTo(1 / Math.sqrt(2) + 0.5 / Math.sqrt(2), 12);
    expect(v.values[2]).toBeCloseTo(0.5 / Math.sqrt(2), 12);
  });
});
