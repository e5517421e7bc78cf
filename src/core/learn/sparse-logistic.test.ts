import { describe, expect, it } from 'vitest';
import { fitSparseLogistic, packSparseRows } from './sparse-logistic.ts';

// Column 0 marks positives, column 1 negatives, column 2 is shared noise.
function toy(): { rows: ReturnType<typeof packSparseRows>; labels: number[] } {
  const plain: { index: number[]; value: number[] }[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const y = i % 6 === 0 ? 1 : 0;
    plain.push({ index: [y ? 0 : 1, 2], value: [1, ((i * 37) % 10) / 10] });
    labels.push(y);
  }
  return { rows: packSparseRows(plain, 3), labels };
}

describe('fitSparseLogistic', () => {
  it('learns weights that separate a separable set', () => {
    const { rows, labels } = toy();
    const model = fitSparseLogistic({ rows, labels, l2: 0.01 });
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(Math.abs(model.weights[2]!)).toBeLessThan(Math.abs(model.weights[0]!));
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const { rows, labels } = toy();
    const weak = fitSparseLogistic({ rows, labels, l2: 0.01 });
    const strong = fitSparseLogistic({ rows, labels, l2: 1 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
  });

  it('reaches the same optimum from a warm start, deterministically', () => {
    const { rows, labels } = toy();
    const cold = fitSparseLogistic({ rows, labels, l2: 0.05 });
    const warm = fitSparseLogistic({
      rows,
      labels,
      l2: 0.05,
      init: fitSparseLogistic({ rows, labels, l2: 0.5 }),
    });
    for (let j = 0; j < 3; j++) expect(warm.weights[j]).toBeCloseTo(cold.weights[j]!, 4);
    expect(fitSparseLogistic({ rows, labels, l2: 0.05 })).toEqual(cold);
  });

  it('refuses a single-class set', () => {
    const { rows } = toy();
    expect(() => fitSparseLogistic({ rows, labels: new Array<number>(60).fill(0), l2: 0.1 })).toThrow(
      /both classes/,
    );
  });
});
