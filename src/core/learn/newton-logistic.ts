/**
 * Weighted, L2-penalised binary logistic regression on dense rows, fitted by Newton's method: exact
 * and deterministic (no randomness, no learning rate) for the few dozen parameters of Loupe's small
 * models. This is the one Newton solver; the models around it (fitLogistic's standardising and sign
 * constraints, the good-first-issue adaptation's offset and bounds, the duplicate-suggestion
 * calibration) only say what they fit.
 *
 * Objective: sum_i weight_i * logloss(y_i, offset_i + theta · x_i) + sum_j l2_j / 2 * theta_j^2.
 */

export interface NewtonLogisticProblem {
  /** Design rows, one parameter per column; a caller that wants an intercept puts a constant 1 in a column. */
  x: readonly (readonly number[])[];
  /** Targets in [0, 1], one per row (usually 0 or 1). */
  y: readonly number[];
  /** Sample weight per row. */
  weights: readonly number[];
  /** L2 penalty per parameter (0 leaves it free). */
  l2: readonly number[];
  /**
   * Added to the curvature only, per parameter: keeps the Newton system solvable (a near-constant
   * column) without pulling the parameter toward 0 the way a penalty would.
   */
  damping?: readonly number[];
  /** A fixed part of each row's log-odds that no parameter scales (default 0). */
  offset?: readonly number[];
  /** Parameters held at a value (by column); the others are fitted. */
  fixed?: ReadonlyMap<number, number>;
  /** Default 50. */
  maxIterations?: number;
  /** Stop once no parameter moves by this much in a step; 0 runs every iteration. */
  tolerance: number;
  /**
   * Sum the Hessian's upper triangle only and mirror it (half the work). Left false, every entry
   * is summed as (h·x_a)·x_b; (h·x_b)·x_a can differ in the last bit, so each model keeps the way
   * its shipped numbers were computed (default false).
   */
  mirrorHessian?: boolean;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * The fitted parameters, one per column (fixed ones at their value). Deterministic: the same
 * problem gives the same bits, whatever else runs.
 */
export function fitNewtonLogistic(problem: NewtonLogisticProblem): number[] {
  const { x, l2, fixed } = problem;
  const d = x[0]?.length ?? l2.length;
  const theta = new Array<number>(d).fill(0);
  for (const [j, value] of fixed ?? []) theta[j] = value;
  const free = theta.flatMap((_, j) => (fixed?.has(j) ? [] : [j]));
  // The free columns, gathered once, column by column: each Hessian entry is then one dot product
  // over adjacent memory.
  const columns = free.map((j) => Float64Array.from(x, (row) => row[j]!));
  const maxIterations = problem.maxIterations ?? 50;
  for (let iter = 0; iter < maxIterations; iter++) {
    const step = newtonStep(problem, theta, { free, columns });
    let largest = 0;
    free.forEach((j, a) => {
      theta[j]! -= step[a]!;
      largest = Math.max(largest, Math.abs(step[a]!));
    });
    if (largest < problem.tolerance) break;
  }
  return theta;
}

/** The Newton step (Hessian⁻¹ · gradient) over the free parameters at `theta`. */
function newtonStep(
  problem: NewtonLogisticProblem,
  theta: readonly number[],
  at: { free: readonly number[]; columns: readonly Float64Array[] },
): number[] {
  const { x, y, weights, l2 } = problem;
  const n = x.length;
  const residual = new Float64Array(n);
  const curvature = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    let eta = problem.offset?.[i] ?? 0;
    for (let j = 0; j < theta.length; j++) eta += theta[j]! * row[j]!;
    const p = sigmoid(eta);
    residual[i] = weights[i]! * (p - y[i]!);
    curvature[i] = weights[i]! * p * (1 - p);
  }
  // Each entry is summed over the rows in order, as the row-by-row loops this replaced did, so the
  // fits keep their bits.
  const m = at.free.length;
  const mirror = problem.mirrorHessian ?? false;
  const rhs = new Array<number>(m);
  const system = Array.from({ length: m }, () => new Array<number>(m));
  const scaled = new Float64Array(n);
  for (let a = 0; a < m; a++) {
    const column = at.columns[a]!;
    let g = 0;
    for (let i = 0; i < n; i++) {
      g += residual[i]! * column[i]!;
      scaled[i] = curvature[i]! * column[i]!;
    }
    rhs[a] = g;
    for (let b = mirror ? a : 0; b < m; b++) {
      const other = at.columns[b]!;
      let h = 0;
      for (let i = 0; i < n; i++) h += scaled[i]! * other[i]!;
      system[a]![b] = h;
    }
  }
  if (mirror) for (let a = 1; a < m; a++) for (let b = 0; b < a; b++) system[a]![b] = system[b]![a]!;
  at.free.forEach((j, a) => {
    rhs[a]! += l2[j]! * theta[j]!;
    system[a]![a]! += l2[j]! + (problem.damping?.[j] ?? 0);
  });
  return solveLinearSystem(system, rhs);
}

/**
 * Solves A z = b by Gaussian elimination with partial pivoting, overwriting `a` and `b`. For the
 * small symmetric positive-definite systems of a Newton step.
 */
export function solveLinearSystem(a: number[][], b: number[]): number[] {
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
