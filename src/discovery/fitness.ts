/**
 * Fitness of a candidate: evaluate it over the data, fit the outer linear scaling y ~ a + b f in closed
 * form (Keijzer 2003), then optionally refine the program's own constants by Levenberg-Marquardt with
 * finite-difference derivatives. All buffers are allocated once per instance.
 */
import { Interpreter } from './interpreter.js';
import type { Program } from './program.js';

export interface TargetStats {
  mean: number;
  /** Sum of squared deviations from the mean: the normaliser of the error. */
  sst: number;
}

export function targetStats(y: Float64Array): TargetStats {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += y[i]!;
  m /= y.length;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - m) ** 2;
  return { mean: m, sst: s > 0 ? s : 1 };
}

export class Fitness {
  readonly interp: Interpreter;
  private readonly y: Float64Array;
  private readonly stats: TargetStats;
  private readonly n: number;
  private readonly f0: Float64Array;
  private readonly jac: Float64Array[];
  private readonly saved: Float64Array;
  evaluations = 0;

  constructor(
    columns: readonly Float64Array[],
    y: Float64Array,
    maxLength: number,
    maxConstants: number,
    readonly linearScaling: boolean,
  ) {
    this.interp = new Interpreter(columns, maxLength);
    this.y = y;
    this.n = y.length;
    this.stats = targetStats(y);
    this.f0 = new Float64Array(this.n);
    this.jac = Array.from({ length: maxConstants + 2 }, () => new Float64Array(this.n));
    this.saved = new Float64Array(maxConstants + 2);
  }

  /** Sets p.a, p.b, p.error (normalised MSE = SSE / SST; Infinity when invalid). Returns the error. */
  evaluate(p: Program): number {
    this.evaluations++;
    const f = this.interp.evaluate(p.tokens, p.length, p.consts);
    return this.scale(p, f);
  }

  private scale(p: Program, f: Float64Array | null): number {
    const y = this.y;
    const n = this.n;
    if (f === null) {
      const c = this.interp.scalarResult;
      if (!Number.isFinite(c)) return (p.error = Infinity);
      if (this.linearScaling) {
        p.a = this.stats.mean;
        p.b = 0;
        return (p.error = 1);
      }
      p.a = 0;
      p.b = 1;
      let s = 0;
      for (let i = 0; i < n; i++) s += (y[i]! - c) ** 2;
      return (p.error = s / this.stats.sst);
    }
    if (!this.linearScaling) {
      p.a = 0;
      p.b = 1;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const r = y[i]! - f[i]!;
        s += r * r;
      }
      return (p.error = Number.isFinite(s) ? s / this.stats.sst : Infinity);
    }
    let mf = 0;
    for (let i = 0; i < n; i++) mf += f[i]!;
    if (!Number.isFinite(mf)) return (p.error = Infinity);
    mf /= n;
    let sff = 0;
    let sfy = 0;
    const my = this.stats.mean;
    for (let i = 0; i < n; i++) {
      const d = f[i]! - mf;
      sff += d * d;
      sfy += d * (y[i]! - my);
    }
    if (!Number.isFinite(sff) || !(sff > 1e-300) || sff < 1e-28 * n * (mf * mf)) {
      // Constant over the data (up to rounding): worth nothing after scaling.
      if (!Number.isFinite(sff)) return (p.error = Infinity);
      p.a = my;
      p.b = 0;
      return (p.error = 1);
    }
    const b = sfy / sff;
    const a = my - b * mf;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = y[i]! - a - b * f[i]!;
      s += r * r;
    }
    p.a = a;
    p.b = b;
    return (p.error = Number.isFinite(s) ? s / this.stats.sst : Infinity);
  }

  /**
   * Levenberg-Marquardt on the program's constants together with a and b (when scaling). Keeps the
   * constants only if the error decreased. Returns the final error.
   */
  optimiseConstants(p: Program, iterations: number): number {
    const nc = p.constCount;
    if (nc === 0 || iterations <= 0) return p.error;
    if (!Number.isFinite(p.error)) this.evaluate(p);
    if (!Number.isFinite(p.error)) return p.error;
    const n = this.n;
    const y = this.y;
    const ls = this.linearScaling;
    const np = nc + (ls ? 2 : 0);
    const A = new Float64Array(np * np);
    const g = new Float64Array(np);
    const step = new Float64Array(np);
    let lambda = 1e-3;
    let err = p.error;
    for (let it = 0; it < iterations; it++) {
      // Base evaluation and Jacobian columns: [1, f, b df/dc_k] with scaling, [df/dc_k] without.
      const f = this.interp.evaluate(p.tokens, p.length, p.consts);
      if (f === null) return err;
      this.f0.set(f);
      for (let k = 0; k < nc; k++) {
        const c = p.consts[k]!;
        const h = 1e-7 * Math.max(1, Math.abs(c));
        p.consts[k] = c + h;
        const fk = this.interp.evaluate(p.tokens, p.length, p.consts);
        p.consts[k] = c;
        const col = this.jac[k]!;
        const bk = ls ? p.b : 1;
        if (fk === null) col.fill(0);
        else for (let i = 0; i < n; i++) col[i] = (bk * (fk[i]! - this.f0[i]!)) / h;
      }
      A.fill(0);
      g.fill(0);
      const a = ls ? p.a : 0;
      const b = ls ? p.b : 1;
      for (let i = 0; i < n; i++) {
        const r = y[i]! - a - b * this.f0[i]!;
        for (let u = 0; u < np; u++) {
          const ju = this.jcol(u, i, nc);
          g[u] = g[u]! + ju * r;
          for (let v = 0; v <= u; v++) A[u * np + v] = A[u * np + v]! + ju * this.jcol(v, i, nc);
        }
      }
      this.saved.set(p.consts.subarray(0, nc));
      let improved = false;
      for (let tries = 0; tries < 6 && !improved; tries++) {
        if (!solveDamped(A, g, np, lambda, step)) {
          lambda *= 10;
          continue;
        }
        for (let k = 0; k < nc; k++) p.consts[k] = this.saved[k]! + step[k]!;
        const trialErr = this.evaluate(p); // re-fits a and b exactly for the new constants
        if (trialErr < err) {
          err = trialErr;
          improved = true;
          lambda = Math.max(1e-12, lambda / 10);
        } else {
          p.consts.set(this.saved.subarray(0, nc));
          lambda *= 10;
        }
      }
      if (!improved) break;
    }
    // Leave the program consistent with its best constants.
    this.evaluate(p);
    return p.error;
  }

  private jcol(u: number, i: number, nc: number): number {
    if (u < nc) return this.jac[u]![i]!;
    return u === nc ? 1 : this.f0[i]!;
  }

  /** Writes the scaled prediction a + b f of p into out (p must be evaluated). */
  predict(p: Program, out: Float64Array): boolean {
    const f = this.interp.evaluate(p.tokens, p.length, p.consts);
    if (f === null) {
      out.fill(p.a + p.b * this.interp.scalarResult);
      return true;
    }
    for (let i = 0; i < this.n; i++) out[i] = p.a + p.b * f[i]!;
    return true;
  }

  get target(): Float64Array {
    return this.y;
  }
  get rows(): number {
    return this.n;
  }
  get sst(): number {
    return this.stats.sst;
  }
}

/** Solves (A + lambda diag(A)) x = g for symmetric A stored in the lower triangle (Cholesky). */
function solveDamped(A: Float64Array, g: Float64Array, n: number, lambda: number, x: Float64Array): boolean {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      if (i === j) s += lambda * Math.max(A[i * n + i]!, 1e-30);
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * x[k]!;
    x[i] = s / L[i * n + i]!;
  }
  return Number.isFinite(x[0]!);
}
