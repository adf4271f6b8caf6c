/**
 * Prints the asymmetric-salt tables of docs/mpnp.md: the steady mPNP half cell against the
 * lattice-gas first integral (A1) for TEA-BF4 / acetonitrile and a 2:1 salt with unequal sizes,
 * against Grahame's equation (A2) for point ions, and the TEA-BF4 example CV against the
 * quasi-static Stern + A1 capacitance.
 *   npx tsx examples/mpnp-asym-verify.ts
 */
import { readFileSync } from 'node:fs';
import * as analytic from '../src/mpnp/analytic.js';
import { parseMpnpConfig } from '../src/mpnp/config.js';
import type { GridSpec } from '../src/mpnp/halfCell.js';
import { defaultPhysics, type MpnpPhysics } from '../src/mpnp/params.js';
import { runMpnp } from '../src/mpnp/run.js';
import { steadyChargeAndCapacitance } from '../src/mpnp/steadyCapacitance.js';

const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(4)}%`;
const cfg = parseMpnpConfig(readFileSync('examples/mpnp-tea-bf4.yaml', 'utf8'), 'examples/mpnp-tea-bf4.yaml');
const tea = structuredClone(cfg.physics);
tea.stern.thickness = 0;
function twoOne(sizes: boolean): MpnpPhysics {
  const p = defaultPhysics();
  Object.assign(p.electrolyte, { concentration: 500, valencePlus: 2, valenceMinus: -1, ionSizePlus: sizes ? 0.5e-9 : 0, ionSizeMinus: sizes ? 0.7e-9 : 0, solventSize: 0.4e-9 });
  p.stern.thickness = 0;
  return p;
}

const FINE: GridSpec = { wall: 0.0025, growth: 1.05, max: 0.25 };
const cases: Array<[string, MpnpPhysics, number[], GridSpec, boolean]> = [
  ['TEA-BF4 / AN (A1)', tea, [-0.2, -0.1, -0.05, 0.05, 0.1, 0.2], FINE, false],
  ['2:1, a+ 0.5, a- 0.7, a0 0.4 nm (A1)', twoOne(true), [-0.15, -0.05, 0.05, 0.15], FINE, false],
  ['2:1, point ions (A2 Grahame)', twoOne(false), [-0.1, -0.02, 0.02, 0.1], { wall: 0.001, growth: 1.05, max: 0.25 }, true],
];
console.log('| salt | Psi_D (mV) | q oracle | q computed | error | C oracle | C computed | error |\n|---|---|---|---|---|---|---|---|');
for (const [name, p, vs, grid, grahame] of cases) {
  for (const v of vs) {
    const r = steadyChargeAndCapacitance(p, v, grid);
    const g = grahame ? analytic.grahameCharge(p, v) : { charge: analytic.latticeGasCharge(p, v), capacitance: analytic.latticeGasCapacitance(p, v) };
    console.log(`| ${name} | ${v * 1000} | ${(g.charge * 100).toFixed(4)} | ${(r.q * 100).toFixed(4)} | ${pct(r.q, g.charge)} | ${(g.capacitance * 100).toFixed(3)} | ${(r.c * 100).toFixed(3)} | ${pct(r.c, g.capacitance)} |`);
  }
}

console.log('\n### The TEA-BF4 example CV (-200 -> 200 -> -200 mV at 20 mV/us) against the quasi-static Stern + A1 capacitance\n');
const run = runMpnp(cfg);
const sr = run.series;
const rate = cfg.protocol.kind === 'cv' ? cfg.protocol.rate : 1;
let worst = 0;
const rows: string[] = [];
const n = sr.time.length;
for (let k = 1; k < n - 1; k++) {
  const v = sr.phiM[k]!;
  if (Math.abs(Math.abs(v) - 0.2) < 0.01) continue; // 5% margins at the vertices
  const c = analytic.sternCapacitance(cfg.physics, v);
  const iRate = Math.abs(sr.totalCurrent![k]!) / rate;
  worst = Math.max(worst, Math.abs(iRate / c - 1));
  if (k % Math.floor(n / 8) === 0) rows.push(`| ${(v * 1000).toFixed(1)} | ${sr.totalCurrent![k]! > 0 ? 'up' : 'down'} | ${(c * 100).toFixed(3)} | ${((iRate) * 100).toFixed(3)} | ${pct(iRate, c)} |`);
}
console.log('| phi_m (mV) | sweep | C_diff Stern + A1 (uF/cm^2) | I/rate | error |\n|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nworst |I/rate / C_diff - 1| over the cycle (5% margins at the vertices): ${(worst * 100).toFixed(4)}%, ${n} records; C_diff at +-200 mV: ${(analytic.sternCapacitance(cfg.physics, 0.2) * 100).toFixed(2)} / ${(analytic.sternCapacitance(cfg.physics, -0.2) * 100).toFixed(2)} uF/cm^2`);
