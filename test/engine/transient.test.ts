import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from './circuitBuilder.js';
import { runTran } from '../../src/analyses/tran.js';
import type { TranAnalysis } from '../../src/circuit/circuit.js';

const loc = { file: 'test.cir', line: 99, column: 1 };
const tran = (tstep: number, tstop: number, uic = true): TranAnalysis => ({ kind: 'tran', tstep, tstop, tstart: 0, uic, loc });

/** Series R-C charged by a 1 V step at t = 0 (uic: the capacitor starts empty). */
function rcStep(options: Record<string, number | string>) {
  const b = new CircuitBuilder().v('V1', 'in', '0', { kind: 'dc', value: 1 }).r('R1', 'in', 'out', 1e3).c('C1', 'out', '0', 1e-6, 0);
  b.options = options;
  return b.build();
}

describe('transient', () => {
  it('RC step matches 1 - exp(-t/RC) to 1e-4 (relative to the step) with tight tolerances', () => {
    const r = runTran(rcStep({ reltol: 1e-6, abstol: 1e-15, trtol: 1 }), tran(1e-4, 5e-3));
    const w = r.waveforms!;
    const t = w.columns[0]!;
    const v = w.columns[w.labels.indexOf('v(out)')]!;
    let worst = 0;
    for (let k = 1; k < w.length; k++) {
      const exact = 1 - Math.exp(-t[k]! / 1e-3);
      worst = Math.max(worst, Math.abs(v[k]! - exact) / 1);
    }
    expect(w.length).toBeGreaterThan(20);
    expect(worst).toBeLessThan(1e-4);
  });

  it('reports the current into the circuit, positive while charging', () => {
    const r = runTran(rcStep({}), tran(1e-4, 2e-3));
    const w = r.waveforms!;
    const i = w.columns[w.labels.indexOf('i(v1)')]!;
    const t = w.columns[0]!;
    const k = w.length >> 2;
    expect(i[k]!).toBeGreaterThan(0);
    expect(i[k]!).toBeCloseTo(1e-3 * Math.exp(-t[k]! / 1e-3), 5);
  });
});
