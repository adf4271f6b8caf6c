/**
 * Implicit time integration of the MNA system with adaptive steps, in parts as in Xyce:
 *  - the integration method (integrationMethods.ts: BE, trapezoidal, BDF2) turns the state history
 *    into dq/dt = ag0 q + hist and estimates each state's local truncation error;
 *  - the step controller (stepController.ts) picks the steps;
 *  - breakpoints (waveform corners) are landed on exactly and restart the history
 *    (`restartHistory`: the next step is backward Euler, since derivatives jump there);
 *  - events (root functions of devices and of the analysis, `TransientEvent`) are located by
 *    redoing the step from the last accepted point with a shorter step (events.ts).
 * The step is accepted when Newton converges and the local truncation error of every state is within
 *   trtol * (reltol * (max(|dq/dt| now, before) + lteglobal * I_scale) + abstol)   (a current),
 * I_scale being the largest state current seen so far in the run.
 *
 * The accepted step is visible to what is integrated alongside (sensitivities, issue 11) through
 * `coefficients` (the formula's numbers) and `stepView` (the factorised Jacobian of its last
 * Newton iteration); docs/engine.md says how.
 */
import type { StepView, TransientEvent } from '../circuit/device.js';
import type { SourceLocation } from '../diagnostics.js';
import { ConvergenceError, StepBudgetError } from '../diagnostics.js';
import { EventLocator } from './events.js';
import { integrationMethod, StateHistory, truncationErrorScan, type ErrorScan, type ErrorTolerance, type IntegrationMethod, type StepCoefficients } from './integrationMethods.js';
import type { Mna } from './mna.js';
import { NewtonSolver } from './newton.js';
import type { TransientCompanion } from './sensitivity.js';
import type { SimOptions } from './options.js';
import { StepController } from './stepController.js';

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
  /** Root functions of the analysis (besides the devices' own), located by the integrator. */
  events?: TransientEvent[];
  /** After each accepted step (and once at the start); return true to stop the run there. */
  onAccept?: (t: number, x: Float64Array) => boolean | void;
  /** The last accepted point(s) after time t were withdrawn (a first step redone shorter). */
  onRetract?: (t: number) => void;
  /** Element location for messages that concern the analysis itself. */
  what?: string;
}

/** How a run ended: at tstop, stopped by `onAccept`, or on an `on` event (which one). */
export type TransientOutcome = { endedBy: 'tstop' } | { endedBy: 'stop' } | { endedBy: 'event'; event: TransientEvent };

/**
 * Charge errors below this fraction of the charge itself are accepted: divided differences of
 * charges that differ only in their last digits are roundoff, not truncation error (a capacitor
 * holding a constant charge would otherwise drive the step to zero).
 */
const CHARGE_RESOLUTION = 1e-9;

export class Transient {
  readonly mna: Mna;
  readonly opts: SimOptions;
  readonly newton: NewtonSolver;
  readonly method: IntegrationMethod;
  /** Accepted states and times. */
  readonly history: StateHistory;
  /** The formula of the step being taken (after a run: of the last step tried). */
  readonly coefficients: StepCoefficients = { order: 1, h: 0, ag0: 0, a1: 0, a2: 0, b1: 0 };
  /** The step just solved, for root functions and anything integrated alongside. */
  readonly stepView: StepView;
  /** Accepted solution at t, and the one before (predictor). */
  readonly x: Float64Array;
  private readonly xPrev: Float64Array;
  private readonly xTry: Float64Array;
  /** Largest state current seen so far: the scale of the truncation-error tolerance. */
  private currentScale = 0;
  /** The error test's tolerance parameters and answer, reused every step. */
  private readonly tolerance: ErrorTolerance;
  private readonly scan: ErrorScan = { ratio: 0, worst: -1 };
  private readonly stateOwner: string[] = [];
  private readonly stateLoc: (SourceLocation | undefined)[] = [];
  readonly stats: TransientStats = { steps: 0, rejected: 0, newtonFailures: 0, newtonIterations: 0, factorizations: 0, refactorizations: 0 };

  /** Integrated alongside (forward sensitivities): told of the start, restarts, accepted and withdrawn steps. */
  readonly companion: TransientCompanion | undefined;

  constructor(mna: Mna, opts: SimOptions, companion?: TransientCompanion) {
    this.mna = mna;
    this.companion = companion;
    this.opts = opts;
    this.newton = new NewtonSolver(mna, opts);
    this.method = integrationMethod(opts.method);
    this.tolerance = { trtol: opts.trtol, reltol: opts.reltol, floor: 0, resolution: CHARGE_RESOLUTION };
    const n1 = mna.n + 1;
    this.x = new Float64Array(n1);
    this.xPrev = new Float64Array(n1);
    this.xTry = new Float64Array(n1);
    this.history = new StateHistory(mna.stateCount);
    for (const d of mna.devices) {
      for (let k = 0; k < d.stateCount; k++) {
        this.stateOwner.push(d.element.name);
        this.stateLoc.push(d.element.loc);
      }
    }
    const coefficients = this.coefficients;
    this.stepView = {
      get time() {
        return mna.time;
      },
      get h() {
        return coefficients.h;
      },
      get ag0() {
        return coefficients.ag0;
      },
      solve: (rhs, z) => mna.lu.solve(rhs, z),
    };
  }

  /** Time of the last accepted point. */
  get t(): number {
    return this.history.t;
  }

  /** Starts at time t from the solution x (an operating point): states from x, derivatives 0. */
  startFrom(x: Float64Array, t = 0): void {
    this.x.set(x);
    this.xPrev.set(x);
    this.history.t = t;
    for (const d of this.mna.devices) d.storeStates?.(this.x, this.history.q1);
    this.restartHistory();
    this.companion?.start(this.x, t, false);
  }

  /** `uic` start: states from the elements' ic= values, all unknowns zero. */
  startFromInitialConditions(t = 0): void {
    this.x.fill(0);
    this.xPrev.fill(0);
    this.history.t = t;
    this.history.q1.fill(0);
    for (const d of this.mna.devices) d.initialCondition?.(this.history.q1);
    this.restartHistory();
    this.companion?.start(this.x, t, true);
  }

  /**
   * The excitation jumps at the present point (a new protocol step, a breakpoint): keep the states,
   * forget the old points, so the next step is backward Euler and the error control starts afresh.
   */
  restartHistory(): void {
    this.history.restart();
    this.companion?.restart();
  }

  run(spec: TransientRun): TransientOutcome {
    const { mna, opts, stats, method, history, x, xPrev, xTry } = this;
    const { q1, q2 } = history;
    const q0 = mna.q0;
    const dq0 = mna.dq0;
    const hist = mna.hist;
    const ns = mna.stateCount;
    const tstop = spec.tstop;
    const span = Math.max(tstop - history.t, 1e-300);
    const control = new StepController(opts, span, spec.tmax);
    const { hmin, fixed, firstFloor } = control;
    mna.gminDiag = 0;
    mna.srcFactor = 1;
    // Breakpoints after the present time, sorted and de-duplicated.
    const raw: number[] = [...(spec.breakpoints ?? []), tstop];
    for (const d of mna.devices) d.breakpoints?.(tstop, raw);
    raw.sort((a, b) => a - b);
    const bps: number[] = [];
    const merge = span * 1e-10;
    for (const b of raw) {
      if (b <= history.t + merge || b > tstop + merge) continue;
      if (bps.length === 0 || b - bps[bps.length - 1]! > merge) bps.push(Math.min(b, tstop));
    }
    let bi = 0;
    const events = new EventLocator([...mna.devices.flatMap((d) => d.events?.() ?? []), ...(spec.events ?? [])], this.stepView);
    events.start(x, history.t);
    if (spec.onAccept?.(history.t, x)) return { endedBy: 'stop' };
    let h = control.initial(spec.hInit);
    const newton = this.newton;
    let attempts = 0;
    // At the start of a run the current scale is still unknown (currents start from zero), so the
    // first step is not checked retroactively there, only after breakpoints.
    let segmentIsStart = true;
    let outcome: TransientOutcome = { endedBy: 'tstop' };
    while (bi < bps.length) {
      const nextBp = bps[bi]!;
      const gap = nextBp - history.t;
      let hitsBp = false;
      if (h >= gap * (1 - 1e-9)) {
        h = gap;
        hitsBp = true;
      } else if (!fixed && h > 0.5 * gap && !events.locating) h = 0.5 * gap; // two even steps instead of a sliver
      if (++attempts > opts.maxsteps) {
        throw new StepBudgetError(
          `${spec.what ?? 'transient'}: the budget of ${opts.maxsteps} time steps ran out at t = ${fmt(history.t)} s of ${fmt(tstop)} s ` +
            `(last step ${fmt(h)} s). Raise .options maxsteps= or loosen reltol=`,
        );
      }
      const order = method.order(history.points);
      const tNew = hitsBp ? nextBp : history.t + h;
      mna.ag0 = method.updateCoefficients(h, order, history, hist, this.coefficients);
      // Predictor: linear extrapolation of the last two points (same segment only).
      if (history.points >= 2) predict(xTry, x, xPrev, h / (history.t - history.t1), mna.n);
      else xTry.set(x);
      xTry[mna.n] = 0;
      mna.time = tNew;
      const res = newton.solve(xTry, opts.itl4);
      if (res.singular >= 0) throw mna.singularError(res.singular, `at t = ${fmt(tNew)} s`);
      if (!res.converged) {
        stats.newtonFailures++;
        stats.rejected++;
        events.forgetBracket();
        h = control.afterNewtonFailure(h);
        if (h < hmin) {
          const { label, element } = mna.describeUnknown(res.worst);
          throw new ConvergenceError(
            `time step too small at t = ${fmt(history.t)} s (step ${fmt(h)} s): Newton did not converge in ${opts.itl4} iterations; ` +
              `worst unknown ${label}${element ? ` (at ${element.name})` : ''}. Try .options itl4=50 or vlimit=, or check that element's values`,
            element ? { loc: element.loc } : {},
          );
        }
        continue;
      }
      // Events: a crossing inside the step sends the step back, shorter, from the accepted point.
      const shorter = events.check(x, xTry, tNew, h, fixed > 0, hmin);
      if (shorter > 0) {
        stats.rejected++;
        h = shorter;
        continue;
      }
      // States at the converged solution, their currents and the largest of them, in one pass.
      mna.storeStates(xTry, q0);
      const stepScale = stateCurrents(mna.ag0, q0, hist, dq0, ns);
      const iscale = Math.max(this.currentScale, stepScale);
      let ratio = -1;
      let worstState = -1;
      if (!fixed && order === 2 && history.points === 2 && !segmentIsStart && history.t - history.t1 > 1.5 * firstFloor) {
        // Second step after a breakpoint: the first (backward Euler) step could not be checked on
        // its own; now q'' of the new segment is known, so check it and redo it if it was too long.
        const t0 = tNew;
        const t1 = history.t;
        const t2 = history.t1;
        const h1 = t1 - t2;
        const dq1 = history.dq1;
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
          history.t = t2;
          x.set(xPrev);
          q1.set(q2);
          history.points = 1;
          events.start(x, t2);
          this.companion?.retract(t2);
          spec.onRetract?.(t2);
          h = control.afterFirstStepRejection(h1, r1);
          if (h < hmin) throw new ConvergenceError(`time step too small at t = ${fmt(history.t)} s (step ${fmt(h)} s) after a breakpoint: the charges change too fast. Try .options reltol=1e-2`);
          continue;
        }
      }
      if (!fixed && history.points >= order + 1) {
        // Errors are measured against the largest charging current in the circuit at this step as
        // well as the state's own, so nearly idle deep slits do not dictate the step.
        const tol = this.tolerance;
        tol.floor = opts.reltol * opts.lteglobal * iscale + opts.abstol;
        truncationErrorScan(method.errorConstant(order), order, h, tNew, history, q0, dq0, tol, this.scan);
        ratio = this.scan.ratio;
        worstState = this.scan.worst;
        if (ratio > 1) {
          stats.rejected++;
          events.forgetBracket();
          h = control.afterRejection(h, ratio, order);
          if (h < hmin) {
            throw new ConvergenceError(
              `time step too small at t = ${fmt(history.t)} s (step ${fmt(h)} s): the truncation error of the charge of ${this.stateOwner[worstState]} ` +
                `stays above tolerance (its current changes too fast). Try .options reltol=1e-2 or trtol=, or method=be`,
              this.stateLoc[worstState] ? { loc: this.stateLoc[worstState]! } : {},
            );
          }
          continue;
        }
      }
      // Accept.
      stats.steps++;
      this.currentScale = iscale;
      history.push(q0, dq0, tNew);
      xPrev.set(x);
      x.set(xTry);
      const landed = events.accept();
      let hNext = control.next(h, ratio, order);
      if (hitsBp) {
        bi++;
        segmentIsStart = false;
        history.points = 1;
        hNext = control.afterBreakpoint(hNext, h, bi < bps.length ? bps[bi]! - history.t : Infinity);
      } else history.points++;
      h = control.cap(hNext);
      this.companion?.accept(x, history.t, this.coefficients);
      if (spec.onAccept?.(history.t, x)) {
        outcome = { endedBy: 'stop' };
        break;
      }
      if (landed) {
        outcome = { endedBy: 'event', event: landed };
        break;
      }
    }
    stats.newtonIterations = newton.totalIterations;
    stats.factorizations = mna.lu.fullFactorizations;
    stats.refactorizations = mna.lu.refactorizations;
    return outcome;
  }
}

/** Linear extrapolation of the last two points to the step's end: xTry = x + r (x - xPrev). */
function predict(xTry: Float64Array, x: Float64Array, xPrev: Float64Array, r: number, n: number): void {
  for (let i = 0; i < n; i++) xTry[i] = x[i]! + r * (x[i]! - xPrev[i]!);
}

/** dq0 = ag0 q0 + hist for every state (the formula's currents); returns the largest |dq0|. */
function stateCurrents(ag0: number, q0: Float64Array, hist: Float64Array, dq0: Float64Array, ns: number): number {
  let scale = 0;
  for (let s = 0; s < ns; s++) {
    const d = ag0 * q0[s]! + hist[s]!;
    dq0[s] = d;
    const a = Math.abs(d);
    if (a > scale) scale = a;
  }
  return scale;
}

/** Six significant digits, exponent form for small and large magnitudes (2e-5, 1.16372e-8). */
export function fmt(v: number): string {
  const r = Number(v.toPrecision(6));
  const a = Math.abs(r);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? r.toExponential() : String(r);
}
