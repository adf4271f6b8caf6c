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
        const a = mna.a;
        rhs.set(mna.b);
        for (let j = 0; j < n; j++) {
          const xj = x[j]!;
          if (xj === 0) continue;
          for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) rhs[rowIdx[p]!] -= a[p]! * xj;
        }
        lu.solve(rhs, xNew);
        for (let i = 0; i < n; i++) xNew[i] = x[i]! + xNew[i]!;
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
      if (nonlinear && opts.vlimit > 0) {
        let dmax = 0;
        for (let i = 0; i < nv; i++) {
          const d = Math.abs(xNew[i]! - x[i]!);
          if (d > dmax) dmax = d;
        }
        if (dmax > opts.vlimit) {
          const s = opts.vlimit / dmax;
          for (let i = 0; i < n; i++) xNew[i] = x[i]! + s * (xNew[i]! - x[i]!);
        }
      }
      // Convergence, one pass with a division only for a candidate worst unknown.
      let worst = -1;
      let worstRatio = 0;
      let ok = true;
      const { reltol, vntol, abstol } = opts;
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
        if (d > worstRatio * tol * SCREEN) {
          const r = d / tol;
          if (r > 1) ok = false;
          if (r > worstRatio) {
            worstRatio = r;
            worst = i;
          }
        }
      }
      // A device linearised with a stand-in at this iterate: it must be re-linearised at the next.
      if (mna.unsettled > 0) ok = false;
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
