import { describe, expect, it } from 'vitest';
import odex from 'odex';
import { runCv } from '../../src/analyses/cv.js';
import { buildLadder } from '../../src/electrode/ladder.js';

/**
 * Independent reference: the 6-layer ladder cast as an ODE in the capacitor voltages
 * u_k = phi_m - phi_k (algebraic nodes eliminated) and integrated by odex (Gragg-Bulirsch-Stoer)
 * with tight tolerances, segment by segment between the engine's time points.
 */
const N = 6, RC = 5, CTOT = 0.08e-6, ROPEN = 1, RATE = 2e4, VMAX = 0.2;
const CS = CTOT / N, COPEN = CS / 2, QMAX = 2.4e-9;
const T1 = VMAX / RATE;
const vm = (t: number) => (t <= T1 ? RATE * t : VMAX - RATE * (t - T1));

function rhs(gamma: number) {
  const caps = [COPEN, ...Array.from({ length: N }, () => CS)];
  const I = new Array<number>(N + 2).fill(0);
  const cur = (t: number, u: number[]): { du: number[]; i: number } => {
    const V = vm(t);
    const v = u.map((x) => V - x);
    for (let k = 1; k <= N; k++) {
      const q = caps[k - 1]! * u[k - 1]!;
      const r = RC * Math.max(1 - (gamma * q) / QMAX, 1e-2);
      I[k] = (v[k - 1]! - v[k]!) / r;
    }
    I[N + 1] = 0;
    const icap = [v[0]! / ROPEN + I[1]!];
    for (let k = 1; k <= N; k++) icap.push(I[k + 1]! - I[k]!);
    return { du: icap.map((ic, k) => ic / caps[k]!), i: icap.reduce((a, b) => a + b, 0) };
  };
  return cur;
}

describe('engine vs odex (independent ODE reference)', () => {
  for (const gamma of [0, 0.9]) {
    it(`${gamma === 0 ? 'TLM' : 'NCM GAMMA=0.9'}, 6 layers: current within 1e-4 of the peak`, () => {
      const c = buildLadder({ layers: N, rc: RC, cTotal: CTOT, rOpen: ROPEN, cOpen: COPEN, gamma, qmax: QMAX, options: { reltol: 1e-6, abstol: 1e-15 } });
      const r = runCv(c, { kind: 'cv', source: 'vm', vStart: 0, vVertex: VMAX, vEnd: 0, rate: RATE, cycles: 1, loc: { file: 't', line: 1, column: 1 } }, { record: 'minimal' });
      const w = r.waveforms!;
      const t = w.columns[0]!;
      const ie = w.columns[w.labels.indexOf('i(vm)')]!;
      const f = rhs(gamma);
      const solver = new odex.Solver(N + 1);
      solver.relativeTolerance = 1e-11;
      solver.absoluteTolerance = 1e-14;
      solver.maxSteps = 100000;
      let u = new Array<number>(N + 1).fill(0);
      let peak = 0;
      let worst = 0;
      const stride = Math.max(1, Math.floor(w.length / 300));
      let tPrev = 0;
      for (let k = stride; k < w.length; k += stride) {
        // Split at the vertex so every solve sees a smooth right-hand side.
        for (const [a, b] of tPrev < T1 && t[k]! > T1 ? [[tPrev, T1], [T1, t[k]!]] : [[tPrev, t[k]!]]) {
          const res = solver.solve((x, y) => f(x, y).du, a!, u, b!);
          expect(res.outcome).toBe(0);
          u = res.y;
        }
        tPrev = t[k]!;
        const iRef = f(t[k]!, u).i;
        peak = Math.max(peak, Math.abs(iRef));
        worst = Math.max(worst, Math.abs(iRef - ie[k]!));
      }
      expect(peak).toBeGreaterThan(1e-3);
      expect(worst / peak).toBeLessThan(1e-4);
    });
  }
});
