import { describe, expect, it } from 'vitest';
import { trainNbSvm } from './nb-svm.ts';
import { scoreInto } from './softmax-regression.ts';
import type { SparseVector } from './tfidf.ts';

/** A binary row over the given buckets, L2-normalised like binaryVector. */
function row(...buckets: number[]): SparseVector {
  const sorted = [...buckets].sort((a, b) => a - b);
  return {
    indices: Int32Array.from(sorted),
    values: new Float64Array(sorted.length).fill(1 / Math.sqrt(sorted.length)),
  };
}

// Class c is signalled by bucket 10 + c; buckets 0-2 are shared noise.
const x = Array.from({ length: 30 }, (_, n) => row(n % 3, 10 + (n % 3 === 0 ? 0 : n % 2 === 0 ? 1 : 2)));
const y = x.map((r) => (r.indices[1] as number) - 10);

function argmax(model: ReturnType<typeof trainNbSvm>, v: SparseVector): number {
  const s = new Float64Array(model.k);
  scoreInto(model, v, s);
  return s.indexOf(Math.max(...s));
}

describe('trainNbSvm', () => {
  const model = trainNbSvm({ x, y }, { k: 3, dim: 16 }, { c: 1, seed: 1 });

  it('separates classes by their indicative buckets', () => {
    for (let c = 0; c < 3; c++) expect(argmax(model, row(0, 10 + c))).toBe(c);
  });

  it('is deterministic for a seed', () => {
    const again = trainNbSvm({ x, y }, { k: 3, dim: 16 }, { c: 1, seed: 1 });
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
  });

  it('gives a class without examples a constant -1 score', () => {
    const fourClasses = trainNbSvm({ x, y }, { k: 4, dim: 16 }, { c: 1, seed: 1 });
    const s = new Float64Array(4);
    scoreInto(fourClasses, row(0, 11), s);
    expect(s[3]).toBe(-1);
    expect(argmax(fourClasses, row(0, 11))).toBe(1);
  });
});
