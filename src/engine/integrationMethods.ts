/**
 * Integration methods as objects, as in Xyce's time integrators: each turns the state history into
 * the coefficients of dq/dt = ag0 q + hist for the next step (`updateCoefficients`) and estimates
 * the local truncation error of a state once the step is solved (`errorEstimate`). The history of
 * accepted states (charges, fluxes) and times is shared by all methods (`StateHistory`); a restart
 * (`restartHistory`, after a breakpoint or an excitation jump) makes the next step first order.
 *
 * The coefficients are also exposed as numbers (`coefficients`), so that anything integrated
 * alongside the circuit with the same formula (forward sensitivities dx/dp, issue 11) reproduces
 * the step: d/dt s ~= ag0 s0 + a1 s1 + a2 s2 + b1 ds1.
 */
import type { IntegrationMethod as MethodName } from '../circuit/optionSpecs.js';

/** Accepted states and times: q1 at t, q2 at t1, q3 at t2; dq1 = dq/dt at t. */
export class StateHistory {
  readonly q1: Float64Array;
  readonly q2: Float64Array;
  readonly q3: Float64Array;
  readonly dq1: Float64Array;
  t = 0;
  t1 = 0;
  t2 = 0;
  /** Accepted points since the last restart, the restart point included. */
  points = 1;

  constructor(readonly size: number) {
    this.q1 = new Float64Array(size);
    this.q2 = new Float64Array(size);
    this.q3 = new Float64Array(size);
    this.dq1 = new Float64Array(size);
  }

  /** The next step starts a new segment (derivatives jump here): first order, no old points. */
  restart(): void {
    this.dq1.fill(0);
    this.points = 1;
  }

  /** Shifts in the accepted step's states q0 (derivatives dq0) at tNew. */
  push(q0: Float64Array, dq0: Float64Array, tNew: number): void {
    this.q3.set(this.q2);
    this.q2.set(this.q1);
    this.q1.set(q0);
    this.dq1.set(dq0);
    this.t2 = this.t1;
    this.t1 = this.t;
    this.t = tNew;
  }
}

/** dq/dt = ag0 q0 + a1 q1 + a2 q2 + b1 dq1 for the step being taken. */
export interface StepCoefficients {
  order: 1 | 2;
  h: number;
  ag0: number;
  a1: number;
  a2: number;
  b1: number;
}

export interface IntegrationMethod {
  readonly name: MethodName;
  /** Order of the next step given the points of history since the last restart. */
  order(points: number): 1 | 2;
  /** Sets the coefficients of a step h at that order and fills hist[s] (the part of dq/dt known before the step); returns ag0. */
  updateCoefficients(h: number, order: 1 | 2, history: StateHistory, hist: Float64Array, out: StepCoefficients): number;
  /** Local truncation error (a charge) of state s whose new value q0s at t0 ends the step h. */
  errorEstimate(s: number, order: 1 | 2, h: number, t0: number, q0s: number, history: StateHistory): number;
  /** The error of a step of this order is errorConstant h^(order+1) |divided difference of order+1|. */
  errorConstant(order: 1 | 2): number;
}

/** Backward Euler: the first step of every segment, and the whole run with method=be. */
function backwardEulerCoefficients(h: number, history: StateHistory, hist: Float64Array, out: StepCoefficients): number {
  const q1 = history.q1;
  for (let s = 0; s < history.size; s++) hist[s] = -q1[s]! / h;
  out.order = 1;
  out.h = h;
  out.ag0 = 1 / h;
  out.a1 = -1 / h;
  out.a2 = 0;
  out.b1 = 0;
  return out.ag0;
}

/** Second divided difference of state s over (t0, t, t1), times h^2: the error of a first-order step. */
function firstOrderError(s: number, h: number, t0: number, q0s: number, H: StateHistory): number {
  const d01 = (q0s - H.q1[s]!) / (t0 - H.t);
  const d12 = (H.q1[s]! - H.q2[s]!) / (H.t - H.t1);
  const dd2 = (d01 - d12) / (t0 - H.t1);
  return h * h * Math.abs(dd2);
}

/** Third divided difference of state s over (t0, t, t1, t2), times c h^3: the error of a second-order step. */
function secondOrderError(c: number, s: number, h: number, t0: number, q0s: number, H: StateHistory): number {
  const d01 = (q0s - H.q1[s]!) / (t0 - H.t);
  const d12 = (H.q1[s]! - H.q2[s]!) / (H.t - H.t1);
  const dd2 = (d01 - d12) / (t0 - H.t1);
  const d23 = (H.q2[s]! - H.q3[s]!) / (H.t1 - H.t2);
  const dd2b = (d12 - d23) / (H.t - H.t2);
  const dd3 = (dd2 - dd2b) / (t0 - H.t2);
  return c * h * h * h * Math.abs(dd3);
}

export class BackwardEuler implements IntegrationMethod {
  readonly name = 'be' as const;
  order(): 1 {
    return 1;
  }
  updateCoefficients(h: number, _order: 1 | 2, history: StateHistory, hist: Float64Array, out: StepCoefficients): number {
    return backwardEulerCoefficients(h, history, hist, out);
  }
  errorEstimate(s: number, _order: 1 | 2, h: number, t0: number, q0s: number, history: StateHistory): number {
    return firstOrderError(s, h, t0, q0s, history);
  }
  errorConstant(): number {
    return 1;
  }
}

/** Trapezoidal rule: dq/dt = 2 (q0 - q1) / h - dq1; error constant 1/2 on h^3 q''' / 3!. */
export class Trapezoidal implements IntegrationMethod {
  readonly name = 'trap' as const;
  order(points: number): 1 | 2 {
    return points < 2 ? 1 : 2;
  }
  updateCoefficients(h: number, order: 1 | 2, history: StateHistory, hist: Float64Array, out: StepCoefficients): number {
    if (order === 1) return backwardEulerCoefficients(h, history, hist, out);
    const { q1, dq1 } = history;
    for (let s = 0; s < history.size; s++) hist[s] = (-2 * q1[s]!) / h - dq1[s]!;
    out.order = 2;
    out.h = h;
    out.ag0 = 2 / h;
    out.a1 = -2 / h;
    out.a2 = 0;
    out.b1 = -1;
    return out.ag0;
  }
  errorEstimate(s: number, order: 1 | 2, h: number, t0: number, q0s: number, history: StateHistory): number {
    return order === 1 ? firstOrderError(s, h, t0, q0s, history) : secondOrderError(0.5, s, h, t0, q0s, history);
  }
  errorConstant(order: 1 | 2): number {
    return order === 1 ? 1 : 0.5;
  }
}

/** Variable-step BDF2 (Gear): L-stable, the default. */
export class Bdf2 implements IntegrationMethod {
  readonly name = 'gear' as const;
  order(points: number): 1 | 2 {
    return points < 2 ? 1 : 2;
  }
  updateCoefficients(h: number, order: 1 | 2, history: StateHistory, hist: Float64Array, out: StepCoefficients): number {
    if (order === 1) return backwardEulerCoefficients(h, history, hist, out);
    const { q1, q2 } = history;
    const h1 = history.t - history.t1;
    const rho = h / h1;
    const ag0 = (1 + 2 * rho) / ((1 + rho) * h);
    const c1 = -(1 + rho) / h;
    const c2 = (rho * rho) / ((1 + rho) * h);
    for (let s = 0; s < history.size; s++) hist[s] = c1 * q1[s]! + c2 * q2[s]!;
    out.order = 2;
    out.h = h;
    out.ag0 = ag0;
    out.a1 = c1;
    out.a2 = c2;
    out.b1 = 0;
    return ag0;
  }
  errorEstimate(s: number, order: 1 | 2, h: number, t0: number, q0s: number, history: StateHistory): number {
    return order === 1 ? firstOrderError(s, h, t0, q0s, history) : secondOrderError(4 / 3, s, h, t0, q0s, history);
  }
  errorConstant(order: 1 | 2): number {
    return order === 1 ? 1 : 4 / 3;
  }
}

/** Tolerance of each state's error: trtol (reltol max(|dq0|, |dq1|) + floor) h + resolution |q0| (a charge). */
export interface ErrorTolerance {
  trtol: number;
  reltol: number;
  /** reltol lteglobal I_scale + abstol: the part every state shares (a current). */
  floor: number;
  /** Charge errors below this fraction of the charge are roundoff. */
  resolution: number;
}

/** Where `truncationErrorScan` puts its answer (no allocation per step). */
export interface ErrorScan {
  /** Largest error / tolerance over the states (-1 if there are none). */
  ratio: number;
  /** State at which it is reached (-1 if none). */
  worst: number;
}

/**
 * The truncation-error test of a step, fused into one pass over the states: the error of state s
 * is `c h^(order+1) |DD|` (DD the divided difference of order+1 of its charges at t0 and the
 * accepted points), the same operations in the same order as `errorEstimate`, with the time
 * differences and powers of h taken once per step; the answer is bit-identical to the per-state
 * loop over `errorEstimate` it replaces. The divisions stay: reciprocals would round differently,
 * and a last-digit change in the ratio moves every later step (docs/engine.md, issue 12).
 */
export function truncationErrorScan(c: number, order: 1 | 2, h: number, t0: number, H: StateHistory, q0: Float64Array, dq0: Float64Array, tol: ErrorTolerance, out: ErrorScan): void {
  const { q1, q2, q3, dq1 } = H;
  const ns = H.size;
  const { trtol, reltol, floor, resolution } = tol;
  const g01 = t0 - H.t;
  const g12 = H.t - H.t1;
  const g02 = t0 - H.t1;
  let ratio = -1;
  let worst = -1;
  if (order === 1) {
    const hh = h * h;
    for (let s = 0; s < ns; s++) {
      const q0s = q0[s]!;
      const q1s = q1[s]!;
      const err = hh * Math.abs(((q0s - q1s) / g01 - (q1s - q2[s]!) / g12) / g02);
      const t = trtol * (reltol * Math.max(Math.abs(dq0[s]!), Math.abs(dq1[s]!)) + floor) * h + resolution * Math.abs(q0s);
      const r = err / t;
      if (r > ratio) {
        ratio = r;
        worst = s;
      }
    }
  } else {
    const g23 = H.t1 - H.t2;
    const g13 = H.t - H.t2;
    const g03 = t0 - H.t2;
    const k = c * h * h * h;
    for (let s = 0; s < ns; s++) {
      const q0s = q0[s]!;
      const q1s = q1[s]!;
      const q2s = q2[s]!;
      const d12 = (q1s - q2s) / g12;
      const dd2 = ((q0s - q1s) / g01 - d12) / g02;
      const dd2b = (d12 - (q2s - q3[s]!) / g23) / g13;
      const err = k * Math.abs((dd2 - dd2b) / g03);
      const t = trtol * (reltol * Math.max(Math.abs(dq0[s]!), Math.abs(dq1[s]!)) + floor) * h + resolution * Math.abs(q0s);
      const r = err / t;
      if (r > ratio) {
        ratio = r;
        worst = s;
      }
    }
  }
  out.ratio = ratio;
  out.worst = worst;
}

export function integrationMethod(name: MethodName): IntegrationMethod {
  return name === 'be' ? new BackwardEuler() : name === 'trap' ? new Trapezoidal() : new Bdf2();
}
