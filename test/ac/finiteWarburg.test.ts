/**
 * Finite-length Warburg elements WS (transmissive) and WO (reflective): exact in `.ac` against the
 * closed forms R tanh(sqrt(j w T))/sqrt(j w T) and R coth(...)/sqrt(...) (evaluated here with naive
 * complex exponentials, independently of the element's overflow-free form); in the transient, a
 * current step against the analytic series solution of the diffusion layer; the truncated
 * expansion's impedance error against the figures docs/eis.md states; sensitivities against
 * central differences.
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyses/run.js';
import { finiteWarburgModes } from '../../src/circuit/warburgFinite.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';
import { exportNgspice } from '../../src/io/ngspiceExport.js';
import { agreement } from '../sensitivity/fd.js';

function run(lines: string[]): { labels: string[]; columns: Float64Array[]; length: number } {
  const c = circuitOfParams(['* finite warburg', ...lines, '.end'].join('\n'), 'fw.cir')({});
  return runAnalysis(c, c.analyses[0]!).waveforms!;
}

type C = [number, number];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const div = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const cexp = (a: C): C => [Math.exp(a[0]) * Math.cos(a[1]), Math.exp(a[0]) * Math.sin(a[1])];
/** R tanh(z)/z (WS) or R coth(z)/z (WO), z = sqrt(j w T), from exp(2z). */
function closedForm(kind: 'WS' | 'WO', r: number, t: number, w: number): C {
  const a = Math.sqrt((w * t) / 2);
  const z: C = [a, a];
  const e2 = cexp([2 * a, 2 * a]);
  const tanh = div([e2[0] - 1, e2[1]], [e2[0] + 1, e2[1]]);
  const f = kind === 'WS' ? div(tanh, z) : div([1, 0], mul(tanh, z));
  return [r * f[0], r * f[1]];
}

describe('.ac is exact', () => {
  for (const kind of ['WS', 'WO'] as const) {
    it(`${kind} in series with a resistor, omega T from 1e-4 to 1e4`, () => {
      // T = 1 ms: 0.016 Hz .. 1.6 MHz spans omega T = 1e-4 .. 1e4 (the naive closed form overflows beyond).
      const w = run(['V1 a 0 DC 0 AC 1', 'R1 a b 3', `${kind}1 b 0 20 T=1m`, '.ac dec 10 0.0159 1.59meg']);
      let worst = 0;
      for (let k = 0; k < w.length; k++) {
        const om = 2 * Math.PI * w.columns[0]![k]!;
        const z = closedForm(kind, 20, 1e-3, om);
        const zr = 3 + z[0];
        worst = Math.max(worst, Math.hypot(w.columns[1]![k]! - zr, w.columns[2]![k]! - z[1]) / Math.hypot(zr, z[1]));
      }
      // Measured 5.7e-15 (WS) and 8.7e-12 (WO: round-off of the solve at omega T = 1e-4, where |Z| is 2e4 times its real part).
      expect(worst).toBeLessThan(5e-11);
    });
  }
  it('limits: WS is R at DC and the semi-infinite Warburg at high frequency; WO is C = T/R plus R/3 at low frequency', () => {
    const lo = run(['V1 a 0 DC 0 AC 1', 'WS1 a 0 20 T=1m', '.ac lin 1 1e-6 1e-6']);
    expect(lo.columns[1]![0]! / 20 - 1).toBeCloseTo(0, 9);
    // omega T = 6.3e6, where the closed form's exponentials overflow: R / sqrt(j w T) = (R / sqrt(2 w T)) (1 - j)
    const hi = run(['V1 a 0 DC 0 AC 1', 'WS1 a 0 20 T=1m', '.ac lin 1 1g 1g']);
    const s = 20 / Math.sqrt(2 * 2 * Math.PI * 1e9 * 1e-3);
    expect(hi.columns[1]![0]! / s - 1).toBeCloseTo(0, 9);
    expect(hi.columns[2]![0]! / -s - 1).toBeCloseTo(0, 9);
    const o = run(['V1 a 0 DC 0 AC 1', 'WO1 a 0 20 T=1m', '.ac lin 1 1e-3 1e-3']);
    const om = 2 * Math.PI * 1e-3;
    expect(o.columns[1]![0]! / (20 / 3) - 1).toBeCloseTo(0, 6);
    expect(o.columns[2]![0]! / (-20 / (om * 1e-3)) - 1).toBeCloseTo(0, 6);
  });
});

describe('transient expansion', () => {
  it('its impedance error is within the stated bounds: TERMS=48 below 6.5e-5 for omega T <= 100 and 2.0e-3 for omega T <= 1000', () => {
    for (const kind of ['WS', 'WO'] as const) {
      const { rn, cn, rTail, c0 } = finiteWarburgModes(kind, 1, 1, 48);
      let e100 = 0;
      let e1000 = 0;
      for (let lw = -4; lw <= 3; lw += 0.01) {
        const w = 10 ** lw;
        let zr = rTail;
        let zi = kind === 'WO' ? -1 / (w * c0) : 0;
        for (let k = 0; k < rn.length; k++) {
          const a = w * rn[k]! * cn[k]!;
          zr += rn[k]! / (1 + a * a);
          zi -= (rn[k]! * a) / (1 + a * a);
        }
        const z = closedForm(kind, 1, 1, w);
        const e = Math.hypot(zr - z[0], zi - z[1]) / Math.hypot(z[0], z[1]);
        if (w <= 100) e100 = Math.max(e100, e);
        e1000 = Math.max(e1000, e);
      }
      // Measured 6.2e-5 / 2.0e-3 (WS) and 6.0e-5 / 1.9e-3 (WO).
      expect(e100, kind).toBeLessThan(6.5e-5);
      expect(e1000, kind).toBeLessThan(2.1e-3);
    }
  });

  it('a current step: v(t) = I [t R/T (WO)] + I sum_n R_n (1 - exp(-lambda_n^2 t / T)), the layer\'s series solution', () => {
    for (const kind of ['WS', 'WO'] as const) {
      // TERMS=12: from t = T/100 on, the modes left out have decayed below exp(-15) (2e-8 of v).
      const w = run(['I1 0 a DC 1m', 'Rleak a 0 1e12', `${kind}1 a 0 20 T=1m TERMS=12`, '.options reltol=1e-5', '.tran 10u 1m 0 uic']);
      const t = w.columns[0]!;
      const v = w.columns[w.labels.indexOf('v(a)')]!;
      let worst = 0;
      for (let k = 0; k < w.length; k++) {
        // From T/100 on (omega T <= 100 in the stated band).
        if (t[k]! < 1e-5) continue;
        let exact = kind === 'WO' ? (t[k]! * 20) / 1e-3 : 0;
        for (let n = 1; n <= 20000; n++) {
          const lambda = (kind === 'WS' ? n - 0.5 : n) * Math.PI;
          exact += ((2 * 20) / (lambda * lambda)) * -Math.expm1((-lambda * lambda * t[k]!) / 1e-3);
        }
        exact *= 1e-3;
        worst = Math.max(worst, Math.abs(v[k]! - exact) / exact);
      }
      // Measured 7.04e-5 (WS and WO alike): the integrator's error at this reltol, not the expansion's.
      expect(worst, kind).toBeLessThan(1e-4);
    }
  });

  it('a missing T= is an error at the element naming the form', () => {
    expect(() => run(['V1 a 0 DC 0 AC 1', 'WS1 a 0 20', '.ac dec 1 1 10'])).toThrow(/WS1: the transmissive Warburg needs its diffusion time constant: write WS1 <n\+> <n-> <R> T=<s>/);
  });
});

describe('sensitivities agree with central differences', () => {
  it('.tran and .ac through R and T of WS and WO', () => {
    const tran = ['.param r1=20 t1=1m r2=10 t2=2m', 'V1 a 0 PULSE(0 1 0 10u 10u 1 2)', 'R1 a b 5', 'WS1 b c {r1} T={t1} TERMS=8', 'WO1 c 0 {r2} T={t2} TERMS=8', '.options fixedstep=2e-5', '.tran 2e-5 2e-3'];
    const ac = ['.param r1=20 t1=1m r2=10 t2=2m', 'V1 a 0 DC 0 AC 1', 'R1 a b 5', 'WS1 b c {r1} T={t1}', 'WO1 c 0 {r2} T={t2}', '.ac dec 2 1 100k'];
    const p = { r1: 20, t1: 1e-3, r2: 10, t2: 2e-3 };
    for (const [lines, out] of [[tran, 'v(b)'], [ac, 're(z)'], [ac, 'im(z)']] as const) {
      const { error } = agreement([...lines], p, out);
      // The bound of test/sensitivity/elements.test.ts.
      for (const [name, e] of Object.entries(error)) expect(e, `d ${out} / d ${name}`).toBeLessThan(2e-6);
    }
  });
});

describe('ngspice export', () => {
  it('writes each element as its transient network (tail R, C_0, R_n || C_n cells), which re-read runs the same transient', () => {
    const text = ['* fw', 'V1 a 0 PULSE(0 1 0 10u 10u 1 2)', 'R1 a b 5', 'WS1 b c 20 T=1m TERMS=6', 'WO1 c 0 10 T=2m TERMS=6', '.tran 20u 3m', '.end'].join('\n');
    const c = circuitOfParams(text, 'fw.cir')({});
    const deck = exportNgspice(c);
    expect(deck.warnings).toEqual([]);
    // C_0 = T/R = 0.2 mF after WO1's tail resistor; 13 parts for WS1, 14 for WO1.
    expect(deck.text).toMatch(/^Cwo1_0 wo1_1 wo1_2 0\.0002$/m);
    expect(deck.text.split('\n').filter((l) => /^[RC]w[so]1_/.test(l))).toHaveLength(2 * (1 + 2 * 6) + 1);
    const again = circuitOfParams(deck.text.replace(/^\.tran .*$/m, '.tran 20u 3m'), 'deck.cir')({});
    const a = runAnalysis(c, c.analyses[0]!).waveforms!;
    const b = runAnalysis(again, again.analyses[0]!).waveforms!;
    const va = a.columns[a.labels.indexOf('v(b)')]!;
    const vb = b.columns[b.labels.indexOf('v(b)')]!;
    const tb = b.columns[0]!;
    let worst = 0;
    for (let k = 0; k < b.length; k++) {
      // the original's v(b) at the deck's times, by linear interpolation
      const t = tb[k]!;
      let j = 1;
      while (j < a.length - 1 && a.columns[0]![j]! < t) j++;
      const t0 = a.columns[0]![j - 1]!, t1 = a.columns[0]![j]!;
      const v = va[j - 1]! + ((va[j]! - va[j - 1]!) * (t - t0)) / (t1 - t0 || 1);
      worst = Math.max(worst, Math.abs(vb[k]! - v));
    }
    // Measured 1.1e-11 V: the same network, the same steps.
    expect(worst).toBeLessThan(1e-9);
  });
});
