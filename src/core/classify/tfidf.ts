/**
 * TF-IDF weighting of hashed counts: sublinear term frequency (1 + ln tf) so a word repeated in a
 * long log does not dominate, smoothed idf fitted on training documents only, and each block
 * (words, characters) L2-normalised on its own so long bodies and short titles weigh alike.
 */
import type { FeatureOptions, HashedCounts } from './text-features.ts';

/** A sparse row: parallel arrays of bucket indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Compact, cacheable form of HashedCounts (Maps are heavy to keep for thousands of documents). */
export interface PackedCounts {
  word: SparseVector;
  char: SparseVector;
}

function pack(map: Map<number, number>): SparseVector {
  // Typed-array sort is numeric and far faster than Array#sort with a comparator.
  const indices = Int32Array.from(map.keys()).sort();
  const values = Float64Array.from(indices, (i) => map.get(i) as number);
  return { indices, values };
}

/** Packs Map counts into sorted typed arrays. */
export function packCounts(counts: HashedCounts): PackedCounts {
  return { word: pack(counts.word), char: pack(counts.char) };
}

/** Smoothed idf, ln((1 + n) / (1 + df)) + 1, over the documents given (the training set). */
export function fitIdf(docs: PackedCounts[], dim: number): Float64Array {
  const df = new Float64Array(dim);
  const seen = new Uint8Array(dim);
  for (const doc of docs) {
    for (const block of [doc.word, doc.char]) for (const i of block.indices) seen[i] = 1;
    for (const block of [doc.word, doc.char]) {
      for (const i of block.indices) {
        if (seen[i]) {
          df[i] = (df[i] as number) + 1;
          seen[i] = 0;
        }
      }
    }
  }
  const n = docs.length;
  return df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
}

function weightBlock(block: SparseVector, idf: ArrayLike<number>, scale: number): SparseVector {
  const values = new Float64Array(block.values.length);
  let norm = 0;
  for (let j = 0; j < values.length; j++) {
    const v = (1 + Math.log(block.values[j] as number)) * (idf[block.indices[j] as number] as number);
    values[j] = v;
    norm += v * v;
  }
  const k = norm > 0 ? scale / Math.sqrt(norm) : 0;
  for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) * k;
  return { indices: block.indices, values };
}

/** The TF-IDF vector of one document (word block + weighted character block, summed by bucket). */
export function tfidfVector(doc: PackedCounts, idf: ArrayLike<number>, opts: FeatureOptions): SparseVector {
  const w = weightBlock(doc.word, idf, 1);
  if (doc.char.indices.length === 0 || opts.charWeight === 0) return w;
  return mergeSorted(w, weightBlock(doc.char, idf, opts.charWeight));
}

function binaryBlock(block: SparseVector, scale: number): SparseVector {
  const v = block.indices.length > 0 ? scale / Math.sqrt(block.indices.length) : 0;
  return { indices: block.indices, values: new Float64Array(block.indices.length).fill(v) };
}

/**
 * The binary vector of one document for NB-SVM: presence only (no tf, no idf, because the
 * log-count ratios do idf's job), each block L2-normalised like tfidfVector.
 */
export function binaryVector(doc: PackedCounts, opts: FeatureOptions): SparseVector {
  const w = binaryBlock(doc.word, 1);
  if (doc.char.indices.length === 0 || opts.charWeight === 0) return w;
  return mergeSorted(w, binaryBlock(doc.char, opts.charWeight));
}

/** Sum of two vectors whose indices are sorted ascending (a merge join). */
function mergeSorted(a: SparseVector, b: SparseVector): SparseVector {
  const indices = new Int32Array(a.indices.length + b.indices.length);
  const values = new Float64Array(indices.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.indices.length || j < b.indices.length) {
    const ai = i < a.indices.length ? (a.indices[i] as number) : Infinity;
    const bj = j < b.indices.length ? (b.indices[j] as number) : Infinity;
    indices[n] = Math.min(ai, bj);
    values[n] = (ai <= bj ? (a.values[i++] as number) : 0) + (bj <= ai ? (b.values[j++] as number) : 0);
    n++;
  }
  return { indices: indices.subarray(0, n), values: values.subarray(0, n) };
}
