import { describe, expect, it } from 'vitest';
import { circuitOf, column, errorsOf, runFirst } from './helpers.js';
import { elementTableMarkdown } from '../../src/netlist/elementDocs.js';
import { exportNgspice } from '../../src/io/ngspiceExport.js';

// Q(V) = c0 V + c1 V^3 driven by a voltage ramp of slope s through a small resistor: the current is
// dQ/dt = (c0 + 3 c1 V^2) s exactly, up to the RC lag of the resistor (R C < 1e-3 of the ramp).
const c0 = 1e-6;
const c1 = 2e-6;
const rate = 1e3; // V/s: 0 -> 0.5 V in 0.5 ms
const ramp = `* nonlinear capacitor under a ramp
.param c0=${c0} c1=${c1}
V1 in 0 PWL(0 0 0.5m 0.5)
R1 in a 1m
C1 a 0 Q={c0*V + c1*V^3}
.tran 1u 0.5m
.end
`;

describe('nonlinear capacitor C... Q={expression of V}', () => {
  it('under a voltage ramp the current is dQ/dt = (c0 + 3 c1 V^2) * rate, and q(C1) is Q(V)', () => {
    const r = runFirst(ramp);
    const t = column(r, 'time');
    const v = column(r, 'v(a)');
    const i = column(r, 'i(v1)');
    const q = column(r, 'q(c1)');
    let worst = 0;
    for (let k = 0; k < t.length; k++) {
      if (t[k]! < 50e-6) continue; // after the start-up of the BDF history and the RC lag
      const want = (c0 + 3 * c1 * v[k]! ** 2) * rate;
      // i(V1) is the current delivered by the source (into the circuit at its + node)
      worst = Math.max(worst, Math.abs(Math.abs(i[k]!) - want) / want);
      expect(q[k]).toBeCloseTo(c0 * v[k]! + c1 * v[k]! ** 3, 15);
    }
    // the integrator's truncation error on a cubic charge (order h^2 q'''): measured 7.6e-6 with
    // 1 us steps (9.9e-5 with 5 us); a wrong Jacobian or sign would be off by O(1)
    expect(worst).toBeLessThan(1e-5);
  });
  it('reads V as the voltage across its own nodes, and is listed in the element table', () => {
    const c = circuitOf(ramp);
    const el = c.elements.find((e) => e.kind === 'CQ');
    expect(el?.kind).toBe('CQ');
    expect(elementTableMarkdown()).toContain('| nonlinear capacitor | `C<name> n+ n- Q={expression of V}` |');
  });
  it('exports to ngspice as its own Q= capacitor (ngspice 39 gives i(v1) = -1.92438 mA at 392.65 mV: (c0 + 3 c1 V^2) rate = 1.9250 mA)', () => {
    expect(exportNgspice(circuitOf(ramp)).text).toContain('c1 a 0 Q=((0.000001*V(a))+(0.000002*pow(V(a),3)))\n');
  });
  it('a bad Q= line is a positioned error', () => {
    expect(errorsOf('* title\n.param c0=1u\nC1 a 0 Q={c0*V} 3\nV1 a 0 1\n.op\n.end\n')).toEqual([
      "test.cir:3:17: error: nonlinear capacitor C1: unexpected '3' after the charge: expected end of line (put the whole expression in braces)",
    ]);
  });
});
