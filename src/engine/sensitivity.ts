/**
 * Forward (direct) sensitivities s = dx/dp integrated alongside the transient, as CVODES (staggered
 * direct method) and SPICE's .sens do. Each accepted step solved F(x_{n+1}, p) = 0 with
 *   dq/dt = ag0 q(x_{n+1}, p) + a1 q_n + a2 q_{n-1} + b1 dq_n        (Transient.coefficients).
 * Differentiating in p with the same formula:
 *   J s_{n+1} = -( dF/dp + dF/d(dq/dt) (a1 sigma_n + a2 sigma_{n-1} + b1 dsigma_n) )
 * with J = dF/dx at the accepted point, sigma = dq/dp = (dq/dx) s + dq/dp the state sensitivities
 * and dsigma = ag0 sigma_{n+1} + (a1 sigma_n + a2 sigma_{n-1} + b1 dsigma_n) their derivatives, kept
 * in a history shaped like StateHistory (restarted with it, withdrawn with a withdrawn step).
 * The right-hand side is one central difference of the moved devices' own residuals, the parameter
 * and the history moved together: (F(x, p + d, hist + d D) - F(x, p - d, hist - d D)) / 2d, where
 * D = a1 sigma_n + a2 sigma_{n-1} + b1 dsigma_n (F is linear in hist, so this is exact in D).
 * J s = rhs needs J at the accepted point. A nonlinear circuit's Newton iteration ends with the
 * factors of an earlier iterate (the last update, or chord steps), so J is assembled at the
 * accepted point and refactored once (numeric only, on the known pivots), then every parameter is
 * one solve. A linear circuit's factors are the step's own: each parameter is one solve checked by
 * one residual, and a refactorisation only if that check fails.
 * The start: from an operating point, J_dc s_0 = -dF_dc/dp (ag0 = 0); from `uic`, s_0 = 0 and
 * sigma_0 = d(ic states)/dp.
 */
import type { Circuit } from '../circuit/circuit.js';
import type { Device, Probe } from '../circuit/device.js';
import { SingularMatrixError } from '../diagnostics.js';
import type { Mna } from './mna.js';
import { MnaLayout, PerturbedDevices, ResidualContext, setupDependents, type ParameterPerturbation } from './sensitivityDevices.js';
import type { SimOptions } from './options.js';
import type { StepCoefficients } from './integrationMethods.js';

export type { ParameterPerturbation } from './sensitivityDevices.js';

/** What the transient calls at its start, at restarts, after each accepted step and when it withdraws one. */
export interface TransientCompanion {
  start(x: Float64Array, t: number, uic: boolean): void;
  restart(): void;
  accept(x: Float64Array, t: number, c: StepCoefficients): void;
  retract(t: number): void;
}

/** Linear-algebra work of the sensitivities (not counted in the transient's own stats). */
export interface SensitivityWork {
  /** Refactorisations made for the sensitivities (the DC start, and steps whose refinement stalled). */
  factorizations: number;
  /** Forward/back solves with the step's factors. */
  solves: number;
  /** Jacobian assemblies at accepted points. */
  assemblies: number;
}

/** Relative residual below which a refined sensitivity solve is accepted (per row, against |A||s| + |rhs|). */
const REFINE_TOL = 1e-12;
const REFINE_MAX = 6;
/**
 * Row residual, relative to |A||s| + |rhs|, above which a linear circuit's factors are taken not to
 * be the step's matrix (a solve with the right factors leaves round-off, ~1e-15; stale ones, far more).
 */
const CHECK_TOL = 1e-10;
/** Relative size of the directional difference along s for state and probe derivatives. */
const DIRECTION_STEP = 1e-4;

export class TransientSensitivity implements TransientCompanion {
  readonly params: string[];
  readonly work: SensitivityWork = { factorizations: 0, solves: 0, assemblies: 0 };
  private readonly layout: MnaLayout;
  private readonly moved: PerturbedDevices[];
  /** Per parameter: devices evaluated for the right-hand side (moved ones perturbed, other state devices as they are). */
  private readonly evalPlus: Device[][];
  private readonly evalMinus: Device[][];
  private readonly stateDevices: Device[];
  private readonly ctx: ResidualContext;
  private readonly ns: number;
  private readonly n1: number;
  /** s (by param, n + 1 each), the previous point's s, state sensitivities and their derivatives. */
  private readonly s: Float64Array[];
  private readonly sPrev: Float64Array[];
  private readonly sig0: Float64Array[];
  private readonly sig1: Float64Array[];
  private readonly sig2: Float64Array[];
  private readonly dsig0: Float64Array[];
  private readonly dsig1: Float64Array[];
  private readonly dsig0Prev: Float64Array[];
  // Scratch.
  private readonly fPlus: Float64Array;
  private readonly fMinus: Float64Array;
  private readonly rhs: Float64Array;
  private readonly r: Float64Array;
  private readonly z: Float64Array;
  private readonly xs: Float64Array;
  private readonly qa: Float64Array;
  private readonly qb: Float64Array;
  private readonly histSaved: Float64Array;
  /** Recorded outputs: times, and per output per param the derivative. */
  private readonly outputs: Probe[];
  private readonly explicit: { plus: Probe | undefined; minus: Probe | undefined }[][];
  private times: Float64Array;
  private cols: Float64Array[][];
  length = 0;

  constructor(
    readonly mna: Mna,
    readonly opts: SimOptions,
    base: Circuit,
    perturbations: ParameterPerturbation[],
    outputs: Probe[],
  ) {
    this.layout = new MnaLayout(mna);
    const deps = setupDependents(this.layout);
    this.params = perturbations.map((p) => p.name);
    this.moved = perturbations.map((p) => new PerturbedDevices(this.layout, base, p, deps));
    this.stateDevices = mna.devices.filter((d) => d.stateCount > 0);
    this.evalPlus = this.moved.map((m) => this.evaluationSet(m, m.plus));
    this.evalMinus = this.moved.map((m) => this.evaluationSet(m, m.minus));
    this.ctx = new ResidualContext(this.layout);
    this.ns = mna.stateCount;
    this.n1 = mna.n + 1;
    const P = perturbations.length;
    const vec = (len: number): Float64Array[] => Array.from({ length: P }, () => new Float64Array(len));
    this.s = vec(this.n1);
    this.sPrev = vec(this.n1);
    this.sig0 = vec(this.ns);
    this.sig1 = vec(this.ns);
    this.sig2 = vec(this.ns);
    this.dsig0 = vec(this.ns);
    this.dsig1 = vec(this.ns);
    this.dsig0Prev = vec(this.ns);
    this.fPlus = new Float64Array(this.n1);
    this.fMinus = new Float64Array(this.n1);
    this.rhs = new Float64Array(this.n1);
    this.r = new Float64Array(this.n1);
    this.z = new Float64Array(this.n1);
    this.xs = new Float64Array(this.n1);
    this.qa = new Float64Array(this.ns);
    this.qb = new Float64Array(this.ns);
    this.histSaved = new Float64Array(this.ns);
    this.outputs = outputs;
    this.explicit = outputs.map((o) =>
      this.moved.map((m) => ({
        plus: m.plus.flatMap((d) => d.probes()).find((p) => p.label === o.label),
        minus: m.minus.flatMap((d) => d.probes()).find((p) => p.label === o.label),
      })),
    );
    this.times = new Float64Array(1024);
    this.cols = outputs.map(() => Array.from({ length: P }, () => new Float64Array(1024)));
  }

  private evaluationSet(m: PerturbedDevices, perturbed: Device[]): Device[] {
    const movedSlots = new Set(m.slots);
    const others = this.mna.devices.filter((d, i) => d.stateCount > 0 && !movedSlots.has(i));
    return [...perturbed, ...others];
  }

  /** The sensitivity vector of parameter k at the last accepted point (by unknown). */
  sensitivity(k: number): Float64Array {
    return this.s[k]!;
  }

  /** State sensitivities dq/dp of parameter k at the last accepted point. */
  stateSensitivity(k: number): Float64Array {
    return this.sig1[k]!;
  }

  start(x: Float64Array, t: number, uic: boolean): void {
    const { mna, ctx } = this;
    this.length = 0;
    for (const m of this.moved) m.sync(mna);
    if (uic) {
      for (let k = 0; k < this.params.length; k++) {
        this.s[k]!.fill(0);
        this.qa.fill(0);
        this.qb.fill(0);
        for (const d of this.moved[k]!.plus) d.initialCondition?.(this.qa);
        for (const d of this.moved[k]!.minus) d.initialCondition?.(this.qb);
        const span = this.moved[k]!.perturbation.span;
        const sig = this.sig1[k]!;
        sig.fill(0);
        for (const slotDev of this.moved[k]!.plus) if (slotDev.stateCount > 0) this.copyStates(slotDev, this.qa, this.qb, span, sig);
        this.dsig1[k]!.fill(0);
      }
    } else {
      // DC: ag0 = 0, no history.
      const saved = { ag0: mna.ag0, time: mna.time, gmin: mna.gminDiag, src: mna.srcFactor };
      this.histSaved.set(mna.hist);
      mna.ag0 = 0;
      mna.hist.fill(0);
      mna.time = t;
      mna.srcFactor = 1;
      mna.gminDiag = 0;
      mna.assemble(x);
      this.work.assemblies++;
      let bad = this.factor();
      if (bad >= 0) {
        // A node without a DC path (capacitor-only cutset): the operating point used gmin, so do the derivative.
        mna.gminDiag = this.opts.gmin;
        mna.assemble(x);
        bad = this.factor();
        if (bad >= 0) throw mna.singularError(bad, 'in the sensitivity of the operating point');
      }
      ctx.ag0 = 0;
      ctx.time = t;
      ctx.hist.fill(0);
      for (let k = 0; k < this.params.length; k++) {
        ctx.residual(this.evalPlus[k]!, x, this.fPlus);
        ctx.residual(this.evalMinus[k]!, x, this.fMinus);
        const span = this.moved[k]!.perturbation.span;
        for (let i = 0; i < this.n1; i++) this.rhs[i] = -(this.fPlus[i]! - this.fMinus[i]!) / span;
        this.solveRefined(this.rhs, this.s[k]!);
        this.stateSens(k, x, this.sig1[k]!);
        this.dsig1[k]!.fill(0);
      }
      mna.ag0 = saved.ag0;
      mna.time = saved.time;
      mna.gminDiag = saved.gmin;
      mna.srcFactor = saved.src;
      mna.hist.set(this.histSaved);
    }
    for (let k = 0; k < this.params.length; k++) {
      this.sPrev[k]!.set(this.s[k]!);
      this.sig2[k]!.set(this.sig1[k]!);
    }
    this.record(t, x);
  }

  restart(): void {
    for (const d of this.dsig1) d.fill(0);
  }

  accept(x: Float64Array, t: number, c: StepCoefficients): void {
    const { mna, ctx, ns } = this;
    // The Jacobian at the accepted point (the step's own formula is still in mna.ag0 / mna.hist).
    mna.assemble(x);
    this.work.assemblies++;
    const fresh = mna.nonlinear;
    if (fresh) {
      const bad = this.factor();
      if (bad >= 0) throw new SingularMatrixError(`singular matrix in the sensitivity solve at t = ${mna.time} s`, { unknown: bad });
    }
    ctx.ag0 = c.ag0;
    ctx.time = mna.time;
    for (const m of this.moved) m.sync(mna);
    for (let k = 0; k < this.params.length; k++) {
      const sig1 = this.sig1[k]!;
      const sig2 = this.sig2[k]!;
      const dsig1 = this.dsig1[k]!;
      const dsig0 = this.dsig0[k]!;
      const span = this.moved[k]!.perturbation.span;
      const half = span / 2;
      // D = history part of d(dq/dt)/dp (kept in dsig0 for now).
      for (let s = 0; s < ns; s++) dsig0[s] = c.a1 * sig1[s]! + c.a2 * sig2[s]! + c.b1 * dsig1[s]!;
      const hist = mna.hist;
      for (let s = 0; s < ns; s++) ctx.hist[s] = hist[s]! + half * dsig0[s]!;
      ctx.residual(this.evalPlus[k]!, x, this.fPlus);
      for (let s = 0; s < ns; s++) ctx.hist[s] = hist[s]! - half * dsig0[s]!;
      ctx.residual(this.evalMinus[k]!, x, this.fMinus);
      for (let i = 0; i < this.n1; i++) this.rhs[i] = -(this.fPlus[i]! - this.fMinus[i]!) / span;
      this.sPrev[k]!.set(this.s[k]!);
      if (fresh) this.solveDirect(this.rhs, this.s[k]!);
      else this.solveChecked(this.rhs, this.s[k]!);
      const sig0 = this.sig0[k]!;
      this.stateSens(k, x, sig0);
      for (let s = 0; s < ns; s++) dsig0[s] = c.ag0 * sig0[s]! + dsig0[s]!;
      // Shift the history as StateHistory.push does.
      sig2.set(sig1);
      sig1.set(sig0);
      this.dsig0Prev[k]!.set(dsig1);
      dsig1.set(dsig0);
    }
    this.record(t, x);
  }

  /** The transient withdrew the points after t (a first step redone shorter): back to the point before. */
  retract(t: number): void {
    for (let k = 0; k < this.params.length; k++) {
      this.s[k]!.set(this.sPrev[k]!);
      this.sig1[k]!.set(this.sig2[k]!);
      this.dsig1[k]!.set(this.dsig0Prev[k]!);
    }
    while (this.length > 0 && this.times[this.length - 1]! > t) this.length--;
  }

  /** sigma = (dq/dx) s + dq/dp at x, for parameter k. */
  private stateSens(k: number, x: Float64Array, out: Float64Array): void {
    out.fill(0);
    if (this.ns === 0) return;
    const s = this.s[k]!;
    const eps = this.directionStep(x, s);
    if (eps > 0) {
      const xs = this.xs;
      for (let i = 0; i < this.n1; i++) xs[i] = x[i]! + eps * s[i]!;
      for (const d of this.stateDevices) d.storeStates!(xs, this.qa);
      for (let i = 0; i < this.n1; i++) xs[i] = x[i]! - eps * s[i]!;
      for (const d of this.stateDevices) d.storeStates!(xs, this.qb);
      for (let i = 0; i < this.ns; i++) out[i] = (this.qa[i]! - this.qb[i]!) / (2 * eps);
    }
    const m = this.moved[k]!;
    for (let j = 0; j < m.plus.length; j++) {
      const dp = m.plus[j]!;
      if (dp.stateCount === 0) continue;
      dp.storeStates!(x, this.qa);
      m.minus[j]!.storeStates!(x, this.qb);
      this.addStates(dp, this.qa, this.qb, m.perturbation.span, out);
    }
  }

  private addStates(d: Device, qa: Float64Array, qb: Float64Array, span: number, out: Float64Array): void {
    const first = this.layout.firstState[this.layout.index.get(d.element.key)!]!;
    for (let i = first; i < first + d.stateCount; i++) out[i] += (qa[i]! - qb[i]!) / span;
  }

  private copyStates(d: Device, qa: Float64Array, qb: Float64Array, span: number, out: Float64Array): void {
    this.addStates(d, qa, qb, span, out);
  }

  /** Step along s small enough for a nonlinear map, large enough for round-off: |eps s| ~ 1e-4 |x|. */
  private directionStep(x: Float64Array, s: Float64Array): number {
    let xm = 0;
    let sm = 0;
    for (let i = 0; i < this.n1 - 1; i++) {
      xm = Math.max(xm, Math.abs(x[i]!));
      sm = Math.max(sm, Math.abs(s[i]!));
    }
    if (sm === 0) return 0;
    return (DIRECTION_STEP * Math.max(xm, 1e-6)) / sm;
  }

  /** Factors mna.a into mna.lu (numeric refactor on the known pivots if possible); returns a singular column or -1. */
  private factor(): number {
    const lu = this.mna.lu;
    this.work.factorizations++;
    if (lu.factored && lu.refactor(this.mna.a)) return -1;
    return lu.factor(this.mna.a);
  }

  /** Solves A s = rhs with mna.lu as it stands (factors of mna.a). */
  private solveDirect(rhs: Float64Array, s: Float64Array): void {
    const n = this.mna.n;
    this.r.set(rhs);
    this.r[n] = 0;
    this.mna.lu.solve(this.r, s);
    this.work.solves++;
    s[n] = 0;
  }

  /**
   * Solves A s = rhs with the factors the step left (a linear circuit's own), checked by one
   * residual against A; refactors and solves again if the factors turn out not to be A's.
   */
  private solveChecked(rhs: Float64Array, s: Float64Array): void {
    this.solveDirect(rhs, s);
    if (this.residualOk(rhs, s)) return;
    const bad = this.factor();
    if (bad >= 0) throw new SingularMatrixError(`singular matrix in the sensitivity solve at t = ${this.mna.time} s`, { unknown: bad });
    this.solveDirect(rhs, s);
  }

  /** |rhs - A s| <= CHECK_TOL (|A||s| + |rhs|) in every row. */
  private residualOk(rhs: Float64Array, s: Float64Array): boolean {
    return this.residualWithin(rhs, s, CHECK_TOL);
  }

  /** r = rhs - A s, and whether every |r_i| <= tol (|A| |s| + |rhs|)_i (z holds the row scale). */
  private residualWithin(rhs: Float64Array, s: Float64Array, tol: number): boolean {
    const { mna, r, z } = this;
    const n = mna.n;
    const { colPtr, rowIdx } = mna.matrix;
    const a = mna.a;
    r.set(rhs);
    z.fill(0);
    for (let j = 0; j < n; j++) {
      const sj = s[j]!;
      if (sj === 0) continue;
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
        const v = a[p]! * sj;
        r[rowIdx[p]!] -= v;
        z[rowIdx[p]!] += Math.abs(v);
      }
    }
    for (let i = 0; i < n; i++) if (Math.abs(r[i]!) > tol * (z[i]! + Math.abs(rhs[i]!))) return false;
    return true;
  }

  /** Solves A s = rhs (A = mna.a, assembled at the accepted point) with mna.lu, refined; returns the solves it took. */
  private solveRefined(rhs: Float64Array, s: Float64Array): number {
    const { mna, r, z } = this;
    const n = mna.n;
    s.fill(0);
    r.set(rhs);
    for (let it = 0; ; it++) {
      r[n] = 0;
      mna.lu.solve(r, z);
      this.work.solves++;
      for (let i = 0; i < n; i++) s[i] += z[i]!;
      if (this.residualWithin(rhs, s, REFINE_TOL)) return it + 1;
      if (it === REFINE_MAX) {
        // The step's factors are too far from the Jacobian at the accepted point: refactor it.
        const bad = this.factor();
        if (bad >= 0) throw new SingularMatrixError(`singular matrix in the sensitivity solve at t = ${mna.time} s`, { unknown: bad });
        r.set(rhs);
        r[n] = 0;
        mna.lu.solve(r, s);
        this.work.solves++;
        s[n] = 0;
        return it + 2;
      }
    }
  }

  private record(t: number, x: Float64Array): void {
    if (this.length === this.times.length) {
      const cap = this.times.length * 2;
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      };
      this.times = grow(this.times);
      this.cols = this.cols.map((c) => c.map(grow));
    }
    const row = this.length++;
    this.times[row] = t;
    const xs = this.xs;
    for (let o = 0; o < this.outputs.length; o++) {
      const probe = this.outputs[o]!;
      for (let k = 0; k < this.params.length; k++) {
        const s = this.s[k]!;
        const eps = this.directionStep(x, s);
        let d = 0;
        if (eps > 0) {
          for (let i = 0; i < this.n1; i++) xs[i] = x[i]! + eps * s[i]!;
          const up = probe.read(xs);
          for (let i = 0; i < this.n1; i++) xs[i] = x[i]! - eps * s[i]!;
          d = (up - probe.read(xs)) / (2 * eps);
        }
        const ex = this.explicit[o]![k]!;
        if (ex.plus && ex.minus) d += (ex.plus.read(x) - ex.minus.read(x)) / this.moved[k]!.perturbation.span;
        this.cols[o]![k]![row] = d;
      }
    }
  }

  /** Recorded times (every accepted point and the start). */
  get recordedTimes(): Float64Array {
    return this.times.subarray(0, this.length);
  }

  /** Recorded d(output o)/d(param k). */
  recorded(o: number, k: number): Float64Array {
    return this.cols[o]![k]!.subarray(0, this.length);
  }
}
