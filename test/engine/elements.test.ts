import { describe, expect, it } from 'vitest';
import { runTran } from '../../src/analyses/tran.js';
import { runOp } from '../../src/analyses/op.js';
import { runChrono } from '../../src/analyses/chrono.js';
import { waveformBreakpoints, waveformValue } from '../../src/circuit/waveform.js';
import type { Waveform } from '../../src/circuit/circuit.js';
import { CircuitBuilder } from './circuitBuilder.js';

const loc = { file: 'test.cir', line: 5, column: 1 };
const col = (w: { labels: string[]; columns: Float64Array[] }, l: string) => w.columns[w.labels.indexOf(l)]!;

describe('elements and analyses', () => {
  it('uic starts from ic=: a charged capacitor discharges as exp(-t/RC)', () => {
    const b = new CircuitBuilder().r('R1', 'a', '0', 1e3).c('C1', 'a', '0', 1e-6, 2);
    b.options = { reltol: 1e-6, abstol: 1e-15 };
    const r = runTran(b.build(), { kind: 'tran', tstep: 1e-4, tstop: 3e-3, tstart: 0, uic: true, loc });
    const w = r.waveforms!;
    const t = w.columns[0]!;
    const v = col(w, 'v(a)');
    for (let k = 1; k < w.length; k += 5) expect(Math.abs(v[k]! - 2 * Math.exp(-t[k]! / 1e-3))).toBeLessThan(2e-4);
  });

  it('inductor: R-L step current rises as V/R (1 - exp(-t R/L))', () => {
    const b = new CircuitBuilder().v('V1', 'in', '0', { kind: 'pwl', times: [0, 1e-9], values: [0, 1] }).r('R1', 'in', 'a', 10).l('L1', 'a', '0', 1e-3);
    b.options = { reltol: 1e-6, abstol: 1e-15 };
    const r = runTran(b.build(), { kind: 'tran', tstep: 1e-6, tstop: 5e-4, tstart: 0, uic: false, loc });
    const w = r.waveforms!;
    const t = w.columns[0]!;
    const i = col(w, 'i(l1)');
    let worst = 0;
    for (let k = 0; k < w.length; k++) if (t[k]! > 1e-6) worst = Math.max(worst, Math.abs(i[k]! - 0.1 * (1 - Math.exp(-(t[k]! - 0.5e-9) / 1e-4))));
    expect(worst / 0.1).toBeLessThan(1e-4);
  });

  it('op: a current source into a divider, inductor as a short, capacitor open', () => {
    const c = new CircuitBuilder()
      .i('I1', '0', 'a', { kind: 'dc', value: 1e-3 })
      .r('R1', 'a', 'b', 1e3)
      .l('L1', 'b', 'c', 1e-3)
      .r('R2', 'c', '0', 2e3)
      .c('C1', 'a', '0', 1e-6)
      .build();
    const r = runOp(c, { kind: 'op', loc });
    const v = r.summary.values;
    expect(v['v(a)']).toBeCloseTo(3, 9);
    expect(v['v(b)']).toBeCloseTo(2, 9);
    expect(v['v(c)']).toBeCloseTo(2, 9);
    expect(v['i(l1)']).toBeCloseTo(1e-3, 12);
    expect(v['q(c1)']).toBeCloseTo(3e-6, 15);
  });

  it('chrono: potential step on a series RC gives I = dV/R exp(-t/RC), Q = C dV and tau = RC', () => {
    const R = 5, C = 0.08e-6;
    const b = new CircuitBuilder().v('Vm', 'm', '0', { kind: 'dc', value: 0 }).r('R1', 'm', 'a', R).c('C1', 'a', '0', C);
    b.options = { reltol: 1e-6, abstol: 1e-15 };
    const r = runChrono(b.build(), { kind: 'chrono', source: 'vm', vInitial: 0.05, vStep: 0.2, tStep: 1e-6, tStop: 6e-6, loc });
    const s = r.summary;
    expect(s.timeConstant / (R * C)).toBeCloseTo(1, 4);
    expect(s.fitR2).toBeGreaterThan(0.999999);
    expect(s.finalCharge / (C * 0.15)).toBeCloseTo(1, 4);
    expect(s['peakCurrent']! / (0.15 / R)).toBeGreaterThan(0.99);
    expect(s['t90']! / (R * C * Math.log(10))).toBeCloseTo(1, 1);
    // Before the step nothing flows (the operating point holds v_initial).
    const w = r.waveforms!;
    const t = w.columns[0]!;
    const i = col(w, 'i(vm)');
    for (let k = 0; k < w.length && t[k]! <= 1e-6; k++) expect(Math.abs(i[k]!)).toBeLessThan(1e-12);
  });

  it('pulse waveform values and corners follow ngspice', () => {
    const p: Waveform = { kind: 'pulse', v1: 0, v2: 1, td: 1, tr: 0.5, tf: 0.5, pw: 2, per: 5, np: Infinity };
    expect(waveformValue(p, 0.5)).toBe(0);
    expect(waveformValue(p, 1.25)).toBeCloseTo(0.5, 12);
    expect(waveformValue(p, 2)).toBe(1);
    expect(waveformValue(p, 3.75)).toBeCloseTo(0.5, 12);
    expect(waveformValue(p, 4.5)).toBe(0);
    expect(waveformValue(p, 6.25)).toBeCloseTo(0.5, 12);
    const out: number[] = [];
    waveformBreakpoints(p, 7, out);
    expect(out).toEqual([1, 1.5, 3.5, 4, 6, 6.5]);
  });
});
