/** Dense views of an assembled MNA system, for Jacobian checks against finite differences. */
import type { Mna } from '../../src/engine/mna.js';

/** Dense copy of the assembled matrix. */
export function dense(mna: Mna): number[][] {
  const n = mna.n;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const { colPtr, rowIdx } = mna.matrix;
  for (let j = 0; j < n; j++) for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) m[rowIdx[p]!]![j]! += mna.a[p]!;
  return m;
}

/** Residual of the nonlinear equations at x: the linearised stamps satisfy J x - b = F(x). */
export function residual(mna: Mna, x: Float64Array): Float64Array {
  mna.assemble(x);
  const J = dense(mna);
  const f = new Float64Array(mna.n);
  for (let i = 0; i < mna.n; i++) {
    let s = -mna.b[i]!;
    for (let j = 0; j < mna.n; j++) s += J[i]![j]! * x[j]!;
    f[i] = s;
  }
  return f;
}

/** max |J - J_FD| / max |J| of the assembled Jacobian at x against central differences (step 1e-6) of the residual. */
export function jacobianError(mna: Mna, x: Float64Array): number {
  mna.assemble(x);
  const J = dense(mna);
  let worst = 0;
  let scale = 0;
  for (let j = 0; j < mna.n; j++) {
    const d = 1e-6;
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += d;
    xm[j] -= d;
    const fp = residual(mna, xp);
    const fm = residual(mna, xm);
    for (let i = 0; i < mna.n; i++) {
      worst = Math.max(worst, Math.abs((fp[i]! - fm[i]!) / (2 * d) - J[i]![j]!));
      scale = Math.max(scale, Math.abs(J[i]![j]!));
    }
  }
  return worst / scale;
}
