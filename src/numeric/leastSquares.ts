/** Small dense least-squares helpers shared by extraction and discovery (normal equations via ml-matrix QR). */
import { Matrix, QrDecomposition, inverse } from 'ml-matrix';

export interface LinearFit {
  coef: number[];
  /** Standard errors of the coefficients, s^2 (X^T X)^-1 with s^2 = SSE / (n - p). */
  stdErr: number[];
  sse: number;
  n: number;
}

/** Ordinary least squares y ~ X (columns given separately), solved by QR for stability. */
export function linearLeastSquares(columns: ArrayLike<number>[], y: ArrayLike<number>): LinearFit {
  const n = y.length;
  const p = columns.length;
  const X = new Matrix(n, p);
  const Y = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X.set(i, j, columns[j]![i]!);
    Y.set(i, 0, y[i]!);
  }
  // Scale columns to unit norm so QR sees a well-conditioned problem whatever the SI magnitudes.
  const scale = new Array<number>(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X.get(i, j) ** 2;
    scale[j] = Math.sqrt(s) || 1;
    for (let i = 0; i < n; i++) X.set(i, j, X.get(i, j) / scale[j]!);
  }
  const qr = new QrDecomposition(X);
  const b = qr.solve(Y);
  const coef = Array.from({ length: p }, (_, j) => b.get(j, 0) / scale[j]!);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += coef[j]! * columns[j]![i]!;
    sse += (y[i]! - f) ** 2;
  }
  const s2 = n > p ? sse / (n - p) : NaN;
  const xtx = X.transpose().mmul(X);
  let stdErr: number[];
  try {
    const inv = inverse(xtx);
    stdErr = Array.from({ length: p }, (_, j) => Math.sqrt(s2 * inv.get(j, j)) / scale[j]!);
  } catch {
    stdErr = new Array<number>(p).fill(NaN);
  }
  return { coef, stdErr, sse, n };
}
