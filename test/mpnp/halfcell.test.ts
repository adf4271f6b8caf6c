import { describe, expect, it } from 'vitest';
import { defaultPhysics, type MpnpPhysics } from '../../src/mpnp/params.js';
import * as analytic from '../../src/mpnp/analytic.js';
import { closedBox, halfCell, type GridSpec } from '../../src/mpnp/halfCell.js';
import { solveSteady } from '../../src/mpnp/steady.js';
import { steadyChargeAndCapacitance } from '../../src/mpnp/steadyCapacitance.js';
import { Bdf2Integrator } from '../../src/mpnp/integrator.js';
import { integrateWaveform } from '../../src/mpnp/transient.js';
import { triangleWave } from '../../src/mpnp/waveform.js';
import { electrodeCharge, ionContent, ionicCharge, reservoirFieldFlux, reservoirIonCurrent } from '../../src/mpnp/observables.js';

const UC_CM2 = 100; // 1 C/m^2 = 100 uC/cm^2
const UF_CM2 = 100;

function physics(opts: { nu0?: boolean; stern?: boolean; equalD?: boolean } = {}): MpnpPhysics {
  const p = defaultPhysics();
  if (opts.nu0) p.electrolyte.ionSize = 0;
  if (opts.stern === false) p.stern.thickness = 0;
  if (opts.equalD) {
    p.electrolyte.dPlus = 2e-9;
    p.electrolyte.dMinus = 2e-9;
  }
  return p;
}


const FINE: GridSpec = { wall: 0.0025, growth: 1.05, max: 0.25 };

describe('O1: Bikerman / Gouy-Chapman diffuse layer (no Stern layer, fixed Psi_D)', () => {
  const table: Array<[number, number, number, number, number]> = [
    [10, 2.2993, 232.822, 2.2842, 228.292],
    [50, 13.3141, 345.454, 11.2591, 216.071],
    [100, 40.2608, 816.144, 20.9878, 171.22],
    [200, 287.6258, 5602.109, 34.6502, 111.611],
  ];
  it('steady mPNP charge and capacitance match the closed forms (table of mpnp.md) within 0.1%', () => {
    for (const [mv, q0, c0, qn, cn] of table) {
      // Gouy-Chapman at 200 mV piles up 2400 c0 at the wall: screening length lambda_D/50 there
      const gc = steadyChargeAndCapacitance(physics({ nu0: true, stern: false }), mv / 1000, mv === 200 ? { wall: 0.0005, growth: 1.05, max: 0.25 } : FINE);
      const bk = steadyChargeAndCapacitance(physics({ stern: false }), mv / 1000, FINE);
      const tol = 1e-3;
      expect(Math.abs(gc.q * UC_CM2 - q0) / q0).toBeLessThan(tol);
      expect(Math.abs(gc.c * UF_CM2 - c0) / c0).toBeLessThan(tol);
      expect(Math.abs(bk.q * UC_CM2 - qn) / qn).toBeLessThan(1e-3);
      expect(Math.abs(bk.c * UF_CM2 - cn) / cn).toBeLessThan(1e-3);
    }
  });
  it('converges at second order under grid refinement (error ratio about 4 per halving)', () => {
    const p = physics({ stern: false });
    const exact = analytic.diffuseCharge(p, 0.1);
    const errs = [1, 0.5, 0.25].map((f) => {
      const g: GridSpec = { wall: 0.02 * f, growth: 1 + 0.2 * f, max: 0.5 * f };
      return Math.abs(steadyChargeAndCapacitance(p, 0.1, g).q / exact - 1);
    });
    expect(errs[0]! / errs[1]!).toBeGreaterThan(3.3);
    expect(errs[0]! / errs[1]!).toBeLessThan(4.8);
    expect(errs[1]! / errs[2]!).toBeGreaterThan(3.3);
    expect(errs[1]! / errs[2]!).toBeLessThan(4.8);
  });
});

describe('O2: Gouy-Chapman-Stern (lambda_S = 0.33 nm)', () => {
  it('charges match the table within 0.05% for nu = 0.346 and nu = 0', () => {
    const grid: GridSpec = { wall: 0.005, growth: 1.05, max: 0.25 };
    const bk = [2.7393, 5.4745, 10.89, 21.0211];
    const gc = [2.7517, 5.571, 11.6091, 25.6411];
    [25, 50, 100, 200].forEach((mv, i) => {
      for (const [p, want] of [
        [physics(), bk[i]!],
        [physics({ nu0: true }), gc[i]!],
      ] as const) {
        const { sys, scales: s } = halfCell(p, 6e-9, grid);
        solveSteady(sys, mv / 1000 / s.thermalVoltage);
        const q = electrodeCharge(sys) * s.surfaceCharge * UC_CM2;
        expect(Math.abs(q / want - 1)).toBeLessThan(5e-4);
      }
    });
  });
  it('differential capacitance matches 1/C = 1/C_D + lambda_S/eps', () => {
    const want = [109.529, 109.223, 106.926, 94.39];
    [25, 50, 100, 200].forEach((mv, i) => {
      const { c } = steadyChargeAndCapacitance(physics(), mv / 1000, { wall: 0.005, growth: 1.05, max: 0.25 });
      expect(Math.abs((c * UF_CM2) / want[i]! - 1)).toBeLessThan(5e-4);
    });
  });
});

/** Step response of the half cell (half of the blocking cell -L..L): tau = int (1 - Q/Q_inf) dt. */
function stepResponse(p: MpnpPhysics, grid: GridSpec, tol: number): { tau: number; cap: number; worstGap: number; gauss: number } {
  const L = 5e-9;
  const v = 1e-4;
  const ref = halfCell(p, L, grid);
  const s = ref.scales;
  solveSteady(ref.sys, v / s.thermalVoltage);
  const qInf = electrodeCharge(ref.sys);
  const { sys } = halfCell(p, L, grid);
  const V = v / s.thermalVoltage;
  const integ = new Bdf2Integrator(sys, { tol, hMax: 50, hStart: 1e-5, hMin: 1e-12, signal: V });
  let tPrev = 0;
  let fPrev = 1;
  let integral = 0;
  let qp = 0;
  let qp2 = 0;
  let dp = 0;
  let dp2 = 0;
  let worstGap = 0;
  let maxI = 0;
  let gauss = 0;
  integrateWaveform(integ, { at: (t) => (t > 0 ? V : 0), vertices: [0, 1e-6, 600] }, (it) => {
    const q = electrodeCharge(sys);
    const f = 1 - q / qInf;
    integral += 0.5 * (f + fPrev) * (it.t - tPrev);
    tPrev = it.t;
    fPrev = f;
    const d = reservoirFieldFlux(sys);
    const iRes = reservoirIonCurrent(sys) + 2 * it.derivative(d, dp, dp2);
    const dq = it.derivative(q, qp, qp2);
    maxI = Math.max(maxI, Math.abs(dq));
    worstGap = Math.max(worstGap, Math.abs(iRes - dq) / maxI);
    gauss = Math.max(gauss, Math.abs(q + ionicCharge(sys) - 2 * d) / Math.abs(qInf));
    qp2 = qp;
    qp = q;
    dp2 = dp;
    dp = d;
  });
  return { tau: integral * s.time, cap: (qInf * s.surfaceCharge) / v, worstGap, gauss };
}

describe('O4: linear step response of a blocking cell (Bazant-Thornton-Ajdari), D = 2e-9, L = 5 nm', () => {
  const grid: GridSpec = { wall: 0.01, growth: 1.05, max: 0.125 };
  for (const [stern, want] of [
    [false, 0.6911e-9],
    [true, 0.3315e-9],
  ] as const) {
    it(`tau = ${want * 1e9} ns and C_low within 0.1% (lambda_S = ${stern ? 0.33 : 0} nm)`, () => {
      const p = physics({ equalD: true, stern });
      const r = stepResponse(p, grid, 1e-6);
      expect(Math.abs(r.tau / want - 1)).toBeLessThan(1e-3);
      // the half cell carries twice the capacitance of the two-electrode cell
      expect(Math.abs(r.cap / (2 * analytic.blockingCellCapacitance(p, 5e-9)) - 1)).toBeLessThan(1e-3);
      // O8: the current through the reservoir face equals dQ_el/dt; discrete Gauss law
      expect(r.worstGap).toBeLessThan(1e-9);
      expect(r.gauss).toBeLessThan(1e-10);
    });
  }
});

describe('O5: quasi-static CV of a 10 nm half cell at 20 mV/us', () => {
  it('I / scan rate equals the Stern + Bikerman differential capacitance within 0.1%', () => {
    const p = physics();
    const { sys, scales: s } = halfCell(p, 10e-9, { wall: 0.01, growth: 1.05, max: 0.25 });
    const w = triangleWave({ from: 0, to: 0.2, rate: 2e4, cycles: 1, smoothing: 0 });
    const integ = new Bdf2Integrator(sys, { tol: 1e-4, hMax: 1e4, hStart: 1e-2, hMin: 1e-10, signal: 0.2 / s.thermalVoltage });
    let qp = 0;
    let qp2 = 0;
    let worst = 0;
    let checked = 0;
    let cMin = Infinity;
    let packMax = 0;
    const half = w.end / 2;
    integrateWaveform(integ, { at: (t) => w.at(t * s.time) / s.thermalVoltage, vertices: w.vertices.map((v) => v / s.time) }, (it) => {
      const q = electrodeCharge(sys);
      const current = (it.derivative(q, qp, qp2) * s.surfaceCharge) / s.time;
      qp2 = qp;
      qp = q;
      const t = it.t * s.time;
      for (let i = 0; i < sys.n; i++) {
        cMin = Math.min(cMin, sys.x[3 * i + 1]!, sys.x[3 * i + 2]!);
        packMax = Math.max(packMax, 0.5 * s.nu * (sys.x[3 * i + 1]! + sys.x[3 * i + 2]!));
      }
      if (Math.min(t, Math.abs(t - half), w.end - t) < 0.02 * half) return;
      const vm = sys.phiM * s.thermalVoltage;
      worst = Math.max(worst, Math.abs(Math.abs(current) / 2e4 / analytic.sternCapacitance(p, vm) - 1));
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
    expect(worst).toBeLessThan(1e-3);
    // O8: 0 < c < 1/a^3
    expect(cMin).toBeGreaterThan(0);
    expect(packMax).toBeLessThan(1);
  });
});

describe('O8: discrete invariants', () => {
  it('an equilibrium state stays put to round-off under BDF2 time stepping', () => {
    const { sys, scales: s } = halfCell(physics(), 5e-9, { wall: 0.02, growth: 1.1, max: 0.5 });
    solveSteady(sys, 0.15 / s.thermalVoltage);
    const start = Float64Array.from(sys.x);
    const integ = new Bdf2Integrator(sys, { tol: 1e-4, hMax: 10, hStart: 1e-3, hMin: 1e-10, signal: 1 });
    const phiM = sys.phiM;
    integrateWaveform(integ, { at: () => phiM, vertices: [0, 200] }, () => undefined);
    let d = 0;
    for (let i = 0; i < start.length; i++) d = Math.max(d, Math.abs(sys.x[i]! - start[i]!) / Math.max(1, Math.abs(start[i]!)));
    expect(integ.steps).toBeGreaterThan(10);
    expect(d).toBeLessThan(1e-12);
  });
  it('a closed box conserves both ion species to round-off while its walls are driven hard', () => {
    const { sys, scales: s } = closedBox(physics(), 3e-9, { wall: 0.02, growth: 1.1, max: 0.5 });
    const n0 = [ionContent(sys, 1), ionContent(sys, 2)];
    const w = triangleWave({ from: 0, to: 0.4, rate: 1e7, cycles: 1, smoothing: 0 });
    const integ = new Bdf2Integrator(sys, { tol: 1e-4, hMax: 1e3, hStart: 1e-3, hMin: 1e-10, signal: 0.4 / s.thermalVoltage });
    let worst = 0;
    let cMin = Infinity;
    let packMax = 0;
    integrateWaveform(integ, { at: (t) => w.at(t * s.time) / s.thermalVoltage, vertices: w.vertices.map((v) => v / s.time) }, () => {
      worst = Math.max(worst, Math.abs(ionContent(sys, 1) / n0[0]! - 1), Math.abs(ionContent(sys, 2) / n0[1]! - 1));
      for (let i = 0; i < sys.n; i++) {
        cMin = Math.min(cMin, sys.x[3 * i + 1]!, sys.x[3 * i + 2]!);
        packMax = Math.max(packMax, 0.5 * s.nu * (sys.x[3 * i + 1]! + sys.x[3 * i + 2]!));
      }
    });
    expect(worst).toBeLessThan(1e-13);
    expect(cMin).toBeGreaterThan(0);
    expect(packMax).toBeLessThan(1);
    expect(packMax).toBeGreaterThan(0.5); // the walls are really crowded at 0.4 V
  });
});
