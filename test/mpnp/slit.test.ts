import { describe, expect, it } from 'vitest';
import { defaultPhysics } from '../../src/mpnp/params.js';
import * as analytic from '../../src/mpnp/analytic.js';
import { slitEquilibrium } from '../../src/mpnp/slit.js';
import { bikermanConcentrations, solveEquilibrium } from '../../src/mpnp/equilibrium.js';
import { MpnpSystem } from '../../src/mpnp/system.js';
import { halfCell, modelConstants, type GridSpec } from '../../src/mpnp/halfCell.js';
import { solveSteady } from '../../src/mpnp/steady.js';
import { Bdf2Integrator } from '../../src/mpnp/integrator.js';
import { integrateWaveform } from '../../src/mpnp/transient.js';

const UF_CM2 = 100;
const GRID: GridSpec = { wall: 0.01, growth: 1.05, max: 0.05 };

describe('O3: slit of width d between two Stern walls, in equilibrium with the reservoir', () => {
  it('linear C_slit matches 2 eps sinh h / (lambda_D (cosh h - 1) + lambda_S sinh h) within 0.05%', () => {
    const p = defaultPhysics();
    const table: Array<[number, number]> = [
      [1.0, 259.51],
      [1.5, 236.99],
      [2.0, 227.03],
      [3.0, 220.71],
      [5.0, 219.25],
    ];
    for (const [d, want] of table) {
      const r = slitEquilibrium(p, d * 1e-9, 1e-4, GRID);
      expect(Math.abs((r.capacitance * UF_CM2) / want - 1)).toBeLessThan(5e-4);
      expect(Math.abs(r.capacitance / analytic.slitCapacitanceLinear(p, d * 1e-9) - 1)).toBeLessThan(5e-4);
    }
  });
  it('nonlinear C_slit at d = 1.5 nm matches the boundary-value values within 0.05% (nu = 0.346 and 0)', () => {
    const p = defaultPhysics();
    const gc = defaultPhysics();
    gc.electrolyte.ionSize = 0;
    const cases: Array<[number, number, number]> = [
      [0.05, 236.8, 240.37],
      [0.1, 235.66, 248.92],
      [0.2, 228.36, 270.83],
    ];
    for (const [v, bk, g] of cases) {
      expect(Math.abs((slitEquilibrium(p, 1.5e-9, v, GRID).capacitance * UF_CM2) / bk - 1)).toBeLessThan(5e-4);
      expect(Math.abs((slitEquilibrium(gc, 1.5e-9, v, GRID).capacitance * UF_CM2) / g - 1)).toBeLessThan(5e-4);
    }
    expect(slitEquilibrium(p, 1.5e-9, 0.2, GRID).phiMid * 1000).toBeCloseTo(17.8, 1);
  });
  it('converges at second order in the grid (200 mV, d = 1.5 nm)', () => {
    const p = defaultPhysics();
    const want = 228.36 / UF_CM2;
    const c = [1, 0.5, 0.25].map((f) => slitEquilibrium(p, 1.5e-9, 0.2, { wall: 0.04 * f, growth: 1 + 0.2 * f, max: 0.2 * f }).capacitance);
    // differences between successive grids shrink by about 4
    const ratio = (c[1]! - c[0]!) / (c[2]! - c[1]!);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
    expect(Math.abs(c[2]! / want - 1)).toBeLessThan(1e-3);
  });
});

describe('equilibrium solver and mPNP agree', () => {
  it('the Poisson-Bikerman slit state is a steady state of the closed-slit mPNP system to round-off', () => {
    const p = defaultPhysics();
    const r = slitEquilibrium(p, 1.5e-9, 0.2, GRID);
    const sys = new MpnpSystem(r.mesh, modelConstants(r.scales));
    sys.phiM = 0.2 / r.scales.thermalVoltage;
    for (let i = 0; i < sys.n; i++) {
      const c = bikermanConcentrations(r.phi[i]!, r.scales.nu);
      sys.x[3 * i] = r.phi[i]!;
      sys.x[3 * i + 1] = c.plus;
      sys.x[3 * i + 2] = c.minus;
    }
    sys.assemble(false);
    expect(sys.residualNorm()).toBeLessThan(1e-10);
    // and it stays put under BDF2 time stepping
    const start = Float64Array.from(sys.x);
    const integ = new Bdf2Integrator(sys, { tol: 1e-5, hMax: 10, hStart: 1e-3, hMin: 1e-10, signal: 1 });
    const pm = sys.phiM;
    integrateWaveform(integ, { at: () => pm, vertices: [0, 100] }, () => undefined);
    let d = 0;
    for (let i = 0; i < start.length; i++) d = Math.max(d, Math.abs(sys.x[i]! - start[i]!));
    expect(d).toBeLessThan(1e-11);
  });
  it('the steady mPNP half cell equals the Poisson-Bikerman equilibrium on the same mesh to round-off', () => {
    const p = defaultPhysics();
    const { sys, scales: s } = halfCell(p, 4e-9, { wall: 0.02, growth: 1.1, max: 0.5 });
    solveSteady(sys, 0.2 / s.thermalVoltage);
    const phi = solveEquilibrium(sys.mesh, sys.k, sys.phiM);
    let d = 0;
    for (let i = 0; i < sys.n; i++) {
      const c = bikermanConcentrations(phi[i]!, s.nu);
      d = Math.max(d, Math.abs(sys.x[3 * i]! - phi[i]!), Math.abs(sys.x[3 * i + 1]! / c.plus - 1), Math.abs(sys.x[3 * i + 2]! / c.minus - 1));
    }
    expect(d).toBeLessThan(1e-11);
  });
});
