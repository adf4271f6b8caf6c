/**
 * Implicit time integration of the MNA system with adaptive steps.
 *
 * Charges (and fluxes) are the integrated states: a device reports q(x) and the active formula
 * turns it into dq/dt = ag0 q + hist. Formulas: backward Euler (order 1), trapezoidal and BDF2
 * (Gear, variable step; order 2). After the start and after every breakpoint (waveform corner)
 * one backward-Euler step is taken with a reduced step, since the derivatives jump there.
 * The step is accepted when Newton converges and the local truncation error of every state,
 * estimated from divided differences of its history, is within
 *   trtol * (reltol * (max(|dq/dt| now, before) + lteglobal * I_scale) + abstol)   (a current),
 * I_scale being the largest state current seen so far in the run;
 * the next step follows h * (tol / err)^(1 / (order + 1)), at most doubling.
 */
import { ConvergenceError, StepBudgetError } from '../diagnostics.js';
import type { Mna } from './mna.js';
import { NewtonSolver } from './newton.js';
import type { SimOptions } from './options.js';

export interface TransientStats {
  steps: number;
  rejected: number;
  newtonFailures: number;
  newtonIterations: number;
  factorizations: number;
  refactorizations: number;
}

export interface TransientRun {
  tstop: number;
  /** Largest step (s). */
  tmax: number;
  /** First step (s). */
  hInit: number;
  /** Extra breakpoints (cycle ends, ...) besides the sources' corners. */
  breakpoints?: number[];
  /** After each accepted step (and once at the start); return true to stop the run there. */
  onAccept?: (t: number, x: Float64Array) => boolean | void;
  /** The last accepted point(s) after time t were withdrawn (a first step redone shorter). */
  onRetract?: (t: number) => void;
  /** Element location for messages that concern the analysis itself. */
  what?: string;
}

/**
 * Charge errors below this fraction of the charge itself are accepted: divided differences of
 * charges that differ only in their last digits are roundoff, not truncation error (a capacitor
 * holding a constant charge would otherwise drive the step to zero).
 */
const CHARGE_RESOLUTION = 1e-9;

/** A discrete event (see `Device.eventFraction`) is accepted within this last fraction of a step. */
const EVENT_SLACK = 1e-3;

export class Transient {
  readonly mna: Mna;
  readonly opts: SimOptions;
  readonly newton: NewtonSolver;
  t = 0;
  /** Accepted solution at t, and the one before (predictor). */
  readonly x: Float64Array;
  private readonly xPrev: Float64Array;
  private readonly xTry: Float64Array;
  private readonly q1: Float64Array;
  private readonly q2: Float64Array;
  private readonly q3: Float64Array;
  private readonly dq1: Float64Array;
  private t1 = 0;
  private t2 = 0;
  /** Accepted points since the last breakpoint, the breakpoint included. */
  private points = 1;
  /** Largest state current seen so far: the scale of the truncation-error tolerance. */
  private currentScale = 0;
  private stateOwner: string[] = [];
  private stateLoc: (import('../diagnostics.js').SourceLocation | undefined)[] = [];
  readonly stats: TransientStats = { steps: 0, rejected: 0, newtonFailures: 0, newtonIterations: 0, factorizations: 0, refactorizations: 0 };

  constructor(mna: Mna, opts: SimOptions) {
    this.mna = mna;
    this.opts = opts;
    this.newton = new NewtonSolver(mna, opts);
    const n1 = mna.n + 1;
    const ns = mna.stateCount;
    this.x = new Float64Array(n1);
    this.xPrev = new Float64Array(n1);
    this.xTry = new Float64Array(n1);
    this.q1 = new Float64Array(ns);
    this.q2 = new Float64Array(ns);
    this.q3 = new Float64Array(ns);
    this.dq1 = new Float64Array(ns);
    for (const d of mna.devices) {
      for (let k = 0; k < d.stateCount; k++) {
        this.stateOwner.push(d.element.name);
        this.stateLoc.push(d.element.loc);
      }
    }
  }

  /** Starts at time t from the solution x (an operating point): states from x, derivatives 0. */
  startFrom(x: Float64Array, t = 0): void {
    this.x.set(x);
    this.xPrev.set(x);
    this.t = t;
    for (const d of this.mna.devices) d.storeStates?.(this.x, this.q1);
    this.dq1.fill(0);
    this.points = 1;
  }

  /** `uic` start: states from the elements' ic= values, all unknowns zero. */
  startFromInitialConditions(t = 0): void {
    this.x.fill(0);
    this.xPrev.fill(0);
    this.t = t;
    this.q1.fill(0);
    for (const d of this.mna.devices) d.initialCondition?.(this.q1);
    this.dq1.fill(0);
    this.points = 1;
  }

  run(spec: TransientRun): void {
    const { mna, opts, stats } = this;
    const { q1, q2, q3, dq1, x, xPrev, xTry } = this;
    const q0 = mna.q0;
    const dq0 = mna.dq0;
    const hist = mna.hist;
    const ns = mna.stateCount;
    const tstop = spec.tstop;
    const span = Math.max(tstop - this.t, 1e-300);
    const hmin = span * 1e-12;
    const tmax = Math.min(spec.tmax > 0 ? spec.tmax : span / 50, opts.tmax > 0 ? opts.tmax : Infinity);
    const fixed = opts.fixedstep > 0 ? opts.fixedstep : 0;
    mna.gminDiag = 0;
    mna.srcFactor = 1;
    // Breakpoints after the present time, sorted and de-duplicated.
    const raw: number[] = [...(spec.breakpoints ?? []), tstop];
    for (const d of mna.devices) d.breakpoints?.(tstop, raw);
    raw.sort((a, b) => a - b);
    const bps: number[] = [];
    const merge = span * 1e-10;
    for (const b of raw) {
      if (b <= this.t + merge || b > tstop + merge) continue;
      if (bps.length === 0 || b - bps[bps.length - 1]! > merge) bps.push(Math.min(b, tstop));
    }
    let bi = 0;
    if (spec.onAccept?.(this.t, x)) return;
    // First steps after the start and after breakpoints are backward Euler, whose error goes as h^2:
    // shrink them with the tolerance so tight runs stay tight from the first step.
    const firstFactor = Math.min(1, Math.sqrt(opts.reltol / 1e-3));
    let h = Math.min(fixed > 0 ? fixed : spec.hInit * firstFactor, tmax);
    const newton = this.newton;
    const eventDevices = mna.devices.filter((d) => d.eventFraction !== undefined);
    let attempts = 0;
    // At the start of a run the current scale is still unknown (currents start from zero), so the
    // first step is not checked retroactively there, only after breakpoints.
    let segmentIsStart = true;
    // Shortest first step the retroactive check may ask for: below it roundoff, not truncation,
    // dominates (charges differ in their last digits), so the step is accepted as it is.
    const firstFloor = span * 1e-9;
    while (bi < bps.length) {
      const nextBp = bps[bi]!;
      const gap = nextBp - this.t;
      let hitsBp = false;
      if (h >= gap * (1 - 1e-9)) {
        h = gap;
        hitsBp = true;
      } else if (!fixed && h > 0.5 * gap) h = 0.5 * gap; // two even steps instead of a sliver
      if (++attempts > opts.maxsteps) {
        throw new StepBudgetError(
          `${spec.what ?? 'transient'}: the budget of ${opts.maxsteps} time steps ran out at t = ${fmt(this.t)} s of ${fmt(tstop)} s ` +
            `(last step ${fmt(h)} s). Raise .options maxsteps= or loosen reltol=`,
        );
      }
      const order = opts.method === 'be' || this.points < 2 ? 1 : 2;
      const tNew = hitsBp ? nextBp : this.t + h;
      // Integration formula coefficients: dq/dt = ag0 q + hist.
      if (order === 1) {
        mna.ag0 = 1 / h;
        for (let s = 0; s < ns; s++) hist[s] = -q1[s]! / h;
      } else if (opts.method === 'trap') {
        mna.ag0 = 2 / h;
        for (let s = 0; s < ns; s++) hist[s] = (-2 * q1[s]!) / h - dq1[s]!;
      } else {
        const h1 = this.t - this.t1;
        const rho = h / h1;
        mna.ag0 = (1 + 2 * rho) / ((1 + rho) * h);
        const c1 = -(1 + rho) / h;
        const c2 = (rho * rho) / ((1 + rho) * h);
        for (let s = 0; s < ns; s++) hist[s] = c1 * q1[s]! + c2 * q2[s]!;
      }
      // Predictor: linear extrapolation of the last two points (same segment only).
      if (this.points >= 2) {
        const r = h / (this.t - this.t1);
        for (let i = 0; i < mna.n; i++) xTry[i] = x[i]! + r * (x[i]! - xPrev[i]!);
      } else xTry.set(x);
      xTry[mna.n] = 0;
      mna.time = tNew;
      const res = newton.solve(xTry, opts.itl4);
      if (res.singular >= 0) throw mna.singularError(res.singular, `at t = ${fmt(tNew)} s`);
      if (!res.converged) {
        stats.newtonFailures++;
        stats.rejected++;
        h /= 8;
        if (h < hmin) {
          const { label, element } = mna.describeUnknown(res.worst);
          throw new ConvergenceError(
            `time step too small at t = ${fmt(this.t)} s (step ${fmt(h)} s): Newton did not converge in ${opts.itl4} iterations; ` +
              `worst unknown ${label}${element ? ` (at ${element.name})` : ''}. Try .options itl4=50 or vlimit=, or check that element's values`,
            element ? { loc: element.loc } : {},
          );
        }
        continue;
      }
      // Discrete device events (hysteretic switches): redo a step that crossed a switching threshold
      // early in it, so that the accepted point lands just past the crossing.
      if (!fixed && eventDevices.length > 0) {
        let theta = 2;
        for (const d of eventDevices) {
          const f = d.eventFraction!(x, xTry);
          if (f >= 0 && f < theta) theta = f;
        }
        if (theta < 1 - EVENT_SLACK && theta * h > 10 * hmin) {
          stats.rejected++;
          h *= theta + 0.1 * EVENT_SLACK;
          continue;
        }
      }
      // States at the converged solution.
      for (const d of mna.devices) d.storeStates?.(xTry, q0);
      for (let s = 0; s < ns; s++) dq0[s] = mna.ag0 * q0[s]! + hist[s]!;
      let ratio = -1;
      let worstState = -1;
      if (!fixed && order === 2 && this.points === 2 && !segmentIsStart && this.t - this.t1 > 1.5 * firstFloor) {
        // Second step after a breakpoint: the first (backward Euler) step could not be checked on
        // its own; now q'' of the new segment is known, so check it and redo it if it was too long.
        const t0 = tNew;
        const t1 = this.t;
        const t2 = this.t1;
        const h1 = t1 - t2;
        let iscale = this.currentScale;
        for (let s = 0; s < ns; s++) iscale = Math.max(iscale, Math.abs(dq0[s]!));
        const floor = opts.reltol * opts.lteglobal * iscale + opts.abstol;
        let r1 = 0;
        for (let s = 0; s < ns; s++) {
          const dd2 = ((q0[s]! - q1[s]!) / (t0 - t1) - (q1[s]! - q2[s]!) / (t1 - t2)) / (t0 - t2);
          const tol = opts.trtol * (opts.reltol * Math.max(Math.abs(dq0[s]!), Math.abs(dq1[s]!)) + floor) * h1 + CHARGE_RESOLUTION * Math.abs(q1[s]!);
          r1 = Math.max(r1, (h1 * h1 * Math.abs(dd2)) / tol);
        }
        if (r1 > 1) {
          // Back to the breakpoint (its solution is xPrev, its states q2) with a shorter first step.
          stats.rejected += 2;
          this.t = t2;
          x.set(xPrev);
          q1.set(q2);
          this.points = 1;
          spec.onRetract?.(t2);
          h = Math.max(firstFloor, h1 * Math.max(0.05, 0.9 * Math.pow(r1, -1 / 2)));
          if (h < hmin) throw new ConvergenceError(`time step too small at t = ${fmt(this.t)} s (step ${fmt(h)} s) after a breakpoint: the charges change too fast. Try .options reltol=1e-2`);
          continue;
        }
      }
      if (!fixed && this.points >= order + 1) {
        const t0 = tNew;
        const t1 = this.t;
        const t2 = this.t1;
        const t3 = this.t2;
        // Errors are measured against the largest charging current in the circuit at this step as
        // well as the state's own, so nearly idle deep slits do not dictate the step.
        let iscale = this.currentScale;
        for (let s = 0; s < ns; s++) iscale = Math.max(iscale, Math.abs(dq0[s]!));
        const floor = opts.reltol * opts.lteglobal * iscale + opts.abstol;
        for (let s = 0; s < ns; s++) {
          const d01 = (q0[s]! - q1[s]!) / (t0 - t1);
          const d12 = (q1[s]! - q2[s]!) / (t1 - t2);
          const dd2 = (d01 - d12) / (t0 - t2);
          let err: number;
          if (order === 1) err = h * h * Math.abs(dd2);
          else {
            const d23 = (q2[s]! - q3[s]!) / (t2 - t3);
            const dd2b = (d12 - d23) / (t1 - t3);
            const dd3 = (dd2 - dd2b) / (t0 - t3);
            err = (opts.method === 'trap' ? 0.5 : 4 / 3) * h * h * h * Math.abs(dd3);
          }
          const tol = opts.trtol * (opts.reltol * Math.max(Math.abs(dq0[s]!), Math.abs(dq1[s]!)) + floor) * h + CHARGE_RESOLUTION * Math.abs(q0[s]!);
          const r = err / tol;
          if (r > ratio) {
            ratio = r;
            worstState = s;
          }
        }
        if (ratio > 1) {
          stats.rejected++;
          h *= Math.max(0.1, 0.9 * Math.pow(ratio, -1 / (order + 1)));
          if (h < hmin) {
            throw new ConvergenceError(
              `time step too small at t = ${fmt(this.t)} s (step ${fmt(h)} s): the truncation error of the charge of ${this.stateOwner[worstState]} ` +
                `stays above tolerance (its current changes too fast). Try .options reltol=1e-2 or trtol=, or method=be`,
              this.stateLoc[worstState] ? { loc: this.stateLoc[worstState]! } : {},
            );
          }
          continue;
        }
      }
      // Accept.
      stats.steps++;
      for (let s = 0; s < ns; s++) {
        const a = Math.abs(dq0[s]!);
        if (a > this.currentScale) this.currentScale = a;
      }
      q3.set(q2);
      q2.set(q1);
      q1.set(q0);
      dq1.set(dq0);
      this.t2 = this.t1;
      this.t1 = this.t;
      this.t = tNew;
      xPrev.set(x);
      x.set(xTry);
      let hNext: number;
      if (fixed) hNext = fixed;
      else if (ratio >= 0) hNext = h * Math.min(2, 0.9 * Math.pow(Math.max(ratio, 1e-10), -1 / (order + 1)));
      else hNext = 2 * h;
      if (hitsBp) {
        bi++;
        segmentIsStart = false;
        this.points = 1;
        if (!fixed) {
          const following = bi < bps.length ? bps[bi]! - this.t : Infinity;
          hNext = 0.1 * firstFactor * Math.min(h, following);
        }
      } else this.points++;
      h = Math.min(hNext, tmax);
      if (spec.onAccept?.(this.t, x)) break;
    }
    stats.newtonIterations = newton.totalIterations;
    stats.factorizations = mna.lu.fullFactorizations;
    stats.refactorizations = mna.lu.refactorizations;
  }
}

/** Six significant digits, exponent form for small and large magnitudes (2e-5, 1.16372e-8). */
export function fmt(v: number): string {
  const r = Number(v.toPrecision(6));
  const a = Math.abs(r);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? r.toExponential() : String(r);
}
