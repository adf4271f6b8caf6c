/**
 * Variable-step BDF2 for the semi-discrete mPNP system (Poisson is algebraic, so it is an index-1
 * DAE), restarted with backward Euler after every vertex of the applied potential. The local error
 * is estimated from the difference to the polynomial predictor through the previous points.
 */
import { packing } from './species.js';
import type { MpnpSystem } from './system.js';
import { ConvergenceError, InputError } from '../diagnostics.js';

export interface IntegratorOptions {
  /** Relative tolerance per step (phi relative to max(1, |phi_m|) kT/e, c relative). */
  tol: number;
  /** Largest step, dimensionless time. */
  hMax: number;
  /** First step after a restart, dimensionless time. */
  hStart: number;
  /** Smallest step before giving up. */
  hMin: number;
  /** Amplitude of the applied potential, kT/e: errors are measured relative to it (small signals). */
  signal: number;
  /** Reuse Jacobian factorisations across Newton iterations and steps (chord iteration). */
  reuseJacobian?: boolean;
  /** Watchdog: give up after this many rejected attempts in a row at one time (default 40). */
  maxRejections?: number;
  /** Watchdog: give up when one step has not been accepted after this many seconds of wall time (default 300). */
  stallSeconds?: number;
}

/** Why the watchdog stopped a run, with what it saw (times dimensionless, as the integrator's). */
export interface StallReport {
  reason: 'rejections' | 'step-size' | 'wall-time';
  /** Time of the last accepted step and its number. */
  t: number;
  steps: number;
  /** Rejected attempts in a row, the step size before them and at the last attempt. */
  attempts: number;
  hBefore: number;
  hLast: number;
  /** What failed at the last attempt: Newton (with its last update) or the local error estimate. */
  newtonConverged: boolean;
  newtonUpdate: number;
  error: number;
}

/** The watchdog's verdict: the integrator stands at its last accepted step (a checkpoint can be taken). */
export class StallError extends ConvergenceError {
  constructor(readonly report: StallReport) {
    const r = report;
    const why = r.newtonConverged ? `the local error estimate stayed above the tolerance (${r.error.toPrecision(3)} x tol)` : `Newton did not converge (last update ${r.newtonUpdate.toExponential(2)})`;
    super(`no progress after step ${r.steps} at t = ${r.t}: ${r.attempts} attempts rejected in a row, step ${r.hBefore.toPrecision(3)} -> ${r.hLast.toPrecision(3)}; ${why}`);
    this.name = 'StallError';
  }
}

export interface IntegratorState {
  t: number;
  t1: number;
  t2: number;
  depth: number;
  h: number;
  steps: number;
  rejected: number;
  a: [number, number, number];
  x: Float64Array;
  prev1: Float64Array;
  prev2: Float64Array;
}

export class Bdf2Integrator {
  readonly sys: MpnpSystem;
  readonly opts: IntegratorOptions;
  /** Current time (dimensionless). */
  t = 0;
  /** Accepted and rejected steps. */
  steps = 0;
  rejected = 0;
  /** Coefficients of the last accepted step: dy/dt = a0 y_{n+1} + a1 y_n + a2 y_{n-1}. */
  a0 = 0;
  a1 = 0;
  a2 = 0;
  /** Suggested next step. */
  h: number;
  private readonly prev1: Float64Array;
  private readonly prev2: Float64Array;
  private t1 = 0;
  private t2 = 0;
  /** Number of valid history points behind the current state (0, 1 or 2). */
  private depth = 0;
  private readonly save: Float64Array;

  constructor(sys: MpnpSystem, opts: IntegratorOptions) {
    this.sys = sys;
    this.opts = opts;
    this.h = opts.hStart;
    this.prev1 = new Float64Array(sys.x.length);
    this.prev2 = new Float64Array(sys.x.length);
    this.save = new Float64Array(sys.x.length);
  }

  /** Forget the history (after a slope jump of the applied potential). */
  restart(): void {
    this.depth = 0;
    this.h = Math.min(this.h, this.opts.hStart);
  }

  /**
   * Advances by one accepted step, not beyond tEnd, with phi_m(t) given in kT/e.
   * Returns false when the step size fell below hMin.
   */
  step(tEnd: number, phiM: (t: number) => number): void {
    const sys = this.sys;
    const x = sys.x;
    const n = sys.n;
    const hBefore = this.h;
    const wall0 = performance.now();
    let attempts = 0;
    for (;;) {
      const left = tEnd - this.t;
      let h = Math.min(this.h, this.opts.hMax);
      // land on tEnd without a sliver, never with a step longer than the controller allows (a
      // stretched last step undid every rejection there: the stall of docs/mpnp.md line 11)
      if (h >= left) h = left;
      else if (left < 1.2 * h) h = left / 2;
      const tNew = this.t + h;
      let a0: number;
      let a1: number;
      let a2 = 0;
      if (this.depth === 0) {
        a0 = 1 / h;
        a1 = -1 / h;
      } else {
        const w = h / (this.t - this.t1);
        a0 = (1 + 2 * w) / ((1 + w) * h);
        a1 = -(1 + w) / h;
        a2 = (w * w) / ((1 + w) * h);
      }
      this.save.set(x);
      sys.a0 = a0;
      for (let i = 0; i < n; i++) {
        sys.hist[2 * i] = a1 * x[3 * i + 1]! + a2 * this.prev1[3 * i + 1]!;
        sys.hist[2 * i + 1] = a1 * x[3 * i + 2]! + a2 * this.prev1[3 * i + 2]!;
      }
      // predictor: polynomial through the history points (also a good Newton start)
      this.predict(tNew, x);
      sys.phiM = phiM(tNew);
      const r = sys.newton(this.opts.reuseJacobian ? 20 : 12, 1e-12, this.opts.reuseJacobian ?? false);
      let err = 0;
      if (r.converged) err = this.errorNorm(tNew);
      if (!r.converged || !(err <= 1)) {
        x.set(this.save);
        this.rejected++;
        attempts++;
        // err is NaN when the state went non-finite: cut like a Newton failure
        this.h = r.converged && Number.isFinite(err) ? h * Math.max(0.2, 0.9 * Math.pow(err, -1 / 3)) : h / 4;
        const reason = this.h < this.opts.hMin ? 'step-size' : attempts >= (this.opts.maxRejections ?? 40) ? 'rejections' : performance.now() - wall0 > 1000 * (this.opts.stallSeconds ?? 300) ? 'wall-time' : null;
        if (reason) {
          this.h = hBefore;
          throw new StallError({ reason, t: this.t, steps: this.steps, attempts, hBefore, hLast: h, newtonConverged: r.converged, newtonUpdate: r.update, error: err });
        }
        continue;
      }
      // accept
      this.a0 = a0;
      this.a1 = a1;
      this.a2 = a2;
      this.prev2.set(this.prev1);
      this.prev1.set(this.save);
      this.t2 = this.t1;
      this.t1 = this.t;
      this.t = tNew;
      this.depth = Math.min(2, this.depth + 1);
      this.steps++;
      const order = this.depth >= 2 ? 3 : 2;
      this.h = h * Math.min(2, Math.max(0.3, 0.9 * Math.pow(Math.max(err, 1e-10), -1 / order)));
      return;
    }
  }

  /** Extrapolates the state to tNew into out (out holds the current state on entry). */
  private predict(tNew: number, out: Float64Array): void {
    if (this.depth === 0) return;
    const t0 = this.t;
    const t1 = this.t1;
    if (this.depth === 1) {
      const f = (tNew - t0) / (t0 - t1);
      for (let i = 0; i < out.length; i++) {
        const v = this.save[i]! + f * (this.save[i]! - this.prev1[i]!);
        out[i] = v;
      }
    } else {
      const t2 = this.t2;
      const l0 = ((tNew - t1) * (tNew - t2)) / ((t0 - t1) * (t0 - t2));
      const l1 = ((tNew - t0) * (tNew - t2)) / ((t1 - t0) * (t1 - t2));
      const l2 = ((tNew - t0) * (tNew - t1)) / ((t2 - t0) * (t2 - t1));
      for (let i = 0; i < out.length; i++) out[i] = l0 * this.save[i]! + l1 * this.prev1[i]! + l2 * this.prev2[i]!;
    }
    // keep the Newton start admissible
    for (let i = 0; i < this.sys.n; i++) {
      for (let s = 1; s <= 2; s++) if (!(out[3 * i + s]! > 0.5 * this.save[3 * i + s]!)) out[3 * i + s] = this.save[3 * i + s]!;
    }
    if (this.sys.k.nu > 0) {
      for (let i = 0; i < this.sys.n; i++) {
        if (packing(this.sys.sp, out[3 * i + 1]!, out[3 * i + 2]!) >= 0.999) {
          out[3 * i + 1] = this.save[3 * i + 1]!;
          out[3 * i + 2] = this.save[3 * i + 2]!;
        }
      }
    }
  }

  /** Scaled max-norm of the local error estimate, from the predictor difference. */
  private errorNorm(tNew: number): number {
    if (this.depth === 0) return 0;
    const x = this.sys.x;
    const t0 = this.t;
    const t1 = this.t1;
    const tol = this.opts.tol;
    const phiScale = Math.max(this.opts.signal, Math.abs(this.sys.phiM));
    const cScale = Math.min(1, this.opts.signal);
    let e = 0;
    // the error constant: about 1/2 for the BE/linear pair, 2/11 for BDF2/quadratic
    const c = this.depth === 1 ? 0.5 : 0.2;
    // predictor weights on (current, prev1, prev2)
    let l0: number;
    let l1: number;
    let l2 = 0;
    if (this.depth === 1) {
      const f = (tNew - t0) / (t0 - t1);
      l0 = 1 + f;
      l1 = -f;
    } else {
      const t2 = this.t2;
      l0 = ((tNew - t1) * (tNew - t2)) / ((t0 - t1) * (t0 - t2));
      l1 = ((tNew - t0) * (tNew - t2)) / ((t1 - t0) * (t1 - t2));
      l2 = ((tNew - t0) * (tNew - t1)) / ((t2 - t0) * (t2 - t1));
    }
    for (let i = 0; i < this.sys.n; i++) {
      for (let s = 0; s < 3; s++) {
        const k = 3 * i + s;
        const p = l0 * this.save[k]! + l1 * this.prev1[k]! + l2 * this.prev2[k]!;
        const scale = s === 0 ? tol * phiScale : tol * cScale * Math.max(x[k]!, 1e-3);
        e = Math.max(e, (c * Math.abs(x[k]! - p)) / scale);
      }
    }
    return e;
  }

  /** Everything needed to continue exactly where the integrator stands (for checkpoints). */
  exportState(): IntegratorState {
    return {
      t: this.t,
      t1: this.t1,
      t2: this.t2,
      depth: this.depth,
      h: this.h,
      steps: this.steps,
      rejected: this.rejected,
      a: [this.a0, this.a1, this.a2],
      x: Float64Array.from(this.sys.x),
      prev1: Float64Array.from(this.prev1),
      prev2: Float64Array.from(this.prev2),
    };
  }

  importState(s: IntegratorState): void {
    if (s.x.length !== this.sys.x.length) throw new InputError(`checkpoint has ${s.x.length} unknowns, the model ${this.sys.x.length}`);
    this.t = s.t;
    this.t1 = s.t1;
    this.t2 = s.t2;
    this.depth = s.depth;
    this.h = s.h;
    this.steps = s.steps;
    this.rejected = s.rejected;
    [this.a0, this.a1, this.a2] = s.a;
    this.sys.x.set(s.x);
    this.prev1.set(s.prev1);
    this.prev2.set(s.prev2);
  }

  /** Time derivative of a scalar observable with the coefficients of the last accepted step. */
  derivative(now: number, prev: number, prev2: number): number {
    return this.a0 * now + this.a1 * prev + this.a2 * prev2;
  }
}
