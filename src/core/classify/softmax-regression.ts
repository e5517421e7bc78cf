/**
 * Multinomial logistic regression trained by SGD on sparse rows, with L2 regularisation toward an
 * optional prior. With no prior this is ordinary regularised softmax regression; with a prior (a
 * global model's weights) it is the classic MAP adaptation: the repository's own examples move the
 * weights only as far as they are evidence for, and classes the prior lacks start at zero.
 * Weights are laid out bucket-major (`w[i * k + c]`) so one sparse dot product touches adjacent memory.
 */
import { seededRandom, shuffleInPlace } from '../learn/seeded-random.ts';
import { runSteps, type Steps } from '../steps.ts';
import type { SparseVector } from './tfidf.ts';

export interface SoftmaxOptions {
  /** L2 strength (per example). */
  lambda: number;
  epochs: number;
  seed: number;
  /** Initial learning rate; decays as eta0 / (1 + eta0 * lambda * t). */
  eta0?: number;
  /** Weigh each class inversely to its frequency (macro-F1 cares for rare classes). */
  balanceClasses?: boolean;
  /** Per-example weights (e.g. up-weighting a repository's own examples). */
  sampleWeights?: number[];
  /** Weights to regularise toward, bucket-major with `k` classes, and their biases. */
  prior?: { weights: Float64Array; bias: Float64Array };
}

export interface SoftmaxWeights {
  k: number;
  dim: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Scores x·w_c + b_c for every class into `out`. */
export function scoreInto(model: SoftmaxWeights, x: SparseVector, out: Float64Array): void {
  const { k, weights, bias } = model;
  for (let c = 0; c < k; c++) out[c] = bias[c] as number;
  for (let j = 0; j < x.indices.length; j++) {
    const base = (x.indices[j] as number) * k;
    const v = x.values[j] as number;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (weights[base + c] as number);
  }
}

/** In-place softmax. */
export function softmaxInPlace(s: Float64Array): void {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    s[c] = Math.exp((s[c] as number) - max);
    sum += s[c] as number;
  }
  for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) / sum;
}

function exampleWeights(y: number[], k: number, opts: SoftmaxOptions): Float64Array {
  const counts = new Float64Array(k);
  for (const c of y) counts[c] = (counts[c] as number) + 1;
  return Float64Array.from(y, (c, n) => {
    const balance = opts.balanceClasses ? y.length / (k * (counts[c] as number)) : 1;
    return balance * (opts.sampleWeights?.[n] ?? 1);
  });
}

/**
 * Trains on rows `x` with class indices `y` in [0, k). The L2 term is applied lazily through a
 * global scale factor on the deviation from the prior, so each step costs O(nnz · k).
 */
export function trainSoftmax(
  data: { x: SparseVector[]; y: number[] },
  shape: { k: number; dim: number },
  opts: SoftmaxOptions,
): SoftmaxWeights {
  return runSteps(trainSoftmaxSteps(data, shape, opts));
}

/** trainSoftmax in steps (core/steps.ts): one step per epoch. */
export function* trainSoftmaxSteps(
  data: { x: SparseVector[]; y: number[] },
  shape: { k: number; dim: number },
  opts: SoftmaxOptions,
): Steps<SoftmaxWeights> {
  const { x, y } = data;
  const { k, dim } = shape;
  const dev = new Float64Array(dim * k); // weights = prior + scale * dev
  const priorBias = opts.prior ? opts.prior.bias : new Float64Array(k);
  const bias = Float64Array.from(priorBias);
  const prior = opts.prior?.weights;
  const ew = exampleWeights(y, k, opts);
  const rand = seededRandom(opts.seed);
  const order = Array.from(x, (_, i) => i);
  const eta0 = opts.eta0 ?? 0.5;
  const p = new Float64Array(k);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const n of shuffleInPlace(order, rand)) {
      const row = x[n] as SparseVector;
      const eta = eta0 / (1 + eta0 * opts.lambda * t++);
      for (let c = 0; c < k; c++) p[c] = bias[c] as number;
      for (let j = 0; j < row.indices.length; j++) {
        const base = (row.indices[j] as number) * k;
        const v = row.values[j] as number;
        for (let c = 0; c < k; c++) {
          p[c] =
            (p[c] as number) +
            v * ((prior ? (prior[base + c] as number) : 0) + scale * (dev[base + c] as number));
        }
      }
      softmaxInPlace(p);
      scale *= 1 - eta * opts.lambda;
      const g = (ew[n] as number) * eta;
      for (let c = 0; c < k; c++) {
        const err = (p[c] as number) - (c === y[n] ? 1 : 0);
        // The bias is pulled toward the prior too: a repository whose history holds one class
        // must not turn every prediction into that class.
        const pull = eta * opts.lambda * ((bias[c] as number) - (priorBias[c] as number));
        bias[c] = (bias[c] as number) - g * err - pull;
        const step = (g * err) / scale;
        for (let j = 0; j < row.indices.length; j++) {
          const at = (row.indices[j] as number) * k + c;
          dev[at] = (dev[at] as number) - step * (row.values[j] as number);
        }
      }
      if (scale < 1e-6) {
        for (let i = 0; i < dev.length; i++) dev[i] = (dev[i] as number) * scale;
        scale = 1;
      }
    }
    yield;
  }
  const weights = new Float64Array(dim * k);
  for (let i = 0; i < weights.length; i++)
    weights[i] = (prior ? (prior[i] as number) : 0) + scale * (dev[i] as number);
  return { k, dim, weights, bias };
}
