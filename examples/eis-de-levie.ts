/**
 * The figure and table of docs/eis.md: Nyquist plots of uniform N-section ladders (R_total = 30 ohm,
 * C_total = 0.08 uF) against de Levie's continuum impedance Z = sqrt(R/Y) coth(sqrt(R Y)), and the
 * worst relative error over 100 Hz .. 1 MHz for each N.
 * Run: npx tsx examples/eis-de-levie.ts   (writes docs/img/eis-de-levie.svg)
 */
import { writeFileSync } from 'node:fs';
import { impedanceSpectrum } from '../src/analyses/ac.js';
import type { AcAnalysis } from '../src/circuit/circuit.js';
import { renderSvg } from '../src/io/plots.js';
import { elaborate, parseNetlist } from '../src/netlist/index.js';

const R = 30;
const C = 0.08e-6;
const rows: Array<Record<string, number | string>> = [];
console.log('| N | worst relative error vs de Levie (100 Hz .. 1 MHz) |\n|---|---|');
for (const n of [2, 4, 16, 64, 256]) {
  const lines = ['ladder', 'Vm m 0 DC 0 AC 1'];
  for (let k = 1; k <= n; k++) lines.push(`R${k} ${k === 1 ? '0' : `s${k - 1}`} s${k} ${R / n}`, `C${k} m s${k} ${C / n}`);
  lines.push('.ac dec 20 100 1g'); // the plot goes up to 1 GHz, the error table stops at 1 MHz
  const ckt = elaborate(parseNetlist(lines.join('\n') + '\n', { file: 'ladder.cir' }).ast).circuit!;
  const z = impedanceSpectrum(ckt, ckt.analyses[0] as AcAnalysis);
  let worst = 0;
  for (let k = 0; k < z.frequency.length; k++) {
    const w = 2 * Math.PI * z.frequency[k]!;
    // sqrt(R / (j w C)) coth(sqrt(j w R C)) in real arithmetic: s = sqrt(j w R C) = a (1 + j), a = sqrt(w R C / 2).
    const a = Math.sqrt((w * R * C) / 2);
    const den = Math.cosh(2 * a) - Math.cos(2 * a);
    const cothRe = Math.sinh(2 * a) / den;
    const cothIm = -Math.sin(2 * a) / den;
    // sqrt(R/(j w C)) = sqrt(R/(w C)) (1 - j)/sqrt(2)
    const m = Math.sqrt(R / (w * C) / 2);
    const zr = m * (cothRe + cothIm);
    const zi = m * (cothIm - cothRe);
    if (z.frequency[k]! <= 1e6 * (1 + 1e-9)) worst = Math.max(worst, Math.hypot(z.re[k]! - zr, z.im[k]! - zi) / Math.hypot(zr, zi));
    if (n === 2) rows.push({ re: zr, nim: -zi, curve: "de Levie (continuum)", order: k });
    rows.push({ re: z.re[k]!, nim: -z.im[k]!, curve: `ladder N = ${n}`, order: k });
  }
  console.log(`| ${n} | ${worst.toExponential(2)} |`);
}
const svg = await renderSvg({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  width: 420,
  height: 420,
  title: 'Uniform ladders vs de Levie (R = 30 ohm, C = 0.08 uF), 100 Hz .. 1 GHz',
  data: { values: rows.filter((r) => (r['nim'] as number) < 30) },
  mark: { type: 'line', strokeWidth: 1.4, clip: true },
  // The continuum last, dashed, so that it stays visible over the finest ladder.
  encoding: {
    x: { field: 're', type: 'quantitative', title: 'Re Z (ohm)', scale: { domain: [0, 30], nice: false } },
    y: { field: 'nim', type: 'quantitative', title: '-Im Z (ohm)', scale: { domain: [0, 30], nice: false } },
    color: { field: 'curve', type: 'nominal', title: null },
    strokeDash: { condition: { test: "datum.curve === 'de Levie (continuum)'", value: [6, 3] }, value: [1, 0] },
    order: { field: 'order', type: 'quantitative' },
  },
});
writeFileSync('docs/img/eis-de-levie.svg', svg);
