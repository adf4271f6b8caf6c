import { describe, expect, it } from 'vitest';
import { runCv } from '../../src/analyses/cv.js';
import type { CvAnalysis } from '../../src/circuit/circuit.js';
import { buildLadder } from '../../src/electrode/ladder.js';
import { CircuitBuilder } from './circuitBuilder.js';
import { expectMeasured } from '../helpers/measured.js';

const loc = { file: 'test.cir', line: 42, column: 1 };
const cv = (cycles: number, extra: Partial<CvAnalysis> = {}): CvAnalysis => ({
  kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 2e4, cycles, loc, ...extra,
});
const col = (r: ReturnType<typeof runCv>, label: string) => r.waveforms!.columns[r.waveforms!.labels.indexOf(label)]!;
const cyclesOf = (r: ReturnType<typeof runCv>) => r.summary.cycles;

describe('cyclic voltammetry', () => {
  it('series RC under a triangle sweep matches the closed form', () => {
    const R = 5;
    const C = 0.08e-6;
    const tau = R * C;
    const rate = 2e4;
    const b = new CircuitBuilder().v('Vm', 'm', '0', { kind: 'dc', value: 0 }).r('R1', 'm', 'a', R).c('C1', 'a', '0', C);
    b.options = { reltol: 1e-6, abstol: 1e-15 };
    const r = runCv(b.build(), cv(1, { rate }));
    const t = r.waveforms!.columns[0]!;
    const i = col(r, 'i(vm)');
    const T1 = 0.2 / rate;
    const iv = C * rate * (1 - Math.exp(-T1 / tau));
    let worst = 0;
    for (let k = 0; k < t.length; k++) {
      const tt = t[k]!;
      const exact = tt <= T1 ? C * rate * (1 - Math.exp(-tt / tau)) : -C * rate + (iv + C * rate) * Math.exp(-(tt - T1) / tau);
      worst = Math.max(worst, Math.abs(i[k]! - exact));
    }
    expect(worst / (C * rate)).toBeLessThan(1e-4);
    // C_cv from the closed form: forward sweep integral of I dE plus the reverse one of |I| dE.
    const m = cyclesOf(r)[0]!;
    let absIdE = 0;
    const K = 200000;
    for (let k = 0; k < K; k++) {
      const tt = ((k + 0.5) / K) * 2 * T1;
      const ii = tt <= T1 ? C * rate * (1 - Math.exp(-tt / tau)) : -C * rate + (iv + C * rate) * Math.exp(-(tt - T1) / tau);
      absIdE += Math.abs(ii) * rate * ((2 * T1) / K);
    }
    expect(m.capacitance / (absIdE / (2 * rate * 0.2))).toBeCloseTo(1, 3);
    expect(m.capacitance).toBeLessThan(C);
  });

  it('TLM at periodic steady state is symmetric; NCM with GAMMA=0.9 is asymmetric with a larger loop', () => {
    const base = { layers: 6, rc: 5, cTotal: 0.08e-6, cOpen: 0.08e-6 / 12, options: { reltol: 1e-5 } };
    const tlm = runCv(buildLadder(base), cv(8, { steadyTol: 1e-6 }));
    const last = cyclesOf(tlm).at(-1)!;
    expect(last.asymmetryIndex).toBeLessThan(2e-3);
    expect(last.coulombicEfficiency).toBeCloseTo(1, 4);
    expect(Math.abs(last.peakAnodicCurrent + last.peakCathodicCurrent) / last.peakAnodicCurrent).toBeLessThan(2e-3);
    const ncm = runCv(buildLadder({ ...base, gamma: 0.9, qmax: 'peak' }), cv(8, { steadyTol: 1e-6 }));
    const nl = cyclesOf(ncm).at(-1)!;
    // Measured; 0.1 % margins.
    expectMeasured(nl.asymmetryIndex, 0.11819, 1e-3);
    expectMeasured(nl.enclosedArea / last.enclosedArea, 1.1182, 1e-3);
    expect(ncm.summary.qmaxPeak?.converged).toBe(true);
  });

  it('RDYN with GAMMA=0 gives the same CV as a plain resistor', () => {
    const base = { layers: 6, rc: 5, cTotal: 0.08e-6 };
    const a = runCv(buildLadder(base), cv(2));
    const b = runCv(buildLadder({ ...base, forceRdyn: true, qmax: 1e-9 }), cv(2));
    const ia = col(a, 'i(vm)');
    const ib = col(b, 'i(vm)');
    expect(ib.length).toBe(ia.length);
    let peak = 0;
    let diff = 0;
    for (let k = 0; k < ia.length; k++) {
      peak = Math.max(peak, Math.abs(ia[k]!));
      diff = Math.max(diff, Math.abs(ia[k]! - ib[k]!));
    }
    // Identical up to roundoff (the RDYN path takes a confirming Newton iteration).
    expect(diff / peak).toBeLessThan(1e-8);
  });

  it('QMAX=peak converges to the peak |q| of each controlling capacitor', () => {
    const c = buildLadder({ layers: 4, rc: 5, cTotal: 0.08e-6, gamma: 0.5, qmax: 'peak' });
    const r = runCv(c, cv(1));
    const info = r.summary.qmaxPeak!;
    expect(info.converged).toBe(true);
    expect(info.iterations).toBeGreaterThan(1);
    expect(info.changes.at(-1)!).toBeLessThanOrEqual(1e-3);
    // The reported run restarts from rest; at the end of its first cycle each capacitor's peak is
    // below the periodic-state peak QMAX but of the same size.
    const q1 = col(r, 'q(cslit1)');
    let pk = 0;
    for (const v of q1) pk = Math.max(pk, Math.abs(v));
    expect(pk / info.qmax['Rslit2']!).toBeGreaterThan(0.9);
    expect(pk / info.qmax['Rslit2']!).toBeLessThan(1 + 1e-3);
  });

  it('conserves charge: the integral of the source current equals the sum of capacitor charges', () => {
    for (const method of ['be', 'trap', 'gear']) {
      const c = buildLadder({ layers: 6, rc: 5, cTotal: 0.08e-6, gamma: 0.9, qmax: 2e-9, options: { method } });
      const r = runCv(c, cv(1));
      const w = r.waveforms!;
      const t = w.columns[0]!;
      const i = col(r, 'i(vm)');
      const qs = w.labels.filter((l) => l.startsWith('q(')).map((l) => col(r, l));
      expect(qs.length).toBe(7);
      const total = (k: number) => qs.reduce((s, q) => s + q[k]!, 0);
      let integral = 0;
      let worst = 0;
      let scale = 0;
      let discrete = 0;
      for (let k = 1; k < w.length; k++) {
        const h = t[k]! - t[k - 1]!;
        integral += 0.5 * (i[k]! + i[k - 1]!) * h;
        scale = Math.max(scale, Math.abs(total(k)));
        worst = Math.max(worst, Math.abs(integral - total(k)));
        // Backward Euler moves exactly h * I_n of charge per step (KCL at the rail).
        if (method === 'be') discrete = Math.max(discrete, Math.abs(total(k) - total(k - 1) - h * i[k]!));
      }
      expect(worst / scale, method).toBeLessThan(method === 'be' ? 2e-2 : 1e-3);
      if (method === 'be') expect(discrete / scale).toBeLessThan(1e-12);
    }
  });

  it('rejects a CV through an element that is not a voltage source, with the .cv location', () => {
    const c = buildLadder({ layers: 2, rc: 5, cTotal: 1e-8 });
    expect(() => runCv(c, cv(1, { source: 'ropen' }))).toThrowError(/'ropen' is not a voltage source/);
    try {
      runCv(c, cv(1, { source: 'nope' }));
    } catch (e) {
      expect((e as { loc: unknown }).loc).toEqual(loc);
    }
  });
});
