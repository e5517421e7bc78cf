/**
 * NB-SVM (Wang & Manning 2012): one-vs-rest linear SVMs on binary features scaled by naive-Bayes
 * log-count ratios. On a few hundred short documents the ratios act as a strong, data-derived
 * feature prior (words that separate the classes get large scales before the SVM sees them), which
 * is why NB-SVM beats plain linear models on small text sets. The SVMs are L2-regularised
 * squared-hinge, solved exactly by dual coordinate descent (Hsieh et al. 2008, as in liblinear),
 * so training is deterministic and needs no learning rate. The ratio is folded into the returned
 * weights: scoring is one sparse dot product on the binary vector, like any linear model.
 */
import { seededRandom, shuffleInPlace } from '../learn/seeded-random.ts';
import { runSteps, type Steps } from '../steps.ts';
import type { SparseVector } from './tfidf.ts';

export interface NbSvmOptions {
  /** SVM cost (inverse L2 strength). */
  c: number;
  /** Laplace smoothing of the feature counts behind the log-count ratios. */
  alpha?: number;
  /** Passes of dual coordinate descent (it usually converges sooner). */
  epochs?: number;
  seed: number;
}

/** One linear scorer per class, bucket-major like softmax weights (`w[i * k + c]`). */
export interface NbSvmWeights {
  k: number;
  dim: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Log-count ratio of class `c` against the rest for every bucket, from binary presence. */
function logCountRatio(
  data: { x: SparseVector[]; y: number[] },
  c: number,
  shape: { dim: number; alpha: number },
): Float64Array {
  const p = new Float64Array(shape.dim).fill(shape.alpha);
  const q = new Float64Array(shape.dim).fill(shape.alpha);
  data.x.forEach((row, n) => {
    const into = data.y[n] === c ? p : q;
    for (const i of row.indices) into[i] = (into[i] as number) + 1;
  });
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < shape.dim; i++) {
    sp += p[i] as number;
    sq += q[i] as number;
  }
  const r = new Float64Array(shape.dim);
  for (let i = 0; i < shape.dim; i++)
    r[i] = Math.log((p[i] as number) / sp) - Math.log((q[i] as number) / sq);
  return r;
}

/**
 * Dual coordinate descent for one binary L2-loss SVM with a bias feature of value 1. Costs are
 * balanced between the positive and negative side (macro-F1 cares for the rarer class).
 */
function* trainBinary(
  rows: SparseVector[],
  positive: boolean[],
  opts: { c: number; epochs: number; seed: number; dim: number },
): Steps<{ w: Float64Array; b: number }> {
  const n = rows.length;
  const pos = positive.filter(Boolean).length;
  const w = new Float64Array(opts.dim);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = Float64Array.from(
    positive,
    (isPos) => 1 / (2 * opts.c * (isPos ? n / (2 * pos) : n / (2 * (n - pos)))),
  );
  const qii = rows.map((row) => row.values.reduce((s, v) => s + v * v, 1));
  const order = Array.from(rows, (_, i) => i);
  const rand = seededRandom(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let maxGradient = 0;
    for (const i of shuffleInPlace(order, rand)) {
      const row = rows[i] as SparseVector;
      const y = positive[i] ? 1 : -1;
      let margin = b;
      for (let j = 0; j < row.indices.length; j++)
        margin += (w[row.indices[j] as number] as number) * (row.values[j] as number);
      const g = y * margin - 1 + (diag[i] as number) * (alpha[i] as number);
      const projected = alpha[i] === 0 ? Math.min(g, 0) : g;
      maxGradient = Math.max(maxGradient, Math.abs(projected));
      if (projected === 0) continue;
      const old = alpha[i] as number;
      alpha[i] = Math.max(old - g / ((qii[i] as number) + (diag[i] as number)), 0);
      const delta = ((alpha[i] as number) - old) * y;
      for (let j = 0; j < row.indices.length; j++) {
        const at = row.indices[j] as number;
        w[at] = (w[at] as number) + delta * (row.values[j] as number);
      }
      b += delta;
    }
    if (maxGradient < 1e-3) break;
    yield;
  }
  return { w, b };
}

/**
 * Trains one NB-SVM per class on binary rows `x` (values are the binary weights, e.g. 1/√nnz)
 * with class indices `y` in [0, k). A class with no examples scores a constant -1 (the SVM's
 * "not this class" target), so it never wins on this component's evidence alone.
 */
export function trainNbSvm(
  data: { x: SparseVector[]; y: number[] },
  shape: { k: number; dim: number },
  opts: NbSvmOptions,
): NbSvmWeights {
  return runSteps(trainNbSvmSteps(data, shape, opts));
}

/** trainNbSvm in steps (core/steps.ts): one step per class's scaled rows and per SVM epoch. */
export function* trainNbSvmSteps(
  data: { x: SparseVector[]; y: number[] },
  shape: { k: number; dim: number },
  opts: NbSvmOptions,
): Steps<NbSvmWeights> {
  const { k, dim } = shape;
  const weights = new Float64Array(dim * k);
  const bias = new Float64Array(k).fill(-1);
  for (let c = 0; c < k; c++) {
    const positive = data.y.map((label) => label === c);
    if (!positive.includes(true) || !positive.includes(false)) continue;
    const r = logCountRatio(data, c, { dim, alpha: opts.alpha ?? 1 });
    const rows = data.x.map((row) => ({
      indices: row.indices,
      values: Float64Array.from(row.values, (v, j) => v * (r[row.indices[j] as number] as number)),
    }));
    yield;
    const { w, b } = yield* trainBinary(rows, positive, {
      c: opts.c,
      epochs: opts.epochs ?? 30,
      seed: opts.seed + c,
      dim,
    });
    for (let i = 0; i < dim; i++) weights[i * k + c] = (w[i] as number) * (r[i] as number);
    bias[c] = b;
  }
  return { k, dim, weights, bias };
}
