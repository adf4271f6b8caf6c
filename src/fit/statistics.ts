/**
 * What the Jacobian at the optimum says about the fit: standard errors and the correlation matrix
 * (covariance s^2 (J^T J)^-1 with s^2 = SSE / (n - p), in scaled coordinates, then in the
 * parameters' units), parameters the data cannot identify, and the information criteria.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { fromScaled, type FitParameter } from './fitParameters.js';

export interface ParameterEstimate {
  name: string;
  value: number;
  /** Standard error in the parameter's unit (linearised; for a log scale, value x se of ln value). */
  stdErr: number;
  /** stdErr / |value| (NaN at value 0). */
  relStdErr: number;
  lo: number;
  hi: number;
  scale: 'log' | 'lin';
  /** True when the optimum sits on a bound (within 1e-6 of the range in u). */
  atBound: boolean;
}

export interface FitStatistics {
  n: number;
  k: number;
  sse: number;
  /** Residual standard deviation of the weighted residuals, sqrt(SSE / (n - k)). */
  sigma: number;
  estimates: ParameterEstimate[];
  correlation: number[][];
  /** Condition number of J^T J in scaled coordinates. */
  condition: number;
  aic: number;
  bic: number;
}

export function fitStatistics(params: FitParameter[], u: Float64Array, J: Float64Array[], sse: number): FitStatistics {
  const k = params.length;
  const n = J[0]?.length ?? 0;
  const A = new Matrix(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += J[a]![i]! * J[b]![i]!;
      A.set(a, b, s);
      A.set(b, a, s);
    }
  }
  // Pseudo-inverse through the SVD: a rank-deficient J (an unidentifiable parameter) gives huge, not NaN, errors.
  const svd = new SingularValueDecomposition(A);
  const sv = svd.diagonal;
  const smax = Math.max(...sv);
  const smin = Math.min(...sv);
  const condition = smin > 0 ? smax / smin : Infinity;
  const tol = smax * 1e-14;
  const V = svd.rightSingularVectors;
  const cov = new Matrix(k, k);
  const s2 = n > k ? sse / (n - k) : NaN;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let c = 0;
      for (let m = 0; m < k; m++) c += sv[m]! > tol ? (V.get(a, m) * V.get(b, m)) / sv[m]! : V.get(a, m) * V.get(b, m) * (1 / tol);
      cov.set(a, b, s2 * c);
    }
  }
  const estimates = params.map((p, j) => {
    const value = fromScaled(p, u[j]!);
    const seU = Math.sqrt(Math.max(0, cov.get(j, j)));
    const stdErr = p.scale === 'log' ? value * seU : seU;
    const lo = p.scale === 'log' ? Math.log(p.lo) : p.lo;
    const hi = p.scale === 'log' ? Math.log(p.hi) : p.hi;
    const atBound = Math.min(u[j]! - lo, hi - u[j]!) < 1e-6 * (hi - lo);
    return { name: p.name, value, stdErr, relStdErr: value !== 0 ? stdErr / Math.abs(value) : NaN, lo: p.lo, hi: p.hi, scale: p.scale, atBound };
  });
  const correlation = params.map((_, a) => params.map((__, b) => cov.get(a, b) / Math.sqrt(cov.get(a, a) * cov.get(b, b))));
  const ll = n * Math.log(Math.max(sse, 1e-300) / n);
  return { n, k, sse, sigma: Math.sqrt(s2), estimates, correlation, condition, aic: ll + 2 * k, bic: ll + k * Math.log(n) };
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Upper tail of chi-square with one degree of freedom. */
export function chiSquare1Tail(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}
