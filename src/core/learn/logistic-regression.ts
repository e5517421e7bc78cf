/**
 * L2-regularised, class-balanced logistic regression on standardised dense features, with optional
 * sign constraints: the model behind the good-first-issue feature weights (gfi-weights.json) and the
 * detector confidence (detect-weights.json). Fitted by Newton's method (fitNewtonLogistic): exact,
 * deterministic and fast for a few dozen hand-built features.
 */
import { fitNewtonLogistic } from './newton-logistic.ts';

export interface LogisticModel {
  /** Log-odds at x = 0 (raw feature units). */
  intercept: number;
  /** One coefficient per feature, in raw feature units. */
  coef: number[];
}

export interface LogisticFitOptions {
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

function columnStats(x: readonly (readonly number[])[], d: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j]! / x.length;
  for (const row of x) for (let j = 0; j < d; j++) std[j]! += (row[j]! - mean[j]!) ** 2 / x.length;
  return { mean, std: std.map(Math.sqrt) };
}

function fitUnconstrained(options: LogisticFitOptions): LogisticModel {
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
  const l2 = (options.l2 ?? 0.01) * totalWeight;
  // The intercept (column 0) is not penalised.
  const theta = fitNewtonLogistic({
    x: z,
    y,
    weights,
    l2: [0, ...cols.map(() => l2)],
    maxIterations: 50,
    tolerance: 1e-8,
    mirrorHessian: true,
  });
  const coef = new Array<number>(d).fill(0);
  cols.forEach((j, k) => {
    coef[j] = theta[k + 1]! / std[j]!;
  });
  const intercept = theta[0]! - coef.reduce((acc, c, j) => acc + c * mean[j]!, 0);
  return { intercept, coef };
}

/** Fits the model (sign constraints included); deterministic for given inputs. */
export function fitLogistic(options: LogisticFitOptions): LogisticModel {
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
