/**
 * L2-regularised, class-balanced logistic regression over sparse rows (thousands of word terms,
 * a few hundred per row), fitted by accelerated gradient descent with a fixed step and adaptive
 * restart: deterministic, no learning rate to tune, converges to the unique optimum.
 */

/** Sparse rows in compressed form: row i holds entries start[i] .. start[i+1]-1. */
export interface SparseRows {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
  /** Number of columns. */
  dims: number;
}

export interface SparseFitOptions {
  rows: SparseRows;
  /** 1 positive, 0 negative. */
  labels: readonly number[];
  /** L2 strength on the weights (not the intercept); the data term is a weighted mean. */
  l2: number;
  /** Weight classes so that both count equally (default true). */
  balanced?: boolean;
  maxIterations?: number;
  /** Starting point (warm start along a path of L2 strengths); zero when absent. */
  init?: SparseLogisticModel;
}

/** Largest gradient component at which the fit stops; far below what changes a ranking. */
const TOLERANCE = 1e-6;

export interface SparseLogisticModel {
  intercept: number;
  weights: Float64Array;
}

/** Packs plain sparse rows ({index → value} lists) into compressed form. */
export function packSparseRows(
  rows: readonly { index: number[]; value: number[] }[],
  dims: number,
): SparseRows {
  const start = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => {
    start[i + 1] = start[i]! + row.index.length;
  });
  const index = new Int32Array(start[rows.length]!);
  const value = new Float64Array(start[rows.length]!);
  rows.forEach((row, i) => {
    index.set(row.index, start[i]!);
    value.set(row.value, start[i]!);
  });
  return { start, index, value, dims };
}

/** Row i's dot product with w, plus b. */
function margin(rows: SparseRows, i: number, w: Float64Array, b: number): number {
  let eta = b;
  for (let k = rows.start[i]!; k < rows.start[i + 1]!; k++) eta += w[rows.index[k]!]! * rows.value[k]!;
  return eta;
}

/** Gradient of the objective at (w, b): written into gw; the intercept's component is returned. */
function gradientAt(
  problem: { rows: SparseRows; y: readonly number[]; c: Float64Array; l2: number },
  at: { w: Float64Array; b: number; gw: Float64Array },
): number {
  const { rows, y, c, l2 } = problem;
  const { w, b, gw } = at;
  gw.fill(0);
  let gb = 0;
  for (let i = 0; i < y.length; i++) {
    const r = c[i]! * (1 / (1 + Math.exp(-margin(rows, i, w, b))) - y[i]!);
    gb += r;
    for (let k = rows.start[i]!; k < rows.start[i + 1]!; k++) gw[rows.index[k]!]! += r * rows.value[k]!;
  }
  for (let j = 0; j < w.length; j++) gw[j]! += l2 * w[j]!;
  return gb;
}

function sampleWeights(labels: readonly number[], balanced: boolean): Float64Array {
  const positives = labels.reduce((a, b) => a + b, 0);
  if (positives === 0 || positives === labels.length) throw new Error('fitSparseLogistic needs both classes');
  const c = new Float64Array(labels.length);
  labels.forEach((y, i) => {
    c[i] = balanced ? 0.5 / (y === 1 ? positives : labels.length - positives) : 1 / labels.length;
  });
  return c;
}

/** Fits the model; deterministic for given inputs. */
export function fitSparseLogistic(options: SparseFitOptions): SparseLogisticModel {
  const { rows, labels, l2 } = options;
  const problem = { rows, y: labels, c: sampleWeights(labels, options.balanced ?? true), l2 };
  let maxSquaredNorm = 0;
  for (let i = 0; i < labels.length; i++) {
    let s = 1; // the intercept's constant column
    for (let k = rows.start[i]!; k < rows.start[i + 1]!; k++) s += rows.value[k]! ** 2;
    maxSquaredNorm = Math.max(maxSquaredNorm, s);
  }
  // The log-loss curvature is at most 1/4; the sample weights sum to 1.
  const step = 1 / (0.25 * maxSquaredNorm + l2);
  const w = new Float64Array(rows.dims);
  if (options.init) w.set(options.init.weights);
  const wPrev = new Float64Array(rows.dims);
  const v = Float64Array.from(w);
  const gw = new Float64Array(rows.dims);
  let b = options.init?.intercept ?? 0;
  let bPrev = b;
  let vb = b;
  let t = 1;
  for (let iter = 0; iter < (options.maxIterations ?? 3000); iter++) {
    const gb = gradientAt(problem, { w: v, b: vb, gw });
    wPrev.set(w);
    bPrev = b;
    let largest = Math.abs(gb);
    let ascent = 0;
    for (let j = 0; j < w.length; j++) {
      w[j] = v[j]! - step * gw[j]!;
      largest = Math.max(largest, Math.abs(gw[j]!));
      ascent += gw[j]! * (w[j]! - wPrev[j]!);
    }
    b = vb - step * gb;
    ascent += gb * (b - bPrev);
    if (largest < TOLERANCE) break;
    // Gradient restart (O'Donoghue & Candès): drop the momentum once it points uphill.
    if (ascent > 0) t = 1;
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / tNext;
    for (let j = 0; j < w.length; j++) v[j] = w[j]! + momentum * (w[j]! - wPrev[j]!);
    vb = b + momentum * (b - bPrev);
    t = tNext;
  }
  return { intercept: b, weights: w };
}
