/**
 * Newton-Raphson on the MNA system. Each iteration assembles the linearised equations at the
 * iterate, refactors (numeric only, on the fixed pattern) and solves for the next iterate.
 * Convergence is the SPICE test on every unknown:
 *   |x_new - x_old| <= reltol * max(|x_new|, |x_old|) + (vntol for voltages | abstol for currents),
 * and a nonlinear circuit needs at least two iterations (the second confirms the first).
 * Close to the solution (previous update within CHORD_RATIO tolerances) an iteration is a chord
 * step: the update is solved from the residual with the previous factors, skipping a refactor;
 * the convergence test is unchanged, so the accepted solution meets the same tolerance.
 * Step limiting: in a nonlinear circuit no node voltage moves by more than `vlimit` per iteration.
 */
import type { Mna } from './mna.js';
import type { SimOptions } from './options.js';

/**
 * An iteration reuses the previous factors when the previous update was within this many
 * tolerances (close to the solution, where the Jacobian barely changes).
 */
const CHORD_RATIO = 100;

/** Margin of the convergence scan's screen: 2^-40, far above the rounding of d / tol (2^-53). */
const SCREEN = 1 - 2 ** -40;

export interface NewtonOutcome {
  converged: boolean;
  iterations: number;
  /** Unknown that was furthest from convergence at the last iteration (-1 if none). */
  worst: number;
  /** Unknown at which the matrix was singular (-1 if it was not). */
  singular: number;
}

export class NewtonSolver {
  private readonly xNew: Float64Array;
  private readonly rhs: Float64Array;
  private readonly scan: ConvergenceScan = { ok: true, worst: -1, ratio: 0 };
  readonly outcome: NewtonOutcome = { converged: false, iterations: 0, worst: -1, singular: -1 };
  totalIterations = 0;
  /** Iterations that reused the previous factors (chord steps). */
  chordSteps = 0;

  constructor(
    private readonly mna: Mna,
    private readonly opts: SimOptions,
  ) {
    this.xNew = new Float64Array(mna.n + 1);
    this.rhs = new Float64Array(mna.n + 1);
  }

  /** Iterates from `x` (updated in place to the solution). */
  solve(x: Float64Array, maxIter: number): NewtonOutcome {
    const { mna, opts, xNew, rhs } = this;
    const n = mna.n;
    const nv = mna.nodeUnknowns;
    const out = this.outcome;
    out.converged = false;
    out.iterations = 0;
    out.worst = -1;
    out.singular = -1;
    const nonlinear = mna.nonlinear;
    const lu = mna.lu;
    let lastRatio = Infinity;
    const { colPtr, rowIdx } = mna.matrix;
    for (let it = 0; it < maxIter; it++) {
      mna.assemble(x);
      if (it > 0 && lastRatio < CHORD_RATIO && lu.factored) {
        // Chord step: keep the factors of the previous Jacobian and solve for the update from
        // the residual at x, x_new = x + J_old^-1 (b(x) - A(x) x). Near the solution this costs
        // one assembly and one solve instead of a refactorisation.
        residual(rhs, mna.b, mna.a, colPtr, rowIdx, x, n);
        lu.solve(rhs, xNew);
        addInPlace(xNew, x, n);
        this.chordSteps++;
      } else {
        if (!lu.refactor(mna.a)) {
          const col = lu.factor(mna.a);
          if (col >= 0) {
            out.singular = col;
            out.iterations = it + 1;
            this.totalIterations += it + 1;
            return out;
          }
        }
        rhs.set(mna.b);
        lu.solve(rhs, xNew);
      }
      xNew[n] = 0;
      // Step limiting for nonlinear circuits: scale the whole update so no node moves > vlimit.
      if (nonlinear && opts.vlimit > 0) limitStep(xNew, x, n, nv, opts.vlimit);
      const scan = this.scan;
      convergenceScan(xNew, x, n, nv, opts.reltol, opts.vntol, opts.abstol, scan);
      const worst = scan.worst;
      const worstRatio = scan.ratio;
      // A device linearised with a stand-in at this iterate: it must be re-linearised at the next.
      const ok = scan.ok && mna.unsettled === 0;
      if (worstRatio === Infinity) {
        out.iterations = it + 1;
        out.worst = worst;
        this.totalIterations += it + 1;
        return out;
      }
      x.set(xNew);
      lastRatio = worstRatio;
      out.worst = worst;
      if (!nonlinear || (ok && it > 0)) {
        out.converged = true;
        out.iterations = it + 1;
        this.totalIterations += it + 1;
        return out;
      }
    }
    out.iterations = maxIter;
    this.totalIterations += maxIter;
    return out;
  }
}

/** Where `convergenceScan` puts its answer (no allocation per iteration). */
interface ConvergenceScan {
  /** Every unknown within its tolerance. */
  ok: boolean;
  /** Unknown furthest from convergence (-1 if none) and its |change| / tolerance (Infinity: not finite). */
  worst: number;
  ratio: number;
}

/*
 * The loops of an iteration live in small functions of their own: V8 optimises them after a few
 * calls, while the iteration's body waits for on-stack replacement, boxing every number it computes
 * in the meantime (issue 12: garbage collection of a cold run).
 */

/** rhs = b - A x (the residual at x, for a chord step with the previous factors). */
function residual(rhs: Float64Array, b: Float64Array, a: Float64Array, colPtr: Int32Array, rowIdx: Int32Array, x: Float64Array, n: number): void {
  rhs.set(b);
  for (let j = 0; j < n; j++) {
    const xj = x[j]!;
    if (xj === 0) continue;
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) rhs[rowIdx[p]!] -= a[p]! * xj;
  }
}

/** y = x + y over the first n entries. */
function addInPlace(y: Float64Array, x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] = x[i]! + y[i]!;
}

/** Scales the update xNew - x so that no node voltage (the first nv unknowns) moves by more than vlimit. */
function limitStep(xNew: Float64Array, x: Float64Array, n: number, nv: number, vlimit: number): void {
  let dmax = 0;
  for (let i = 0; i < nv; i++) {
    const d = Math.abs(xNew[i]! - x[i]!);
    if (d > dmax) dmax = d;
  }
  if (dmax > vlimit) {
    const s = vlimit / dmax;
    for (let i = 0; i < n; i++) xNew[i] = x[i]! + s * (xNew[i]! - x[i]!);
  }
}

/** The SPICE convergence test of xNew against x, one pass with a division only for a candidate worst unknown. */
function convergenceScan(xNew: Float64Array, x: Float64Array, n: number, nv: number, reltol: number, vntol: number, abstol: number, out: ConvergenceScan): void {
  let worst = -1;
  let worstRatio = 0;
  let ok = true;
  const screen = SCREEN; // a local: bundled, SCREEN is a module-level `var`, read per unknown otherwise
  for (let i = 0; i < n; i++) {
    const a = xNew[i]!;
    const b = x[i]!;
    if (!Number.isFinite(a)) {
      ok = false;
      worst = i;
      worstRatio = Infinity;
      break;
    }
    const tol = reltol * Math.max(Math.abs(a), Math.abs(b)) + (i < nv ? vntol : abstol);
    const d = Math.abs(a - b);
    // Only an unknown that may beat the worst so far (with a margin far above rounding) is
    // divided; it then gets the exact test, so the outcome is that of dividing every unknown.
    if (d > worstRatio * tol * screen) {
      const r = d / tol;
      if (r > 1) ok = false;
      if (r > worstRatio) {
        worstRatio = r;
        worst = i;
      }
    }
  }
  out.ok = ok;
  out.worst = worst;
  out.ratio = worstRatio;
}
