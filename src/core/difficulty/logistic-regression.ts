/**
 * L2-regularised logistic regression fitted by Newton's method: exact, deterministic and fast
 * for the few dozen hand-built features the difficulty scorer uses (no randomness, no learning rate).
 */

export interface LogisticModel {
  /** Log-odds at x = 0 (raw feature units). */
  intercept: number;
  /** One coefficient per feature, in raw feature units. */
  coef: number[];
}

export interface FitOptions {
  /** Feature rows. */
  x: readonly (readonly number[])[];
  /** 1 for positive, 0 for negative. */
  y: readonly number[];
  /** L2 penalty on standardised weights, relative to the total sample weight (default 0.01). */
  l2?: number;
  /** Weight classes so that both count equally (default true): positives are rare. */
  balanced?: boolean;
  /** Columns excluded from fitting (coefficient forced to 0). */
  frozen?: ReadonlySet<number>;
  /**
   * Required sign per column (+1, -1, 0 = free). A column whose fitted coefficient has the wrong
   * sign is frozen at 0 and the rest refitted, worst violation first, until every sign holds.
   */
  signs?: readonly number[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Solves A x = b in place by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const diag = a[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / diag;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= factor * a[col]![c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = b[r]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * out[c]!;
    out[r] = sum / a[r]![r]!;
  }
  return out;
}

function columnStats(x: readonly (readonly number[])[], d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j]! / x.length;
  for (const row of x) for (let j = 0; j < d; j++) std[j]! += (row[j]! - mean[j]!) ** 2 / x.length;
  return { mean, std: std.map(Math.sqrt) };
}

/** One Newton step on standardised data; returns the largest parameter change. */
function newtonStep(
  z: number[][],
  y: readonly number[],
  w: readonly number[],
  state: { theta: number[]; l2: number },
): number {
  const p = state.theta.length;
  const grad = new Array<number>(p).fill(0);
  const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < z.length; i++) {
    const row = z[i]!;
    let eta = 0;
    for (let j = 0; j < p; j++) eta += state.theta[j]! * row[j]!;
    const prob = sigmoid(eta);
    const r = w[i]! * (prob - y[i]!);
    const h = w[i]! * prob * (1 - prob);
    for (let j = 0; j < p; j++) {
      grad[j]! += r * row[j]!;
      for (let k = j; k < p; k++) hess[j]![k]! += h * row[j]! * row[k]!;
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    // The intercept (j = 0) is not penalised.
    if (j > 0) {
      grad[j]! += state.l2 * state.theta[j]!;
      hess[j]![j]! += state.l2;
    }
  }
  const step = solve(hess, grad);
  let largest = 0;
  for (let j = 0; j < p; j++) {
    state.theta[j]! -= step[j]!;
    largest = Math.max(largest, Math.abs(step[j]!));
  }
  return largest;
}

function fitUnconstrained(options: FitOptions): LogisticModel {
  const { x, y } = options;
  const d = x[0]?.length ?? 0;
  const positives = y.reduce((a, b) => a + b, 0);
  if (positives === 0 || positives === y.length) throw new Error('fitLogistic needs both classes');
  const { mean, std } = columnStats(x, d);
  const balanced = options.balanced ?? true;
  const weights = y.map((label) =>
    balanced ? y.length / (2 * (label ? positives : y.length - positives)) : 1,
  );
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // Constant and frozen columns are left out of the fit and get coefficient 0.
  const cols = std.flatMap((s, j) => (s > 1e-12 && !options.frozen?.has(j) ? [j] : []));
  const z = x.map((row) => [1, ...cols.map((j) => (row[j]! - mean[j]!) / std[j]!)]);
  const state = { theta: new Array<number>(cols.length + 1).fill(0), l2: (options.l2 ?? 0.01) * totalWeight };
  for (let iter = 0; iter < 50; iter++) if (newtonStep(z, y, weights, state) < 1e-8) break;
  const coef = new Array<number>(d).fill(0);
  cols.forEach((j, k) => {
    coef[j] = state.theta[k + 1]! / std[j]!;
  });
  const intercept = state.theta[0]! - coef.reduce((acc, c, j) => acc + c * mean[j]!, 0);
  return { intercept, coef };
}

/** Fits the model (sign constraints included); deterministic for given inputs. */
export function fitLogistic(options: FitOptions): LogisticModel {
  const frozen = new Set(options.frozen ?? []);
  for (;;) {
    const model = fitUnconstrained({ ...options, frozen });
    let worst = -1;
    let worstSize = 0;
    model.coef.forEach((c, j) => {
      const sign = options.signs?.[j] ?? 0;
      if (sign !== 0 && c * sign < 0 && Math.abs(c) > worstSize) {
        worst = j;
        worstSize = Math.abs(c);
      }
    });
    if (worst < 0) return model;
    frozen.add(worst);
  }
}

/** Log-odds of one row. */
export function predictLogit(model: LogisticModel, row: readonly number[]): number {
  let eta = model.intercept;
  for (let j = 0; j < model.coef.length; j++) eta += (model.coef[j] ?? 0) * (row[j] ?? 0);
  return eta;
}
