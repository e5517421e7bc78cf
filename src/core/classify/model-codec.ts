/**
 * The serialised classifier: plain JSON with quantised arrays as base64, so a global model for
 * 2^18 buckets fits in about 1.4 MB and decodes in milliseconds. idf is stored as uint8 on a
 * linear scale, weights as int8 with one scale; the quantisation error is measured by the bench
 * because the bench scores the decoded model, not the float one.
 */
import type { FeatureOptions } from './text-features.ts';
import type { SoftmaxWeights } from './softmax-regression.ts';

/** A trained issue-type classifier; JSON-serialisable and immutable once built. */
export interface TextClassifierModel {
  format: 'loupe-text-classifier';
  version: 1;
  /** Class labels in score order. */
  classes: string[];
  features: FeatureOptions;
  /** Number of training examples (informational). */
  examples: number;
  idf: { min: number; step: number; data: string };
  /** Bucket-major (`w[i * classes.length + c]`) int8 weights times `scale`. */
  weights: { scale: number; data: string };
  bias: number[];
}

export interface DecodedModel {
  idf: Float64Array;
  softmax: SoftmaxWeights;
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

/** Quantises a trained model into its JSON form. */
export function encodeModel(input: {
  classes: string[];
  features: FeatureOptions;
  examples: number;
  idf: Float64Array;
  softmax: SoftmaxWeights;
}): TextClassifierModel {
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
  let maxAbs = 0;
  for (const v of input.softmax.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = tidy(maxAbs > 0 ? maxAbs / 127 : 1);
  const w = new Int8Array(input.softmax.weights.length);
  for (let i = 0; i < w.length; i++) {
    w[i] = Math.max(-127, Math.min(127, Math.round((input.softmax.weights[i] as number) / scale)));
  }
  return {
    format: 'loupe-text-classifier',
    version: 1,
    classes: [...input.classes],
    features: { ...input.features },
    examples: input.examples,
    idf: { min, step, data: toBase64(idfBytes) },
    weights: { scale, data: toBase64(new Uint8Array(w.buffer)) },
    bias: Array.from(input.softmax.bias, tidy),
  };
}

const cache = new WeakMap<TextClassifierModel, DecodedModel>();

/** Decodes (and memoises per model object) the quantised arrays. */
export function decodeModel(model: TextClassifierModel): DecodedModel {
  const hit = cache.get(model);
  if (hit) return hit;
  if (model.format !== 'loupe-text-classifier' || model.version !== 1) {
    throw new Error(`Unsupported classifier model (format ${String(model.format)}, version ${String(model.version)})`);
  }
  const idfBytes = fromBase64(model.idf.data);
  // Plain loops: typed-array `from` with a mapper is several times slower on 10^6 elements.
  const idf = new Float64Array(idfBytes.length);
  for (let i = 0; i < idf.length; i++) idf[i] = model.idf.min + (idfBytes[i] as number) * model.idf.step;
  const raw = fromBase64(model.weights.data);
  const w = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
  const k = model.classes.length;
  if (idf.length !== model.features.dim || w.length !== model.features.dim * k) {
    throw new Error('Classifier model arrays do not match its dimensions');
  }
  const weights = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) weights[i] = (w[i] as number) * model.weights.scale;
  const decoded = { idf, softmax: { k, dim: model.features.dim, weights, bias: Float64Array.from(model.bias) } };
  cache.set(model, decoded);
  return decoded;
}
