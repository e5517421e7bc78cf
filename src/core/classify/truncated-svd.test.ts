import { describe, expect, it } from 'vitest';
import { symmetricEigen, truncatedSvd } from './truncated-svd.ts';
import type { CsrMatrix } from './truncated-svd.ts';

/** CSR form of a dense row-major matrix. */
function csr(dense: number[][]): CsrMatrix {
  const rowStart = [0];
  const colIndex: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((v, j) => {
      if (v !== 0) {
        colIndex.push(j);
        values.push(v);
      }
    });
    rowStart.push(colIndex.length);
  }
  return {
    rows: dense.length,
    cols: (dense[0] as number[]).length,
    rowStart: Int32Array.from(rowStart),
    colIndex: Int32Array.from(colIndex),
    values: Float64Array.from(values),
  };
}

describe('symmetricEigen', () => {
  it('finds the eigenvalues and eigenvectors of a symmetric matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 3 (vector [1,1]/√2) and 1 (vector [1,-1]/√2).
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    const order = values[0]! > values[1]! ? [0, 1] : [1, 0];
    expect(values[order[0]!]).toBeCloseTo(3, 10);
    expect(values[order[1]!]).toBeCloseTo(1, 10);
    const top = order[0]!;
    expect(Math.abs(vectors[0 * 2 + top]!)).toBeCloseTo(Math.SQRT1_2, 10);
    expect(vectors[0 * 2 + top]! * vectors[1 * 2 + top]!).toBeGreaterThan(0);
  });
});

describe('truncatedSvd', () => {
  it('recovers the singular values and left vectors of a low-rank matrix', () => {
    // M = 5·u1·v1ᵀ + 2·u2·v2ᵀ with orthonormal u1, u2 (4 rows) and v1, v2 (6 columns).
    const v1 = [1, 1, 0, 0, 1, 1].map((v) => v / 2);
    const v2 = [1, -1, 1, -1, 0, 0].map((v) => v / 2);
    const u1 = [1, 0, 1, 1].map((v) => v / Math.sqrt(3));
    const u2 = [0, 1, 1, -1].map((v) => v / Math.sqrt(3));
    const dense = u1.map((x, i) => v1.map((a, j) => 5 * x * a + 2 * u2[i]! * v2[j]!));
    const svd = truncatedSvd(csr(dense), { rank: 2, seed: 3 });
    expect(svd.singularValues[0]).toBeCloseTo(5, 8);
    expect(svd.singularValues[1]).toBeCloseTo(2, 8);
    const column = (r: number): number[] => [0, 1, 2, 3].map((i) => svd.u[i * 2 + r]!);
    const dot = (x: number[], y: number[]): number => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(Math.abs(dot(column(0), u1))).toBeCloseTo(1, 8);
    expect(Math.abs(dot(column(1), u2))).toBeCloseTo(1, 8);
  });

  it('is deterministic for a seed', () => {
    const m = csr([
      [1, 2, 0],
      [0, 1, 3],
      [4, 0, 1],
    ]);
    expect(truncatedSvd(m, { rank: 2, seed: 1 })).toEqual(truncatedSvd(m, { rank: 2, seed: 1 }));
  });
});
