/**
 * Prints the verification tables of docs/mpnp.md: every oracle of the shared mpnp.md against what
 * the solver computes, on the grids the tests use, plus grid-convergence rows.
 *   npx tsx examples/mpnp-verify.ts
 */
import { defaultPhysics, type MpnpPhysics } from '../src/mpnp/params.js';
import * as analytic from '../src/mpnp/analytic.js';
import { halfCell, type GridSpec } from '../src/mpnp/halfCell.js';
import { solveSteady } from '../src/mpnp/steady.js';
import { steadyChargeAndCapacitance } from '../src/mpnp/steadyCapacitance.js';
import { electrodeCharge } from '../src/mpnp/observables.js';
import { slitEquilibrium } from '../src/mpnp/slit.js';
import { Bdf2Integrator } from '../src/mpnp/integrator.js';
import { integrateWaveform } from '../src/mpnp/transient.js';
import { triangleWave } from '../src/mpnp/waveform.js';

const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(3)}%`;
function phys(nu0: boolean, stern: boolean, equalD = false): MpnpPhysics {
  const p = defaultPhysics();
  if (nu0) p.electrolyte.ionSize = 0;
  if (!stern) p.stern.thickness = 0;
  if (equalD) p.electrolyte.dPlus = p.electrolyte.dMinus = 2e-9;
  return p;
}
/** In uC/cm^2 and uF/cm^2. */
function qc(p: MpnpPhysics, v: number, g: GridSpec, len = 6e-9): { q: number; c: number } {
  const { q, c } = steadyChargeAndCapacitance(p, v, g, len);
  return { q: q * 100, c: c * 100 };
}

const FINE: GridSpec = { wall: 0.0025, growth: 1.05, max: 0.25 };
console.log('### O1 diffuse layer (steady mPNP, no Stern layer, grid wall 0.0025 lambda_D, growth 1.05)\n');
console.log('| Psi_D (mV) | nu | q oracle | q computed | error | C oracle | C computed | error |\n|---|---|---|---|---|---|---|---|');
const o1: Array<[number, number, number, number, number]> = [
  [10, 2.2993, 232.822, 2.2842, 228.292],
  [50, 13.3141, 345.454, 11.2591, 216.071],
  [100, 40.2608, 816.144, 20.9878, 171.22],
  [200, 287.6258, 5602.109, 34.6502, 111.611],
];
for (const [mv, q0, c0, qn, cn] of o1) {
  const g = qc(phys(true, false), mv / 1000, mv === 200 ? { ...FINE, wall: 0.0005 } : FINE);
  const b = qc(phys(false, false), mv / 1000, FINE);
  console.log(`| ${mv} | 0 | ${q0} | ${g.q.toFixed(4)} | ${pct(g.q, q0)} | ${c0} | ${g.c.toFixed(3)} | ${pct(g.c, c0)} |`);
  console.log(`| ${mv} | 0.346 | ${qn} | ${b.q.toFixed(4)} | ${pct(b.q, qn)} | ${cn} | ${b.c.toFixed(3)} | ${pct(b.c, cn)} |`);
}
console.log('\nGrid convergence (Bikerman, 100 mV): wall / growth-1 / max all halved each row\n\n| grid | q error | ratio |\n|---|---|---|');
let prev = 0;
for (const f of [1, 0.5, 0.25, 0.125]) {
  const e = Math.abs(qc(phys(false, false), 0.1, { wall: 0.02 * f, growth: 1 + 0.2 * f, max: 0.5 * f }).q / (analytic.diffuseCharge(phys(false, false), 0.1) * 100) - 1);
  console.log(`| wall ${0.02 * f}, growth ${1 + 0.2 * f}, max ${0.5 * f} | ${e.toExponential(2)} | ${prev ? (prev / e).toFixed(2) : ''} |`);
  prev = e;
}
console.log('\n### O2 Stern + diffuse layer (lambda_S = 0.33 nm, grid wall 0.005)\n\n| V (mV) | q oracle nu=0.346 | computed | error | q oracle nu=0 | computed | error | C oracle | C computed | error |\n|---|---|---|---|---|---|---|---|---|---|');
const o2q = [2.7393, 5.4745, 10.89, 21.0211];
const o2g = [2.7517, 5.571, 11.6091, 25.6411];
const o2c = [109.529, 109.223, 106.926, 94.39];
[25, 50, 100, 200].forEach((mv, i) => {
  const g: GridSpec = { wall: 0.005, growth: 1.05, max: 0.25 };
  const b = qc(phys(false, true), mv / 1000, g);
  const z = qc(phys(true, true), mv / 1000, g);
  console.log(`| ${mv} | ${o2q[i]} | ${b.q.toFixed(4)} | ${pct(b.q, o2q[i]!)} | ${o2g[i]} | ${z.q.toFixed(4)} | ${pct(z.q, o2g[i]!)} | ${o2c[i]} | ${b.c.toFixed(3)} | ${pct(b.c, o2c[i]!)} |`);
});
console.log('\n### O3 slit in equilibrium (grid wall 0.01, growth 1.05, max 0.05)\n\n| d (nm) | phi_m (mV) | nu | C oracle | C computed | error |\n|---|---|---|---|---|---|');
const G3: GridSpec = { wall: 0.01, growth: 1.05, max: 0.05 };
for (const [d, want] of [
  [1, 259.51],
  [1.5, 236.99],
  [2, 227.03],
  [3, 220.71],
  [5, 219.25],
] as const) {
  const c = slitEquilibrium(phys(false, true), d * 1e-9, 1e-4, G3).capacitance * 100;
  console.log(`| ${d} | 0.1 (linear) | 0.346 | ${want} | ${c.toFixed(2)} | ${pct(c, want)} |`);
}
for (const [mv, bk, g0] of [
  [50, 236.8, 240.37],
  [100, 235.66, 248.92],
  [200, 228.36, 270.83],
] as const) {
  const b = slitEquilibrium(phys(false, true), 1.5e-9, mv / 1000, G3);
  const z = slitEquilibrium(phys(true, true), 1.5e-9, mv / 1000, G3).capacitance * 100;
  console.log(`| 1.5 | ${mv} | 0.346 | ${bk} | ${(b.capacitance * 100).toFixed(2)} | ${pct(b.capacitance * 100, bk)} |`);
  console.log(`| 1.5 | ${mv} | 0 | ${g0} | ${z.toFixed(2)} | ${pct(z, g0)} |`);
  if (mv === 200) console.log(`| 1.5 | 200 | 0.346 | phi_mid 17.8 mV | ${(b.phiMid * 1000).toFixed(2)} mV | |`);
}
console.log('\nSlit-grid convergence (d = 1.5 nm, 200 mV): cells across the slit and C_slit error\n\n| grid | cells | error |\n|---|---|---|');
for (const g of [
  { wall: 0.3, growth: 1, max: 0.3 },
  { wall: 0.2, growth: 1.05, max: 0.6 },
  { wall: 0.1, growth: 1.15, max: 0.6 },
  { wall: 0.1, growth: 1.05, max: 0.15 },
  { wall: 0.05, growth: 1.025, max: 0.075 },
]) {
  const r = slitEquilibrium(phys(false, true), 1.5e-9, 0.2, g);
  console.log(`| ${JSON.stringify(g)} | ${r.mesh.nCells} | ${pct(r.capacitance * 100, 228.36)} |`);
}

console.log('\n### O4 step response of the blocking cell (D = 2e-9, L = 5 nm, 0.1 mV step, BDF2 tol 1e-6)\n\n| lambda_S (nm) | grid wall | tau oracle (ns) | tau computed | error | C_low error |\n|---|---|---|---|---|---|');
for (const stern of [false, true]) {
  for (const g of [
    { wall: 0.02, growth: 1.1, max: 0.25 },
    { wall: 0.01, growth: 1.05, max: 0.125 },
  ]) {
    const p = phys(false, stern, true);
    const L = 5e-9;
    const ref = halfCell(p, L, g);
    const s = ref.scales;
    const V = 1e-4 / s.thermalVoltage;
    solveSteady(ref.sys, V);
    const qInf = electrodeCharge(ref.sys);
    const { sys } = halfCell(p, L, g);
    const integ = new Bdf2Integrator(sys, { tol: 1e-6, hMax: 50, hStart: 1e-5, hMin: 1e-12, signal: V });
    let tp = 0;
    let fp = 1;
    let I = 0;
    integrateWaveform(integ, { at: (t) => (t > 0 ? V : 0), vertices: [0, 1e-6, 600] }, (it) => {
      const f = 1 - electrodeCharge(sys) / qInf;
      I += 0.5 * (f + fp) * (it.t - tp);
      tp = it.t;
      fp = f;
    });
    const tau = I * s.time;
    const want = analytic.blockingCellTime(p, L);
    const cap = (qInf * s.surfaceCharge) / 1e-4 / (2 * analytic.blockingCellCapacitance(p, L));
    console.log(`| ${stern ? 0.33 : 0} | ${g.wall} | ${(want * 1e9).toFixed(4)} | ${(tau * 1e9).toFixed(4)} | ${pct(tau, want)} | ${((cap - 1) * 100).toFixed(3)}% |`);
  }
}

console.log('\n### O5 quasi-static CV, 10 nm half cell, 0 -> 200 mV -> 0 at 20 mV/us (BDF2 tol 1e-4)\n');
{
  const p = phys(false, true);
  const { sys, scales: s } = halfCell(p, 10e-9, { wall: 0.01, growth: 1.05, max: 0.25 });
  const w = triangleWave({ from: 0, to: 0.2, rate: 2e4, cycles: 1, smoothing: 0 });
  const integ = new Bdf2Integrator(sys, { tol: 1e-4, hMax: 1e4, hStart: 1e-2, hMin: 1e-10, signal: 0.2 / s.thermalVoltage });
  let qp = 0;
  let qp2 = 0;
  let worst = 0;
  const half = w.end / 2;
  const rows: string[] = [];
  integrateWaveform(integ, { at: (t) => w.at(t * s.time) / s.thermalVoltage, vertices: w.vertices.map((v) => v / s.time) }, (it) => {
    const q = electrodeCharge(sys);
    const cur = (it.derivative(q, qp, qp2) * s.surfaceCharge) / s.time;
    qp2 = qp;
    qp = q;
    const t = it.t * s.time;
    if (Math.min(t, Math.abs(t - half), w.end - t) < 0.02 * half) return;
    const vm = sys.phiM * s.thermalVoltage;
    const e = Math.abs(cur) / 2e4 / analytic.sternCapacitance(p, vm) - 1;
    worst = Math.max(worst, Math.abs(e));
    if (rows.length < 400 && it.steps % 40 === 0) rows.push(`| ${(vm * 1000).toFixed(1)} | ${t < half ? 'up' : 'down'} | ${(analytic.sternCapacitance(p, vm) * 100).toFixed(3)} | ${((Math.abs(cur) / 2e4) * 100).toFixed(3)} | ${(e * 100).toFixed(3)}% |`);
  });
  console.log('| phi_m (mV) | sweep | C_diff O2 (uF/cm^2) | I/rate | error |\n|---|---|---|---|---|');
  rows.forEach((r) => console.log(r));
  console.log(`\nworst |I/rate / C_diff - 1| over the cycle (2% margins at the vertices): ${(worst * 100).toFixed(4)}%, ${integ.steps} steps`);
}
