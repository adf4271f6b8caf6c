/**
 * Levenberg-Marquardt with a supplied Jacobian, inside box bounds (steps are projected onto the
 * box), damping on the diagonal of J^T J (Marquardt) with Nielsen's update of lambda. Written here
 * because ml-levenberg-marquardt cannot take a Jacobian (it differences the model itself). Async:
 * it yields to the event loop between evaluations, so a Ctrl-C handler can ask it to stop and keep
 * the best point so far.
 * When the Jacobian costs about one residual evaluation (the engine's sensitivities: one run gives
 * both), trial points are evaluated with it and an accepted trial's Jacobian is kept, so an
 * accepted step costs one evaluation instead of two. It stops before evaluating a step when even the
 * undamped (Gauss-Newton) step would move the fit by less than `standardErrorTolerance` standard
 * errors: the remaining trials could only fail or change nothing the statistics can see.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { yieldToEventLoop } from './yieldToEventLoop.js';

export interface LmProblem {
  lower: Float64Array;
  upper: Float64Array;
  /** Residual vector at u. */
  residuals(u: Float64Array): Promise<Float64Array>;
  /** Residuals and the Jacobian dr/du (column per parameter) at u. */
  jacobian(u: Float64Array): Promise<{ r: Float64Array; J: Float64Array[] }>;
  /** Evaluate trial points with `jacobian` (true when it costs about one `residuals` call). */
  jacobianAtTrials?: boolean;
}

export interface LmOptions {
  maxIterations?: number;
  /** Stop when an accepted step lowers the SSE by less than this fraction. */
  relativeTolerance?: number;
  /** Stop when every step component is below this (in u). */
  stepTolerance?: number;
  /**
   * Stop when the Gauss-Newton step's length in standard errors, sqrt(g^T (J^T J)^-1 g / s^2) with
   * g = J^T r and s^2 = SSE / (m - p), is below this (default 1e-2; 0 turns the test off).
   */
  standardErrorTolerance?: number;
  onIteration?: (it: { iteration: number; u: Float64Array; sse: number; lambda: number }) => void;
  /** Polled between evaluations; true ends the run with the best point so far. */
  shouldStop?: () => boolean;
}

export interface LmResult {
  u: Float64Array;
  r: Float64Array;
  J: Float64Array[];
  sse: number;
  /** SSE at the (clamped) start. */
  startSse: number;
  iterations: number;
  residualEvaluations: number;
  jacobianEvaluations: number;
  reason: 'converged' | 'step' | 'standard-error' | 'max-iterations' | 'stopped';
}

const sumSq = (r: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < r.length; k++) s += r[k]! * r[k]!;
  return s;
};

export async function levenbergMarquardt(problem: LmProblem, u0: Float64Array, options: LmOptions = {}): Promise<LmResult> {
  const maxIt = options.maxIterations ?? 60;
  const ftol = options.relativeTolerance ?? 1e-10;
  const xtol = options.stepTolerance ?? 1e-10;
  const setol = options.standardErrorTolerance ?? 1e-2;
  const p = u0.length;
  const clampU = (u: Float64Array): Float64Array => u.map((v, j) => Math.min(problem.upper[j]!, Math.max(problem.lower[j]!, v)));
  let u = clampU(u0);
  let { r, J } = await problem.jacobian(u);
  let sse = sumSq(r);
  const startSse = sse;
  let nRes = 0;
  let nJac = 1;
  let lambda = -1;
  let nu = 2;
  let reason: LmResult['reason'] = 'max-iterations';
  let it = 0;
  let accepts = 0;
  for (; it < maxIt; it++) {
    if (options.shouldStop?.()) {
      reason = 'stopped';
      break;
    }
    const A = new Matrix(p, p);
    const gvec = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let k = 0; k < r.length; k++) s += J[a]![k]! * r[k]!;
      gvec[a] = s;
      for (let b = 0; b <= a; b++) {
        let t = 0;
        for (let k = 0; k < r.length; k++) t += J[a]![k]! * J[b]![k]!;
        A.set(a, b, t);
        A.set(b, a, t);
      }
    }
    let maxDiag = 0;
    for (let a = 0; a < p; a++) maxDiag = Math.max(maxDiag, A.get(a, a));
    if (setol > 0 && r.length > p && gaussNewtonDecrement(A, gvec) < setol * setol * (sse / (r.length - p))) {
      reason = 'standard-error';
      break;
    }
    if (lambda < 0) lambda = 1e-3;
    let accepted = false;
    // Inner loop: raise lambda until a step lowers the SSE.
    for (let tries = 0; tries < 30 && !accepted; tries++) {
      if (options.shouldStop?.()) break;
      const M = A.clone();
      for (let a = 0; a < p; a++) M.set(a, a, A.get(a, a) + lambda * Math.max(A.get(a, a), 1e-12 * maxDiag, 1e-300));
      const chol = new CholeskyDecomposition(M);
      if (!chol.isPositiveDefinite()) {
        lambda *= nu;
        nu *= 2;
        continue;
      }
      const delta = chol.solve(Matrix.columnVector(Array.from(gvec, (v) => -v))).getColumn(0);
      const uNew = clampU(u.map((v, j) => v + delta[j]!));
      const step = uNew.map((v, j) => v - u[j]!);
      let maxStep = 0;
      for (const s of step) maxStep = Math.max(maxStep, Math.abs(s));
      if (maxStep < xtol) {
        reason = 'step';
        accepted = true;
        it = maxIt;
        break;
      }
      // With a cheap Jacobian the trial carries it, and an accepted trial needs no second evaluation.
      const trial = problem.jacobianAtTrials ? await problem.jacobian(uNew) : undefined;
      const rNew = trial ? trial.r : await problem.residuals(uNew);
      if (trial) nJac++;
      else nRes++;
      await yieldToEventLoop();
      const sseNew = sumSq(rNew);
      // Predicted reduction of the linear model for the (projected) step.
      let pred = 0;
      for (let a = 0; a < p; a++) {
        let As = 0;
        for (let b = 0; b < p; b++) As += A.get(a, b) * step[b]!;
        pred -= 2 * step[a]! * gvec[a]! + step[a]! * As;
      }
      if (Number.isFinite(sseNew) && sseNew < sse) {
        const rho = pred > 0 ? (sse - sseNew) / pred : 1;
        lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        const gain = (sse - sseNew) / sse;
        u = uNew;
        if (trial) ({ r, J } = trial);
        else {
          ({ r, J } = await problem.jacobian(u));
          nJac++;
        }
        sse = sumSq(r);
        accepted = true;
        accepts++;
        options.onIteration?.({ iteration: accepts, u, sse, lambda });
        if (gain < ftol) {
          reason = 'converged';
          it = maxIt;
        }
      } else {
        lambda *= nu;
        nu *= 2;
      }
    }
    if (!accepted) {
      reason = options.shouldStop?.() ? 'stopped' : 'converged';
      break;
    }
    if (reason === 'converged' || reason === 'step') break;
  }
  return { u, r, J, sse, startSse, iterations: accepts, residualEvaluations: nRes, jacobianEvaluations: nJac, reason };
}

/** g^T A^-1 g: the SSE reduction the linear model predicts for the undamped step (Infinity when A is not positive definite). */
function gaussNewtonDecrement(A: Matrix, g: Float64Array): number {
  const chol = new CholeskyDecomposition(A);
  if (!chol.isPositiveDefinite()) return Infinity;
  const x = chol.solve(Matrix.columnVector(Array.from(g))).getColumn(0);
  let d = 0;
  for (let a = 0; a < g.length; a++) d += g[a]! * x[a]!;
  return Number.isFinite(d) ? d : Infinity;
}
