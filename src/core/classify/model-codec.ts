/**
 * The serialised classifier: plain JSON with quantised arrays as base64, so a global model for
 * 2^17 buckets and two components fits in about 1.2 MB and decodes in milliseconds. idf is stored
 * as uint8 on a linear scale, weights as int8 with one scale per component; the quantisation error
 * is measured by the bench because the bench scores the decoded model, not the float one.
 *
 * Version 2 adds an optional NB-SVM component (nb-svm.ts); a model's class scores are
 * `softmaxMix · softmax logits + nbSvm.mix · NB-SVM margins`. Version 1 files (softmax only) still
 * decode, with softmaxMix 1.
 */
import type { NbSvmWeights } from './nb-svm.ts';
import type { FeatureOptions } from './text-features.ts';
import type { SoftmaxWeights } from './softmax-regression.ts';
import type { WordClusters } from './word-clusters.ts';
import type { WordVectors } from './word-vectors.ts';

/** int8 weights times `scale`, base64. */
export interface QuantisedWeights {
  scale: number;
  data: string;
}

/** A trained issue-type classifier; JSON-serialisable and immutable once built. */
export interface TextClassifierModel {
  format: 'loupe-text-classifier';
  version: 1 | 2 | 3;
  /** Class labels in score order. */
  classes: string[];
  features: FeatureOptions;
  /** Number of training examples (informational). */
  examples: number;
  idf: { min: number; step: number; data: string };
  /** Bucket-major (`w[i * classes.length + c]`) int8 weights times `scale`. */
  weights: QuantisedWeights;
  bias: number[];
  /** Multiplier on the softmax logits in the combined score (absent: 1). */
  softmaxMix?: number;
  /** NB-SVM component on binary features, same buckets and class order (version 2). */
  nbSvm?: { weights: QuantisedWeights; bias: number[]; mix: number };
  /**
   * Word vectors learned from unlabelled text (version 3) and the softmax weights of the issue's
   * meaning vector (rows `features.dim ..` of the softmax, quantised apart from the hashed rows).
   */
  embedding?: EncodedEmbedding;
  /** Word clusters behind the `k:` features (version 3): words newline-separated, uint16 ids. */
  clusters?: { k: number; vocab: string; ids: string };
}

/** The serialised word vectors and the softmax rows that read the meaning vector. */
export interface EncodedEmbedding {
  dims: number;
  maxBodyChars: number;
  /** Multiplier on the meaning vector appended to the TF-IDF vector. */
  weight: number;
  /** Words, newline-separated, in vector order. */
  vocab: string;
  /** vocab × dims int8. */
  vectors: QuantisedWeights;
  /** SIF weights, uint8 times 1/255. */
  sif: string;
  mean: number[];
  /** dims × classes softmax weights. */
  weights: QuantisedWeights;
}

/** The meaning-vector part of a model: vectors and the weight of the dense block. */
export interface Embedding {
  vectors: WordVectors;
  weight: number;
}

export interface DecodedModel {
  idf: Float64Array;
  softmax: SoftmaxWeights;
  softmaxMix: number;
  nbSvm?: { model: NbSvmWeights; mix: number };
  /** Present when the softmax reads the meaning vector (its weights then have dim + dims rows). */
  embedding?: Embedding;
  clusters?: WordClusters;
}

/** What encodeModel quantises: fitted arrays plus the component mix. */
export interface ModelParts {
  classes: string[];
  features: FeatureOptions;
  examples: number;
  idf: Float64Array;
  softmax: SoftmaxWeights;
  softmaxMix?: number;
  nbSvm?: { model: NbSvmWeights; mix: number };
  embedding?: Embedding;
  clusters?: WordClusters;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin);
}

function fromBase64(data: string): Uint8Array {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Rounds to 6 significant digits so JSON output is short and stable. */
const tidy = (v: number): number => Number(v.toPrecision(6));

function quantise(values: Float64Array): QuantisedWeights {
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = tidy(maxAbs > 0 ? maxAbs / 127 : 1);
  const w = new Int8Array(values.length);
  for (let i = 0; i < w.length; i++)
    w[i] = Math.max(-127, Math.min(127, Math.round((values[i] as number) / scale)));
  return { scale, data: toBase64(new Uint8Array(w.buffer)) };
}

function dequantise(q: QuantisedWeights, length: number): Float64Array {
  const raw = fromBase64(q.data);
  const w = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
  if (w.length !== length) throw new Error('Classifier model arrays do not match its dimensions');
  // Plain loops: typed-array `from` with a mapper is several times slower on 10^6 elements.
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (w[i] as number) * q.scale;
  return out;
}

/** Quantises a trained model into its JSON form. */
export function encodeModel(input: ModelParts): TextClassifierModel {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of input.idf) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const step = tidy(hi > lo ? (hi - lo) / 255 : 1);
  const min = tidy(lo);
  const idfBytes = new Uint8Array(input.idf.length);
  for (let i = 0; i < idfBytes.length; i++) {
    idfBytes[i] = Math.max(0, Math.min(255, Math.round(((input.idf[i] as number) - min) / step)));
  }
  const sparseRows = input.features.dim * input.classes.length;
  const model: TextClassifierModel = {
    format: 'loupe-text-classifier',
    version: input.embedding || input.clusters ? 3 : input.nbSvm ? 2 : 1,
    classes: [...input.classes],
    features: { ...input.features },
    examples: input.examples,
    idf: { min, step, data: toBase64(idfBytes) },
    weights: quantise(input.softmax.weights.subarray(0, sparseRows)),
    bias: Array.from(input.softmax.bias, tidy),
  };
  if (input.nbSvm) {
    model.softmaxMix = tidy(input.softmaxMix ?? 1);
    model.nbSvm = {
      weights: quantise(input.nbSvm.model.weights),
      bias: Array.from(input.nbSvm.model.bias, tidy),
      mix: tidy(input.nbSvm.mix),
    };
  }
  if (input.embedding)
    model.embedding = encodeEmbedding(input.embedding, input.softmax.weights.subarray(sparseRows));
  if (input.clusters) {
    const ids = Uint16Array.from(input.clusters.ids);
    model.clusters = {
      k: input.clusters.k,
      vocab: input.clusters.vocab.join('\n'),
      ids: toBase64(new Uint8Array(ids.buffer)),
    };
  }
  return model;
}

function decodeClusters(c: { k: number; vocab: string; ids: string }): WordClusters {
  const raw = fromBase64(c.ids);
  const ids = new Uint16Array(raw.length / 2);
  for (let i = 0; i < ids.length; i++) ids[i] = (raw[2 * i] as number) | ((raw[2 * i + 1] as number) << 8);
  const vocab = c.vocab.split('\n');
  if (ids.length !== vocab.length) throw new Error('Classifier model clusters do not match their words');
  return { k: c.k, vocab, ids };
}

function encodeEmbedding(embedding: Embedding, weights: Float64Array): EncodedEmbedding {
  const wv = embedding.vectors;
  return {
    dims: wv.dims,
    maxBodyChars: wv.maxBodyChars,
    weight: tidy(embedding.weight),
    vocab: wv.vocab.join('\n'),
    vectors: quantise(Float64Array.from(wv.vectors)),
    sif: toBase64(Uint8Array.from(wv.weights, (w) => Math.max(1, Math.round(w * 255)))),
    mean: Array.from(wv.mean, tidy),
    weights: quantise(weights),
  };
}

function decodeEmbedding(e: EncodedEmbedding, k: number): { embedding: Embedding; weights: Float64Array } {
  const vocab = e.vocab.split('\n');
  const vectors: WordVectors = {
    dims: e.dims,
    vocab,
    vectors: Float32Array.from(dequantise(e.vectors, vocab.length * e.dims)),
    weights: Float32Array.from(fromBase64(e.sif), (b) => b / 255),
    mean: Float32Array.from(e.mean),
    maxBodyChars: e.maxBodyChars,
  };
  return { embedding: { vectors, weight: e.weight }, weights: dequantise(e.weights, e.dims * k) };
}

const cache = new WeakMap<TextClassifierModel, DecodedModel>();

/** Decodes (and memoises per model object) the quantised arrays. */
export function decodeModel(model: TextClassifierModel): DecodedModel {
  const hit = cache.get(model);
  if (hit) return hit;
  if (model.format !== 'loupe-text-classifier' || ![1, 2, 3].includes(model.version)) {
    throw new Error(
      `Unsupported classifier model (format ${String(model.format)}, version ${String(model.version)})`,
    );
  }
  const idfBytes = fromBase64(model.idf.data);
  const idf = new Float64Array(idfBytes.length);
  for (let i = 0; i < idf.length; i++) idf[i] = model.idf.min + (idfBytes[i] as number) * model.idf.step;
  const k = model.classes.length;
  const dim = model.features.dim;
  if (idf.length !== dim) throw new Error('Classifier model arrays do not match its dimensions');
  let softmaxWeights = dequantise(model.weights, dim * k);
  let embedding: Embedding | undefined;
  if (model.embedding) {
    const dense = decodeEmbedding(model.embedding, k);
    embedding = dense.embedding;
    const all = new Float64Array(softmaxWeights.length + dense.weights.length);
    all.set(softmaxWeights);
    all.set(dense.weights, softmaxWeights.length);
    softmaxWeights = all;
  }
  const rows = dim + (embedding?.vectors.dims ?? 0);
  const decoded: DecodedModel = {
    idf,
    softmax: { k, dim: rows, weights: softmaxWeights, bias: Float64Array.from(model.bias) },
    softmaxMix: model.softmaxMix ?? 1,
    ...(embedding ? { embedding } : {}),
    ...(model.clusters ? { clusters: decodeClusters(model.clusters) } : {}),
  };
  if (model.nbSvm) {
    const weights = dequantise(model.nbSvm.weights, dim * k);
    decoded.nbSvm = {
      model: { k, dim, weights, bias: Float64Array.from(model.nbSvm.bias) },
      mix: model.nbSvm.mix,
    };
  }
  cache.set(model, decoded);
  return decoded;
}
