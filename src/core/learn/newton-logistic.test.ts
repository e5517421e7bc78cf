import { describe, expect, it } from 'vitest';
import { fitNewtonLogistic, solveLinearSystem, type NewtonLogisticProblem } from './newton-logistic.ts';
import { seededRandom } from './seeded-random.ts';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Rows [1, x1, x2] drawn from a known logistic model: log-odds = -1 + 2·x1 - 1·x2. */
function drawn(n: number): { x: number[][]; y: number[] } {
  const random = seededRandom(3);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [1, random() * 4 - 2, random() * 4 - 2];
    x.push(row);
    y.push(random() < sigmoid(-1 + 2 * row[1]! - row[2]!) ? 1 : 0);
  }
  return { x, y };
}

/** Gradient of the penalised objective at theta, over the parameters not held fixed. */
function objectiveGradient(problem: NewtonLogisticProblem, theta: number[]): number[] {
  const grad = theta.map((t, j) => problem.l2[j]! * t);
  problem.x.forEach((row, i) => {
    const eta = row.reduce((acc, v, j) => acc + v * theta[j]!, problem.offset?.[i] ?? 0);
    const r = problem.weights[i]! * (sigmoid(eta) - problem.y[i]!);
    row.forEach((v, j) => (grad[j]! += r * v));
  });
  return grad.filter((_, j) => !problem.fixed?.has(j));
}

describe('fitNewtonLogistic', () => {
  const { x, y } = drawn(4000);
  const base: NewtonLogisticProblem = { x, y, weights: y.map(() => 1), l2: [0, 0, 0], tolerance: 1e-10 };

  it('recovers the parameters of the model that drew the data', () => {
    const theta = fitNewtonLogistic(base);
    expect(theta[0]).toBeCloseTo(-1, 0);
    expect(theta[1]).toBeCloseTo(2, 0);
    expect(theta[2]).toBeCloseTo(-1, 0);
  });

  it('stops at the optimum: the penalised gradient vanishes', () => {
    const problem = { ...base, l2: [0, 5, 5] };
    const gradient = objectiveGradient(problem, fitNewtonLogistic(problem));
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('converges to finite weights on separable data when penalised, and separates it', () => {
    const sx = [-3, -2, -1, 1, 2, 3].map((v) => [1, v]);
    const sy = [0, 0, 0, 1, 1, 1];
    const theta = fitNewtonLogistic({
      x: sx,
      y: sy,
      weights: sy.map(() => 1),
      l2: [0, 0.1],
      tolerance: 1e-10,
    });
    expect(Number.isFinite(theta[1])).toBe(true);
    expect(theta[1]).toBeGreaterThan(0);
    sx.forEach((row, i) => expect(row[0]! * theta[0]! + row[1]! * theta[1]! > 0).toBe(sy[i] === 1));
  });

  it('shrinks the penalised weights as the L2 strength grows, not the free intercept', () => {
    const weak = fitNewtonLogistic({ ...base, l2: [0, 1, 1] });
    const strong = fitNewtonLogistic({ ...base, l2: [0, 1000, 1000] });
    expect(Math.abs(strong[1]!)).toBeLessThan(Math.abs(weak[1]!) / 2);
    expect(Math.abs(strong[2]!)).toBeLessThan(Math.abs(weak[2]!) / 2);
  });

  it('holds fixed parameters, and an offset counts as a fixed column', () => {
    const fixed = fitNewtonLogistic({ ...base, fixed: new Map([[1, 1.5]]) });
    expect(fixed[1]).toBe(1.5);
    const viaOffset = fitNewtonLogistic({
      ...base,
      x: x.map((row) => [row[0]!, 0, row[2]!]),
      offset: x.map((row) => 1.5 * row[1]!),
      // A column of zeros with no penalty has no curvature: it must be held too.
      fixed: new Map([[1, 0]]),
    });
    expect(viaOffset[0]).toBeCloseTo(fixed[0]!, 8);
    expect(viaOffset[2]).toBeCloseTo(fixed[2]!, 8);
  });

  it('damping keeps a step defined without pulling the parameter (intercept-only fit = weighted log-odds)', () => {
    const weights = y.map((label) => (label ? 1 : 0.25));
    const theta = fitNewtonLogistic({
      x: x.map(() => [1]),
      y,
      weights,
      l2: [0],
      damping: [1e-6],
      tolerance: 1e-12,
    });
    const positive = weights.reduce((acc, w, i) => acc + w * y[i]!, 0);
    const negative = weights.reduce((acc, w, i) => acc + w * (1 - y[i]!), 0);
    expect(theta[0]).toBeCloseTo(Math.log(positive / negative), 8);
  });

  it('reaches the same optimum whether the Hessian is mirrored or summed whole', () => {
    const problem = { ...base, l2: [0, 2, 2] };
    const summed = fitNewtonLogistic(problem);
    const mirrored = fitNewtonLogistic({ ...problem, mirrorHessian: true });
    mirrored.forEach((value, j) => expect(value).toBeCloseTo(summed[j]!, 10));
  });

  it('is deterministic', () => {
    expect(fitNewtonLogistic(base)).toEqual(fitNewtonLogistic(base));
  });
});

describe('solveLinearSystem', () => {
  it('solves a system that needs a row swap', () => {
    // 2b + c = 7, a + b + c = 6, 2a + b + 3c = 13: a = 1, b = 2, c = 3 (the first pivot is 0).
    const solution = solveLinearSystem(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 1, 3],
      ],
      [7, 6, 13],
    );
    const expected = [1, 2, 3];
    solution.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });
});
