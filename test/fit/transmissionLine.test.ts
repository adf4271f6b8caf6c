import { describe, expect, it } from 'vitest';
import { parseNetlist } from '../../src/netlist/parse.js';
import { fitNetlist, templateBuilder } from '../../src/fit/fit.js';
import { levenbergMarquardt } from '../../src/fit/levenbergMarquardt.js';
import { syntheticMeasurement } from '../../src/fit/synthetic.js';
import type { DataSet } from '../../src/fit/dataSet.js';

const N = 6;
const TLM = `TLM, ${N} layers
.param rc=2 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit ctotal 1n..10u log
.fit ropen 0.01..100 log
Vm m 0 DC 0 AC 1
.ladder E m 0 layers=${N} model=tlm rc={rc} ctotal={ctotal} ropen={ropen}
.ac dec 6 1k 1g
.end
`;

/**
 * The finite transmission line's impedance in closed form (continued fraction from the far end):
 * Z_N = 1/(j w C), Z_{k-1} = 1/(j w C_{k-1} + 1/(R_c + Z_k)), C_0 = C_open = C/2, Z = R_open + Z_0,
 * with C = C_total / N per slit.
 */
function tlmImpedance(f: number, rc: number, ctotal: number, ropen: number): [number, number] {
  const w = 2 * Math.PI * f;
  const c = ctotal / N;
  // complex as [re, im]
  const inv = ([a, b]: [number, number]): [number, number] => [a / (a * a + b * b), -b / (a * a + b * b)];
  let z = inv([0, w * c]);
  for (let k = N; k >= 1; k--) {
    const cPrev = k === 1 ? c / 2 : c;
    const y = inv([rc + z[0], z[1]]);
    z = inv([y[0], y[1] + w * cPrev]);
  }
  return [ropen + z[0], z[1]];
}

describe('TLM EIS fit', () => {
  it('agrees with a fit of the closed-form finite transmission line to 1e-6 relative', async () => {
    const ast = parseNetlist(TLM, { file: 'tlm.cir' }).ast;
    const c = templateBuilder(ast)({ rc: 5, ctotal: 80e-9, ropen: 1 });
    const s = syntheticMeasurement(c, c.analyses[0]!, { relative: 0.01, seed: 5 });
    if (s.kind !== 'eis') throw new Error('expected a spectrum');
    const data: DataSet = { kind: 'eis', name: 'eis', technique: 'eis', frequency: s.frequency, re: s.re, im: s.im };
    const out = await fitNetlist(ast, [data], { starts: 0, lmRuns: 1, relativeTolerance: 1e-15, maxIterations: 200 });
    // The same data, weights and optimiser on the closed form (log parameters).
    const n = s.frequency.length;
    const residuals = async (u: Float64Array): Promise<Float64Array> => {
      const r = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        const [zr, zi] = tlmImpedance(s.frequency[k]!, Math.exp(u[0]!), Math.exp(u[1]!), Math.exp(u[2]!));
        const m = Math.hypot(s.re[k]!, s.im[k]!);
        r[k] = (zr - s.re[k]!) / m;
        r[n + k] = (zi - s.im[k]!) / m;
      }
      return r;
    };
    const jacobian = async (u: Float64Array): Promise<{ r: Float64Array; J: Float64Array[] }> => {
      const r = await residuals(u);
      const J = await Promise.all([0, 1, 2].map(async (j) => {
        const h = 1e-6;
        const up = u.slice(); up[j]! += h;
        const dn = u.slice(); dn[j]! -= h;
        const [a, b] = [await residuals(up), await residuals(dn)];
        return a.map((v, k) => (v - b[k]!) / (2 * h));
      }));
      return { r, J };
    };
    const closed = await levenbergMarquardt({ lower: Float64Array.of(Math.log(0.1), Math.log(1e-9), Math.log(0.01)), upper: Float64Array.of(Math.log(100), Math.log(1e-5), Math.log(100)), residuals, jacobian },
      Float64Array.of(Math.log(2), Math.log(50e-9), Math.log(0.5)), { relativeTolerance: 1e-15, maxIterations: 200 });
    const ref = { rc: Math.exp(closed.u[0]!), ctotal: Math.exp(closed.u[1]!), ropen: Math.exp(closed.u[2]!) };
    for (const k of ['rc', 'ctotal', 'ropen'] as const) expect(Math.abs(out.values[k]! / ref[k] - 1)).toBeLessThan(1e-6);
    // And both are near the truth (1 % noise on 37 frequencies).
    expect(Math.abs(ref.rc / 5 - 1)).toBeLessThan(0.02);
  });
});
