/**
 * The slit-width study of the issue: one CV cycle (0 -> 200 mV -> 0 at 20 mV/us) of the six-sheet
 * electrode of examples/mpnp-d1.5.yaml for d = 1.5, 2, 3, 4 nm. Prints a markdown table of what the
 * solver finds and writes the figures to docs/img/.
 *   npx tsx examples/mpnp-study.ts [d_nm ...]
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/io/atomicWrite.js';
import { parseMpnpConfig } from '../src/mpnp/config.js';
import { runMpnp } from '../src/mpnp/run.js';
import { slitCapacitances } from '../src/mpnp/slitCapacitance.js';
import { fluxSpec, phiMapSpec, cvSpec, renderSvg } from '../src/mpnp/plots.js';

/** Fraction of the charging half-cycle (beyond its first 5%) in which a and b have the same sign. */
function sameSign(t: Float64Array, a: Float64Array, b: Float64Array): number {
  const half = t[t.length - 1]! / 2;
  let n = 0;
  let same = 0;
  for (let k = 0; k < t.length; k++) {
    if (t[k]! < 0.05 * half || t[k]! > half) continue;
    n++;
    if (Math.sign(a[k]!) === Math.sign(b[k]!)) same++;
  }
  return n ? same / n : NaN;
}

const widths = process.argv.slice(2).map(Number);
const base = readFileSync('examples/mpnp-d1.5.yaml', 'utf8');
console.log('| d (nm) | unknowns | steps | wall (s) | C_slit 1..6 (uF/cm^2) | max dphi_1 (mV) | mig & diff same sign, cuts 1..5 | open space mig & diff same sign | steric with mig, cuts 1..5 |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const d of widths.length ? widths : [1.5, 2, 3, 4]) {
  const cfg = parseMpnpConfig(base, 'examples/mpnp-d1.5.yaml');
  if (cfg.geometry.kind !== 'network') throw new Error('network example expected');
  cfg.geometry.slitWidth = d * 1e-9;
  cfg.snapshots = [0.25];
  const r = runMpnp(cfg);
  const s = r.series;
  const p = s.parts!;
  const c = slitCapacitances(s, r.network!).map((v) => (v * 100).toFixed(1));
  let dphi = 0;
  for (let k = 0; k < s.time.length; k++) dphi = Math.max(dphi, Math.abs(s.phi[1]![k]! - s.phi[0]![k]!));
  const md = p.migration.map((m, i) => sameSign(s.time, m, p.diffusion[i]!).toFixed(2));
  const ms = p.migration.map((m, i) => sameSign(s.time, m, p.steric[i]!).toFixed(2));
  const o = r.openSpace!;
  const od = sameSign(s.time, o.migration, o.diffusion).toFixed(2);
  console.log(`| ${d} | ${r.stats.unknowns} | ${r.stats.steps} | ${r.stats.wallSeconds.toFixed(0)} | ${c.join(', ')} | ${(dphi * 1000).toFixed(4)} | ${md.join(' ')} | ${od} | ${ms.join(' ')} |`);
  const tag = `d${d}`;
  writeFileAtomic(`docs/img/mpnp-flux-${tag}.svg`, await renderSvg(fluxSpec(s, r.openSpace, 0)));
  if (d === 1.5) {
    const snap = r.snapshots[0]!;
    const title = `d = 1.5 nm: phi at t = ${(snap.time * 1e6).toFixed(2)} us (phi_m = ${(snap.phiM * 1000).toFixed(0)} mV), ionic current arrows`;
    writeFileAtomic('docs/img/mpnp-phi-map-d1.5.svg', await renderSvg(phiMapSpec(r.network!, snap.phi, snap.jx, snap.jy, r.scales.lambdaD * 1e9, title)));
    writeFileAtomic('docs/img/mpnp-cv-d1.5.svg', await renderSvg(cvSpec(s, 'A per m of depth')));
  }
}
