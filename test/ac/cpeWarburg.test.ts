/**
 * Constant-phase and Warburg elements: exact in `.ac` (against Y = Q (j omega)^alpha and
 * Z = sigma (1 - j)/sqrt(omega)); in the transient, the RC approximation against the analytic
 * current-step response v(t) = I t^alpha / (Q Gamma(1 + alpha)), and the approximation's own
 * admittance error over its band (the figures docs/eis.md states).
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyses/run.js';
import { cpeBranches } from '../../src/circuit/cpe.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';

function run(lines: string[]): { labels: string[]; columns: Float64Array[]; length: number } {
  const build = circuitOfParams(['* cpe', ...lines, '.end'].join('\n'), 'cpe.cir');
  const c = build({});
  return runAnalysis(c, c.analyses[0]!).waveforms!;
}

describe('.ac is exact', () => {
  it('CPE in series with a resistor: Z = R + 1 / (Q (j omega)^alpha)', () => {
    const w = run(['V1 a 0 DC 0 AC 1', 'R1 a b 10', 'CPE1 b 0 2u ALPHA=0.7', '.ac dec 5 1 1meg']);
    let worst = 0;
    for (let i = 0; i < w.length; i++) {
      const om = 2 * Math.PI * w.columns[0]![i]!;
      const m = 1 / (2e-6 * om ** 0.7);
      const zr = 10 + m * Math.cos(0.35 * Math.PI);
      const zi = -m * Math.sin(0.35 * Math.PI);
      worst = Math.max(worst, Math.hypot(w.columns[1]![i]! - zr, w.columns[2]![i]! - zi) / Math.hypot(zr, zi));
    }
    // Measured 5.6e-13 (round-off of the complex solve).
    expect(worst).toBeLessThan(1e-11);
  });
  it('Warburg: Z = sigma (1 - j) / sqrt(omega), phase -45 degrees', () => {
    const w = run(['V1 a 0 DC 0 AC 1', 'W1 a 0 50', '.ac dec 4 10 100k']);
    for (let i = 0; i < w.length; i++) {
      const om = 2 * Math.PI * w.columns[0]![i]!;
      expect(w.columns[1]![i]! / (50 / Math.sqrt(om)) - 1).toBeCloseTo(0, 11);
      expect(w.columns[2]![i]! / (-50 / Math.sqrt(om)) - 1).toBeCloseTo(0, 11);
      expect(w.columns[4]![i]!).toBeCloseTo(-45, 9);
    }
  });
});

describe('transient RC approximation', () => {
  it('its admittance is within 7.5e-4 of Q (j omega)^alpha over the band (measured 4.9e-4, 7.5e-4, 6.1e-4 for alpha 0.5, 0.7, 0.9)', () => {
    for (const alpha of [0.5, 0.7, 0.9]) {
      const { r, c, cInf, g0 } = cpeBranches(1, alpha, 1, 1e9);
      let e = 0;
      for (let lf = 0; lf <= 9; lf += 0.01) {
        const om = 2 * Math.PI * 10 ** lf;
        let yr = g0;
        let yi = om * cInf;
        for (let k = 0; k < r.length; k++) {
          const a = om * r[k]! * c[k]!;
          yr += (om * c[k]! * a) / (1 + a * a);
          yi += (om * c[k]!) / (1 + a * a);
        }
        const er = om ** alpha * Math.cos((alpha * Math.PI) / 2);
        const ei = om ** alpha * Math.sin((alpha * Math.PI) / 2);
        e = Math.max(e, Math.hypot(yr - er, yi - ei) / Math.hypot(er, ei));
      }
      expect(e, `alpha ${alpha}`).toBeLessThan(7.5e-4 * 1.05);
    }
  });
  it('a current step gives the power law I t^alpha / (Q Gamma(1 + alpha)) (measured 1.0e-4 and 1.1e-4)', () => {
    const gamma: Record<string, number> = { '0.5': Math.sqrt(Math.PI) / 2, '0.8': 0.9313837709802427 };
    for (const alpha of ['0.5', '0.8']) {
      const w = run(['I1 0 a DC 1m', 'Rleak a 0 1e12', `CPE1 a 0 2u ALPHA=${alpha} FMIN=1k FMAX=1g`, '.options reltol=1e-5', '.tran 0.2u 10u 0 uic']);
      const t = w.columns[0]!;
      const v = w.columns[w.labels.indexOf('v(a)')]!;
      let worst = 0;
      for (let i = 0; i < w.length; i++) {
        if (t[i]! < 1e-7) continue;
        const exact = (1e-3 * t[i]! ** Number(alpha)) / (2e-6 * gamma[alpha]!);
        worst = Math.max(worst, Math.abs(v[i]! - exact) / exact);
      }
      expect(worst, `alpha ${alpha}`).toBeLessThan(2e-4);
    }
  });
});
