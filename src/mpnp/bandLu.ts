/**
 * Banded matrix with LU factorisation by partial pivoting (the LAPACK dgbtrf scheme, row-major).
 * Row i stores columns i-kl .. i+ku+kl; the extra kl super-diagonals take the fill of row swaps.
 * Factorisation and solve allocate nothing.
 */
import { SingularMatrixError } from '../diagnostics.js';
export class BandMatrix {
  readonly n: number;
  readonly kl: number;
  readonly ku: number;
  /** Stored width of a row: 2 kl + ku + 1. */
  readonly width: number;
  readonly data: Float64Array;
  private readonly pivot: Int32Array;

  constructor(n: number, kl: number, ku: number) {
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    this.width = 2 * kl + ku + 1;
    this.data = new Float64Array(n * this.width);
    this.pivot = new Int32Array(n);
  }

  zero(): void {
    this.data.fill(0);
  }

  /** Adds v to entry (i, j); (i, j) must lie inside the band. */
  add(i: number, j: number, v: number): void {
    this.data[i * this.width + (j - i + this.kl)]! += v;
  }

  get(i: number, j: number): number {
    const o = j - i + this.kl;
    if (o < 0 || o >= this.width) return 0;
    return this.data[i * this.width + o]!;
  }

  /** y = A x for the unfactorised matrix (original band only). */
  multiply(x: Float64Array, y: Float64Array): void {
    const { n, kl, ku, width, data } = this;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const j0 = Math.max(0, i - kl);
      const j1 = Math.min(n - 1, i + ku);
      for (let j = j0; j <= j1; j++) s += data[i * width + (j - i + kl)]! * x[j]!;
      y[i] = s;
    }
  }

  /** In-place LU with partial pivoting. Throws if a pivot is exactly zero. */
  factor(): void {
    const { n, kl, ku, width, data, pivot } = this;
    const reach = ku + kl;
    for (let k = 0; k < n; k++) {
      const iEnd = Math.min(n - 1, k + kl);
      let p = k;
      let best = Math.abs(data[k * width + kl]!);
      for (let i = k + 1; i <= iEnd; i++) {
        const v = Math.abs(data[i * width + (k - i + kl)]!);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      pivot[k] = p;
      if (best === 0) throw new SingularMatrixError(`singular matrix at row ${k}`, { unknown: k });
      const jEnd = Math.min(n - 1, k + reach);
      if (p !== k) {
        const rk = k * width - k + kl;
        const rp = p * width - p + kl;
        for (let j = k; j <= jEnd; j++) {
          const t = data[rk + j]!;
          data[rk + j] = data[rp + j]!;
          data[rp + j] = t;
        }
      }
      const rk = k * width - k + kl;
      const inv = 1 / data[rk + k]!;
      for (let i = k + 1; i <= iEnd; i++) {
        const ri = i * width - i + kl;
        const l = data[ri + k]! * inv;
        if (l === 0) continue;
        data[ri + k] = l;
        for (let j = k + 1; j <= jEnd; j++) data[ri + j]! -= l * data[rk + j]!;
      }
    }
  }

  /** Solves A x = b after factor(); b is overwritten by x. */
  solve(b: Float64Array): void {
    const { n, kl, ku, width, data, pivot } = this;
    const reach = ku + kl;
    for (let k = 0; k < n; k++) {
      const p = pivot[k]!;
      if (p !== k) {
        const t = b[k]!;
        b[k] = b[p]!;
        b[p] = t;
      }
      const bk = b[k]!;
      if (bk === 0) continue;
      const iEnd = Math.min(n - 1, k + kl);
      for (let i = k + 1; i <= iEnd; i++) b[i]! -= data[i * width - i + kl + k]! * bk;
    }
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * width - i + kl;
      let s = b[i]!;
      const jEnd = Math.min(n - 1, i + reach);
      for (let j = i + 1; j <= jEnd; j++) s -= data[ri + j]! * b[j]!;
      b[i] = s / data[ri + i]!;
    }
  }
}
