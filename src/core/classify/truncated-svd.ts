/**
 * Truncated SVD of a sparse matrix by randomised subspace iteration (Halko, Martinsson & Tropp
 * 2011): a seeded Gaussian sketch, a few power iterations with re-orthonormalisation, then the exact
 * SVD of the small projected matrix (Jacobi eigenvalues of B·Bᵀ). Deterministic for a seed; cost is
 * O(nnz · (rank + oversample) · iterations), which is seconds for a 20k × 20k PPMI matrix.
 */
import { seededRandom } from '../learn/seeded-random.ts';

/** A sparse matrix in compressed-row form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** rowStart[i]..rowStart[i + 1] index colIndex/values of row i. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** The leading `rank` left singular vectors (row-major rows × rank) and singular values. */
export interface TruncatedSvd {
  rank: number;
  u: Float64Array;
  singularValues: Float64Array;
}

/** out (rows × l) = M · x (cols × l), both row-major. */
function multiply(m: CsrMatrix, x: Float64Array, l: number): Float64Array {
  const out = new Float64Array(m.rows * l);
  for (let i = 0; i < m.rows; i++) {
    const o = i * l;
    for (let p = m.rowStart[i] as number; p < (m.rowStart[i + 1] as number); p++) {
      const v = m.values[p] as number;
      const base = (m.colIndex[p] as number) * l;
      for (let c = 0; c < l; c++) out[o + c] = (out[o + c] as number) + v * (x[base + c] as number);
    }
  }
  return out;
}

/** out (cols × l) = Mᵀ · y (rows × l). */
function multiplyTransposed(m: CsrMatrix, y: Float64Array, l: number): Float64Array {
  const out = new Float64Array(m.cols * l);
  for (let i = 0; i < m.rows; i++) {
    const o = i * l;
    for (let p = m.rowStart[i] as number; p < (m.rowStart[i + 1] as number); p++) {
      const v = m.values[p] as number;
      const base = (m.colIndex[p] as number) * l;
      for (let c = 0; c < l; c++) out[base + c] = (out[base + c] as number) + v * (y[o + c] as number);
    }
  }
  return out;
}

/**
 * Orthonormalises the l columns of a row-major n × l matrix in place (Gram-Schmidt, projecting twice
 * so orthogonality survives cancellation). A column left with no norm of its own (the matrix has
 * lower rank than l) becomes zero rather than amplified rounding noise.
 */
function orthonormalise(a: Float64Array, n: number, l: number): void {
  for (let c = 0; c < l; c++) {
    let before = 0;
    for (let i = 0; i < n; i++) before += (a[i * l + c] as number) ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let prev = 0; prev < c; prev++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (a[i * l + c] as number) * (a[i * l + prev] as number);
        for (let i = 0; i < n; i++)
          a[i * l + c] = (a[i * l + c] as number) - dot * (a[i * l + prev] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (a[i * l + c] as number) ** 2;
    const inv = norm > 1e-20 * before && norm > 1e-300 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) a[i * l + c] = (a[i * l + c] as number) * inv;
  }
}

/** Eigen-decomposition of a symmetric l × l matrix by cyclic Jacobi rotations: values and vectors (columns). */
export function symmetricEigen(s: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (a[p * l + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * l + q] as number) - (a[p * l + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] as number;
          const akq = a[k * l + q] as number;
          a[k * l + p] = cos * akp - sin * akq;
          a[k * l + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] as number;
          const aqk = a[q * l + k] as number;
          a[p * l + k] = cos * apk - sin * aqk;
          a[q * l + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] as number;
          const vkq = v[k * l + q] as number;
          v[k * l + p] = cos * vkp - sin * vkq;
          v[k * l + q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: l }, (_, i) => a[i * l + i] as number), vectors: v };
}

/** Leading `rank` singular triplets' left vectors and values of `m`. */
export function truncatedSvd(
  m: CsrMatrix,
  options: { rank: number; oversample?: number; iterations?: number; seed: number },
): TruncatedSvd {
  const rank = Math.min(options.rank, m.rows, m.cols);
  const l = Math.min(rank + (options.oversample ?? 10), m.rows, m.cols);
  const rand = seededRandom(options.seed);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const omega = Float64Array.from({ length: m.cols * l }, gaussian);
  const q = multiply(m, omega, l);
  orthonormalise(q, m.rows, l);
  for (let it = 0; it < (options.iterations ?? 4); it++) {
    const z = multiplyTransposed(m, q, l);
    orthonormalise(z, m.cols, l);
    q.set(multiply(m, z, l));
    orthonormalise(q, m.rows, l);
  }
  // B = Qᵀ M (l × cols); B·Bᵀ = Qᵀ M Mᵀ Q, whose eigenvectors rotate Q into the left singular vectors.
  const bt = multiplyTransposed(m, q, l); // Mᵀ Q = Bᵀ, cols × l
  const gram = new Float64Array(l * l);
  for (let j = 0; j < m.cols; j++) {
    for (let a = 0; a < l; a++) {
      const x = bt[j * l + a] as number;
      if (x === 0) continue;
      for (let b = a; b < l; b++)
        gram[a * l + b] = (gram[a * l + b] as number) + x * (bt[j * l + b] as number);
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) gram[a * l + b] = gram[b * l + a] as number;
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort(
    (a, b) => (values[b] as number) - (values[a] as number),
  );
  const u = new Float64Array(m.rows * rank);
  for (let i = 0; i < m.rows; i++) {
    for (let r = 0; r < rank; r++) {
      const e = order[r] as number;
      let s = 0;
      for (let c = 0; c < l; c++) s += (q[i * l + c] as number) * (vectors[c * l + e] as number);
      u[i * rank + r] = s;
    }
  }
  const singularValues = Float64Array.from({ length: rank }, (_, r) =>
    Math.sqrt(Math.max(0, values[order[r] as number] as number)),
  );
  return { rank, u, singularValues };
}
