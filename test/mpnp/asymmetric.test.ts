/**
 * Asymmetric salts (two valences, two ion sizes, a solvent site) against limiting cases and closed
 * forms: A1 the lattice-gas first integral, A2 Grahame's equation for point ions, A3 the modified
 * Poisson-Boltzmann profile by quadrature, and species conservation in a closed cell.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as analytic from '../../src/mpnp/analytic.js';
import { parseMpnpConfig } from '../../src/mpnp/config.js';
import { equilibriumDensity } from '../../src/mpnp/equilibrium.js';
import { closedBox, halfCell, type GridSpec } from '../../src/mpnp/halfCell.js';
import { Bdf2Integrator } from '../../src/mpnp/integrator.js';
import { electrodeCharge, ionContent } from '../../src/mpnp/observables.js';
import { defaultPhysics, type MpnpPhysics } from '../../src/mpnp/params.js';
import { runMpnp } from '../../src/mpnp/run.js';
import { packing } from '../../src/mpnp/species.js';
import { solveSteady } from '../../src/mpnp/steady.js';
import { steadyChargeAndCapacitance } from '../../src/mpnp/steadyCapacitance.js';
import { integrateWaveform } from '../../src/mpnp/transient.js';
import { triangleWave } from '../../src/mpnp/waveform.js';

/** The bundled TEA-BF4 / acetonitrile physics. */
const TEA = parseMpnpConfig(readFileSync('examples/mpnp-tea-bf4.yaml', 'utf8'), 'examples/mpnp-tea-bf4.yaml').physics;

/** A 2:1 salt (e.g. CaCl2-like) with a small divalent cation and a big anion, no Stern layer. */
function twoOne(sizes: boolean): MpnpPhysics {
  const p = defaultPhysics();
  Object.assign(p.electrolyte, { concentration: 500, valencePlus: 2, valenceMinus: -1, ionSizePlus: sizes ? 0.5e-9 : 0, ionSizeMinus: sizes ? 0.7e-9 : 0, solventSize: 0.4e-9 });
  p.stern.thickness = 0;
  return p;
}

function noStern(p: MpnpPhysics): MpnpPhysics {
  const q = structuredClone(p);
  q.stern.thickness = 0;
  return q;
}


const FINE: GridSpec = { wall: 0.0025, growth: 1.05, max: 0.25 };

describe('limiting cases: a+ = a-, z+ = -z-', () => {
  it('the asymmetric keys with one size and valences +-1 give the symmetric run bit for bit', () => {
    const base = 'geometry:\n  kind: halfcell\n  length: 4 nm\ngrid:\n  wall: 0.02\n  growth: 1.1\n  max: 0.5\nprotocol:\n  to: 100 mV\n  rate: 200 mV/us\nsolver:\n  tol: 1e-2\n';
    // the same written size: "0.66 nm" parses to 6.600000000000001e-10, not the default 0.66e-9
    const sym = runMpnp(parseMpnpConfig(base + 'electrolyte:\n  ionSize: 0.66 nm\n', 'sym.yaml'));
    const asym = runMpnp(parseMpnpConfig(base + 'electrolyte:\n  valence+: 1\n  valence-: -1\n  ionSize+: 0.66 nm\n  ionSize-: 0.66 nm\n  solventSize: 0.66 nm\n', 'asym.yaml'));
    expect(asym.series.time.length).toBe(sym.series.time.length);
    expect(asym.series.time.length).toBeGreaterThan(20);
    expect(Array.from(asym.series.time)).toEqual(Array.from(sym.series.time));
    expect(Array.from(asym.series.totalCurrent!)).toEqual(Array.from(sym.series.totalCurrent!));
    expect(Array.from(asym.series.electrodeCharge!)).toEqual(Array.from(sym.series.electrodeCharge!));
  });
  it('the lattice-gas first integral (A1) reduces to the one-size closed form of O1 to round-off', () => {
    const p = noStern(defaultPhysics());
    for (const v of [0.01, 0.1, 0.2, -0.2]) {
      expect(Math.abs(analytic.latticeGasCharge(p, v) / analytic.diffuseCharge(p, v) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(analytic.latticeGasCapacitance(p, v) / analytic.diffuseCapacitance(p, v) - 1)).toBeLessThan(1e-14);
    }
  });
  it('a 2:-2 salt at c is the 1:-1 salt at 4c (same Debye length and packing) at twice the potential, with twice the charge', () => {
    const two = noStern(defaultPhysics());
    Object.assign(two.electrolyte, { valencePlus: 2, valenceMinus: -2, ionSize: 0.66e-9 });
    const one = noStern(defaultPhysics());
    Object.assign(one.electrolyte, { concentration: 4000, ionSize: 0.66e-9 / Math.cbrt(4) });
    // the same z^2 c: the same conductivity (O7)
    expect(Math.abs(analytic.bulkConductivity(two) / analytic.bulkConductivity(one) - 1)).toBeLessThan(1e-15);
    const grid: GridSpec = { wall: 0.01, growth: 1.05, max: 0.25 };
    for (const v of [0.05, -0.1]) {
      const a = halfCell(two, 6e-9, grid);
      const b = halfCell(one, 6e-9, grid);
      solveSteady(a.sys, v / a.scales.thermalVoltage);
      solveSteady(b.sys, (2 * v) / b.scales.thermalVoltage);
      const qa = electrodeCharge(a.sys) * a.scales.surfaceCharge;
      const qb = electrodeCharge(b.sys) * b.scales.surfaceCharge;
      expect(Math.abs(qb / (2 * qa) - 1)).toBeLessThan(1e-11);
      for (let i = 0; i < a.sys.n; i++) expect(Math.abs(a.sys.x[3 * i + 1]! / b.sys.x[3 * i + 1]! - 1)).toBeLessThan(1e-9);
    }
  });
});

describe('A1: asymmetric lattice gas (Bikerman with two sizes), first integral of the MPB equation', () => {
  it('steady mPNP charge and capacitance of TEA-BF4 / acetonitrile match the closed form within 0.05%', () => {
    const p = noStern(TEA);
    for (const v of [-0.2, -0.05, 0.05, 0.2]) {
      const r = steadyChargeAndCapacitance(p, v, FINE);
      expect(Math.abs(r.q / analytic.latticeGasCharge(p, v) - 1)).toBeLessThan(5e-4);
      expect(Math.abs(r.c / analytic.latticeGasCapacitance(p, v) - 1)).toBeLessThan(5e-4);
    }
    // the asymmetry is real: the small BF4- packs the positive side more densely
    expect(analytic.latticeGasCapacitance(p, 0.2) / analytic.latticeGasCapacitance(p, -0.2)).toBeGreaterThan(3);
  });
  it('a 2:1 salt with unequal sizes matches too, and the steady state is the lattice-gas distribution', () => {
    const p = twoOne(true);
    for (const v of [-0.15, 0.15]) {
      const r = steadyChargeAndCapacitance(p, v, FINE);
      expect(Math.abs(r.q / analytic.latticeGasCharge(p, v) - 1)).toBeLessThan(5e-4);
      expect(Math.abs(r.c / analytic.latticeGasCapacitance(p, v) - 1)).toBeLessThan(5e-4);
    }
    const { sys, scales: s } = halfCell(p, 6e-9, FINE);
    solveSteady(sys, 0.15 / s.thermalVoltage);
    let d = 0;
    for (let i = 0; i < sys.n; i++) {
      const c = equilibriumDensity(sys.x[3 * i]!, s.species);
      d = Math.max(d, Math.abs(sys.x[3 * i + 1]! / c.plus - 1), Math.abs(sys.x[3 * i + 2]! / c.minus - 1));
    }
    expect(d).toBeLessThan(1e-10);
  });
  it('A3: the steady profile follows the MPB profile integrated by quadrature, x(psi) = int dpsi / |E|', () => {
    const p = noStern(TEA);
    const { sys, scales: s } = halfCell(p, 8e-9, FINE);
    const vD = 0.2;
    solveSteady(sys, vD / s.thermalVoltage);
    let worst = 0;
    let used = 0;
    for (let i = 0; i < sys.n; i++) {
      const psi = sys.x[3 * i]! * s.thermalVoltage;
      if (psi < 0.02 * vD) break;
      const x = analytic.latticeGasDepth(p, vD, psi);
      const field = analytic.latticeGasCharge(p, psi) / s.eps;
      // the depth mismatch as a potential error, relative to psi_D
      worst = Math.max(worst, (Math.abs(x - sys.mesh.cx[i]! * s.lambdaD) * field) / vD);
      used++;
    }
    expect(used).toBeGreaterThan(50);
    expect(worst).toBeLessThan(5e-5); // measured 1.5e-5
  });
});

describe('A2: dilute limit (sizes 0) of a 2:1 salt: Grahame', () => {
  it('steady PNP charge and capacitance match Grahame\'s z:z\' equation within 0.1%', () => {
    const p = twoOne(false);
    for (const v of [-0.1, -0.02, 0.02, 0.1]) {
      const g = analytic.grahameCharge(p, v);
      const r = steadyChargeAndCapacitance(p, v, { wall: 0.001, growth: 1.05, max: 0.25 });
      expect(Math.abs(r.q / g.charge - 1)).toBeLessThan(1e-3);
      expect(Math.abs(r.c / g.capacitance - 1)).toBeLessThan(1e-3);
    }
  });
  it('the lattice-gas closed form tends to Grahame as the sizes go to zero, first order in the packing (a^3)', () => {
    const dev = (scale: number, v: number): { q: number; c: number } => {
      const p = twoOne(true);
      Object.assign(p.electrolyte, { ionSizePlus: 0.5 * scale, ionSizeMinus: 0.7 * scale, solventSize: 0.4 * scale });
      const g = analytic.grahameCharge(p, v);
      return { q: analytic.latticeGasCharge(p, v) / g.charge - 1, c: analytic.latticeGasCapacitance(p, v) / g.capacitance - 1 };
    };
    for (const v of [-0.1, 0.02, 0.1]) {
      const big = dev(1e-12, v);
      const small = dev(1e-13, v);
      // sizes 10x smaller: the deviation 1000x smaller (measured 999.4-1001)
      expect(big.q / small.q).toBeGreaterThan(990);
      expect(big.q / small.q).toBeLessThan(1010);
      expect(big.c / small.c).toBeGreaterThan(990);
      expect(big.c / small.c).toBeLessThan(1010);
      expect(Math.abs(small.c)).toBeLessThan(2e-10);
    }
  });
});

describe('closed cell with an asymmetric salt', () => {
  it('conserves each species to round-off while its walls are driven hard, and keeps the lattice below full', () => {
    const p = twoOne(true);
    p.stern.thickness = 0.33e-9;
    const { sys, scales: s } = closedBox(p, 3e-9, { wall: 0.02, growth: 1.1, max: 0.5 });
    const n0 = [ionContent(sys, 1), ionContent(sys, 2)];
    const w = triangleWave({ from: 0, to: 0.4, rate: 1e7, cycles: 1, smoothing: 0 });
    const integ = new Bdf2Integrator(sys, { tol: 1e-4, hMax: 1e3, hStart: 1e-3, hMin: 1e-10, signal: 0.4 / s.thermalVoltage });
    let worst = 0;
    let packMax = 0;
    integrateWaveform(integ, { at: (t) => w.at(t * s.time) / s.thermalVoltage, vertices: w.vertices.map((v) => v / s.time) }, () => {
      worst = Math.max(worst, Math.abs(ionContent(sys, 1) / n0[0]! - 1), Math.abs(ionContent(sys, 2) / n0[1]! - 1));
      for (let i = 0; i < sys.n; i++) packMax = Math.max(packMax, packing(sys.sp, sys.x[3 * i + 1]!, sys.x[3 * i + 2]!));
    });
    expect(worst).toBeLessThan(1e-13);
    expect(packMax).toBeLessThan(1);
    expect(packMax).toBeGreaterThan(0.5);
  });
});
