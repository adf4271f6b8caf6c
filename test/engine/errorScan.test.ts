import { describe, expect, it } from 'vitest';
import { integrationMethod, StateHistory, truncationErrorScan, type ErrorScan } from '../../src/engine/integrationMethods.js';

/** The per-state reference: the method's own errorEstimate divided by the tolerance, as the integrator did it before the fused scan. */
function reference(name: 'be' | 'trap' | 'gear', order: 1 | 2, h: number, t0: number, H: StateHistory, q0: Float64Array, dq0: Float64Array, floor: number) {
  const m = integrationMethod(name);
  let ratio = -1;
  let worst = -1;
  for (let s = 0; s < H.size; s++) {
    const err = m.errorEstimate(s, order, h, t0, q0[s]!, H);
    const tol = 1 * (1e-3 * Math.max(Math.abs(dq0[s]!), Math.abs(H.dq1[s]!)) + floor) * h + 1e-9 * Math.abs(q0[s]!);
    if (err / tol > ratio) {
      ratio = err / tol;
      worst = s;
    }
  }
  return { ratio, worst };
}

describe('fused truncation-error scan', () => {
  it('gives bit for bit the largest ratio and the worst state of the per-state errorEstimate loop', () => {
    const ns = 2000;
    const H = new StateHistory(ns);
    H.t2 = 1.0e-6;
    H.t1 = 1.013e-6;
    H.t = 1.031e-6;
    const h = 2.2e-8;
    const t0 = H.t + h;
    const q0 = new Float64Array(ns);
    const dq0 = new Float64Array(ns);
    // Smooth charges with a little curvature each, plus one state with a kink (the worst).
    for (let s = 0; s < ns; s++) {
      const f = (t: number) => 1e-9 * (1 + s / ns) * Math.sin(2e5 * t + s) + (s === 1234 ? 3e-10 * Math.max(0, t - 1.04e-6) * 1e6 : 0);
      q0[s] = f(t0);
      H.q1[s] = f(H.t);
      H.q2[s] = f(H.t1);
      H.q3[s] = f(H.t2);
      dq0[s] = 2e-4 * (1 + s / ns) * Math.cos(2e5 * t0 + s);
      H.dq1[s] = 2e-4 * (1 + s / ns) * Math.cos(2e5 * H.t + s);
    }
    const floor = 1e-3 * 3e-4 + 1e-12;
    const out: ErrorScan = { ratio: 0, worst: -1 };
    for (const [name, order] of [['be', 1], ['trap', 1], ['trap', 2], ['gear', 1], ['gear', 2]] as const) {
      const ref = reference(name, order, h, t0, H, q0, dq0, floor);
      truncationErrorScan(integrationMethod(name).errorConstant(order), order, h, t0, H, q0, dq0, { trtol: 1, reltol: 1e-3, floor, resolution: 1e-9 }, out);
      expect(out.worst).toBe(ref.worst);
      expect(ref.worst).toBe(1234);
      expect(out.ratio).toBe(ref.ratio); // bit-identical: the same operations in the same order
    }
  });
});
