import { describe, expect, it } from 'vitest';
import { runTran } from '../../src/analyses/tran.js';
import { CircuitBuilder } from './circuitBuilder.js';

/**
 * Series R-C driven by a ramp V = a t from rest: I(t) = C a (1 - exp(-t/tau)). Fixed steps, so
 * the global error at t_end must fall by 2^p when the step halves (p = 1 for BE, 2 for trap/BDF2).
 */
function errorAt(method: string, h: number): number {
  const R = 1e3, C = 1e-6, a = 1e3, tEnd = 2e-3;
  const b = new CircuitBuilder().v('V1', 'in', '0', { kind: 'pwl', times: [0, 1], values: [0, a] }).r('R1', 'in', 'out', R).c('C1', 'out', '0', C);
  b.options = { method, fixedstep: h };
  const r = runTran(b.build(), { kind: 'tran', tstep: h, tstop: tEnd, tstart: 0, uic: false, loc: { file: 't', line: 1, column: 1 } });
  const w = r.waveforms!;
  const i = w.columns[w.labels.indexOf('i(v1)')]!;
  const t = w.columns[0]!;
  expect(t[w.length - 1]).toBeCloseTo(tEnd, 12);
  return Math.abs(i[w.length - 1]! - C * a * (1 - Math.exp(-tEnd / (R * C))));
}

describe('order of accuracy (fixed step)', () => {
  for (const [method, order] of [['be', 1], ['trap', 2], ['gear', 2]] as const) {
    it(`${method}: halving the step divides the error by ${2 ** order}`, () => {
      const e1 = errorAt(method, 2e-5);
      const e2 = errorAt(method, 1e-5);
      const e3 = errorAt(method, 5e-6);
      const r1 = e1 / e2;
      const r2 = e2 / e3;
      expect(r1).toBeGreaterThan(2 ** order * 0.85);
      expect(r1).toBeLessThan(2 ** order * 1.15);
      expect(r2).toBeGreaterThan(2 ** order * 0.9);
      expect(r2).toBeLessThan(2 ** order * 1.1);
    });
  }
});
