import { describe, expect, it } from 'vitest';
import { impedanceSpectrum } from '../../src/analyses/ac.js';
import type { AcAnalysis, Circuit } from '../../src/circuit/circuit.js';
import { circuit, netlist } from '../netlist/helpers.js';
import { abs, acosh, c, coth, div, mul, sinh, sqrt, sub, add, type C } from './complex.js';

const acOf = (ckt: Circuit): AcAnalysis => ckt.analyses.find((a): a is AcAnalysis => a.kind === 'ac')!;
const spectrum = (ckt: Circuit) => impedanceSpectrum(ckt, acOf(ckt));
const relErr = (z: C, re: number, im: number): number => abs(sub(z, c(re, im))) / abs(z);

/** Uniform ladder: rail 0 - s1 - ... - sN through R, Ck from m to sk, driven at m by Vm. */
function ladderNetlist(n: number, r: number, cap: number, sweep = 'dec 5 1k 1g'): string {
  const lines = ['Vm m 0 DC 0 AC 1'];
  for (let k = 1; k <= n; k++) lines.push(`R${k} s${k - 1 === 0 ? '0' : k - 1} s${k} ${r}`.replace('s0 ', '0 '), `C${k} m s${k} ${cap}`);
  lines.push(`.ac ${sweep}`);
  return netlist(...lines);
}

/**
 * Exact input impedance of N sections (series Z, shunt Y, open end) from the discrete propagation
 * constant cosh(theta) = 1 + Z Y / 2: the section matrix M = [[1+ZY, Z], [Y, 1]] has M^N =
 * (sinh(N theta) M - sinh((N-1) theta) I) / sinh(theta), so Z_in = ((1+ZY) sinh(N theta) - sinh((N-1) theta)) / (Y sinh(N theta)).
 */
function discreteLadder(n: number, z: C, y: C): C {
  const zy = mul(z, y);
  const theta = acosh(add(c(1), mul(c(0.5), zy)));
  const sN = sinh(mul(c(n), theta));
  const sN1 = sinh(mul(c(n - 1), theta));
  return div(sub(mul(add(c(1), zy), sN), sN1), mul(y, sN));
}

describe('.ac impedance', () => {
  it('a lone series RC is R + 1/(j omega C) exactly', () => {
    const ckt = circuit(netlist('Vm a 0 DC 0 AC 1', 'R1 a b 10', 'C1 b 0 1u', '.ac dec 10 1 1meg'));
    const z = spectrum(ckt);
    expect(z.frequency.length).toBe(61);
    expect(z.frequency[60]).toBeCloseTo(1e6, 3);
    for (let k = 0; k < z.frequency.length; k++) {
      const w = 2 * Math.PI * z.frequency[k]!;
      expect(relErr(c(z.re[k]!, z.im[k]!), 10, -1 / (w * 1e-6))).toBeLessThan(1e-12);
    }
  });

  it('a current source sees the same impedance as a voltage source (parallel RC)', () => {
    const viaV = spectrum(circuit(netlist('Vm a 0 DC 0 AC 2 30', 'R1 a 0 100', 'C1 a 0 1u', '.ac oct 3 10 100k')));
    const viaI = spectrum(circuit(netlist('I1 0 a DC 0 AC 0.5', 'R1 a 0 100', 'C1 a 0 1u', '.ac oct 3 10 100k')));
    for (let k = 0; k < viaV.frequency.length; k++) {
      const w = 2 * Math.PI * viaV.frequency[k]!;
      const exact = div(c(100), c(1, w * 100 * 1e-6));
      expect(relErr(exact, viaV.re[k]!, viaV.im[k]!)).toBeLessThan(1e-12);
      expect(relErr(exact, viaI.re[k]!, viaI.im[k]!)).toBeLessThan(1e-12);
    }
  });

  it('a series RLC resonates at 1/(2 pi sqrt(LC)) with Z = R there', () => {
    const z = spectrum(circuit(netlist('Vm a 0 DC 0 AC 1', 'R1 a b 3', 'L1 b c 1m', 'C1 c 0 1u', '.ac lin 1 5032.921210448704 5032.921210448704')));
    expect(z.re[0]).toBeCloseTo(3, 9);
    expect(Math.abs(z.im[0]!)).toBeLessThan(1e-9);
  });

  it('a uniform N-section ladder matches its discrete closed form within 1e-9 at every frequency', () => {
    for (const n of [1, 5, 40]) {
      const r = 5;
      const cap = 0.08e-6 / n;
      const z = spectrum(circuit(ladderNetlist(n, r, cap)));
      for (let k = 0; k < z.frequency.length; k++) {
        const w = 2 * Math.PI * z.frequency[k]!;
        const exact = discreteLadder(n, c(r), c(0, w * cap));
        expect(relErr(exact, z.re[k]!, z.im[k]!), `N=${n} f=${z.frequency[k]}`).toBeLessThan(1e-9);
      }
    }
  });

  it("converges to de Levie's continuum impedance as N grows (error ~ 1/N)", () => {
    const rTot = 30;
    const cTot = 0.08e-6;
    const errors: number[] = [];
    for (const n of [4, 16, 64, 256]) {
      const z = spectrum(circuit(ladderNetlist(n, rTot / n, cTot / n, 'dec 4 100 1meg')));
      let worst = 0;
      for (let k = 0; k < z.frequency.length; k++) {
        const y = c(0, 2 * Math.PI * z.frequency[k]! * cTot);
        const deLevie = mul(sqrt(div(c(rTot), y)), coth(sqrt(mul(c(rTot), y))));
        worst = Math.max(worst, relErr(deLevie, z.re[k]!, z.im[k]!));
      }
      errors.push(worst);
    }
    console.log('worst relative error vs de Levie, N = 4, 16, 64, 256:', errors.map((e) => e.toExponential(2)).join(' '));
    // Each 4x refinement cuts the worst relative error about 4x (first-order discretisation).
    for (let i = 1; i < errors.length; i++) {
      expect(errors[i]!).toBeLessThan(errors[i - 1]! / 3.5);
      expect(errors[i]!).toBeGreaterThan(errors[i - 1]! / 4.7);
    }
    expect(errors.at(-1)!).toBeLessThan(1e-2);
  });
});
