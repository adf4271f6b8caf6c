/**
 * The files of a model comparison: SVG plots (overlaid CVs, per-slit peak charge, a charge(slit,
 * time) heat map per model, R_c + R_d of chosen slits), CSV tables and one self-contained HTML
 * report with the SVGs inline and no scripts. Returned as a map so the caller writes them whole.
 */
import type * as vl from 'vega-lite';
import { chargeMapSpec } from '../io/chargeMapSpec.js';
import { renderSvg } from '../io/plots.js';
import { slitTable, type Comparison, type ModelRun } from './compare.js';
import { toCsv } from '../io/csv.js';

type Row = Record<string, number | string>;
const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 560, height: 340, background: 'white' } as const;
const SIGN = 'into the cell, + = charging';

function evenly(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}

/** Sample indices of the last cycle of a run. */
function lastCycle(r: ModelRun): number[] {
  const t0 = r.measures.tStart;
  const out: number[] = [];
  for (let k = 0; k < r.time.length; k++) if (r.time[k]! >= t0 - 1e-15) out.push(k);
  return out;
}

export function cvSpec(runs: ModelRun[], title: string): vl.TopLevelSpec {
  const rows: Row[] = [];
  for (const r of runs) {
    const idx = lastCycle(r);
    for (const j of evenly(idx.length, 1500)) {
      const k = idx[j]!;
      rows.push({ E: r.applied[k]!, I: r.current[k]! * 1e3, model: r.label, order: k });
    }
  }
  return {
    ...BASE,
    title,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.6 },
    encoding: {
      x: { field: 'E', type: 'quantitative', title: 'applied voltage E (V)' },
      y: { field: 'I', type: 'quantitative', title: `current I (mA, ${SIGN})` },
      color: { field: 'model', type: 'nominal', title: null, sort: runs.map((r) => r.label), legend: { orient: 'top-left', labelLimit: 400 } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

export function slitChargeSpec(cmp: Comparison): vl.TopLevelSpec {
  const rows: Row[] = [];
  for (const s of slitTable(cmp)) cmp.runs.forEach((r, i) => rows.push({ slit: s.index, Q: s.peak[i]! * 1e9, model: r.label }));
  return {
    ...BASE,
    title: 'peak charge of each slit over the run',
    data: { values: rows },
    mark: { type: 'line', point: rows.length < 400, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'slit', type: 'quantitative', title: 'slit (1 = next to the open space)' },
      y: { field: 'Q', type: 'quantitative', title: 'peak charge |q| (nC)' },
      color: { field: 'model', type: 'nominal', title: null, sort: cmp.runs.map((r) => r.label), legend: { orient: 'top-right', labelLimit: 400 } },
    },
  };
}

export function heatmapSpec(r: ModelRun, domain?: [number, number]): vl.TopLevelSpec {
  return chargeMapSpec(`${r.label}: charge of each slit over time`, r.time, r.slits, domain);
}

export function resistanceSpec(cmp: Comparison): vl.TopLevelSpec | undefined {
  const rows: Row[] = [];
  for (const r of cmp.runs) {
    // At most 8 traces per model (evenly chosen) so a plot of a 1000-layer run stays readable.
    const traced = r.slits.filter((s) => s.resistance);
    for (const s of evenly(traced.length, 8).map((i) => traced[i]!)) {
      for (const k of evenly(r.time.length, 1200)) rows.push({ t: r.time[k]! * 1e6, R: s.resistance![k]!, series: `${r.label}, slit ${s.index}`, order: k });
    }
  }
  if (rows.length === 0) return undefined;
  return {
    ...BASE,
    title: 'trans-slit resistance R_c + R_d feeding the chosen slits',
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.4 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (us)' },
      y: { field: 'R', type: 'quantitative', title: 'R_c + R_d (ohm)' },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2, labelLimit: 400 } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

const g = (v: number, p = 4): string => (Number.isFinite(v) ? Number(v.toPrecision(p)).toString() : String(v));
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const MEASURE_COLUMNS = [
  ['capacitance (F)', (r: ModelRun) => r.measures.capacitance],
  ['enclosed area (W)', (r: ModelRun) => r.measures.enclosedArea],
  ['charge passed (C)', (r: ModelRun) => r.measures.anodicCharge],
  ['coulombic efficiency', (r: ModelRun) => r.measures.coulombicEfficiency],
  ['peak current (A)', (r: ModelRun) => r.measures.peakAnodicCurrent],
  ['asymmetry index', (r: ModelRun) => r.measures.asymmetryIndex],
] as const;

export function measuresCsv(cmp: Comparison): string {
  const head = ['model', ...MEASURE_COLUMNS.map(([h]) => h)];
  // The model label is always quoted (as this file has always been written).
  return toCsv({ header: head, rows: cmp.runs.map((r) => [r.label, ...MEASURE_COLUMNS.map(([, f]) => String(f(r)))]), quoteColumns: [0] });
}

export function slitsCsv(cmp: Comparison): string {
  const labels = cmp.runs.map((r) => r.label);
  const head = ['slit', ...labels.flatMap((l) => [`final q ${l} (C)`, `peak q ${l} (C)`]), ...labels.slice(1).map((l) => `peak ratio ${l} / ${labels[0]}`)];
  const rows = slitTable(cmp).map((s) => [
    s.index, ...s.final.flatMap((f, i) => [f, s.peak[i]!]), ...s.peak.slice(1).map((p) => p / s.peak[0]!),
  ].map(String));
  return toCsv({ header: head, rows, quoteHeader: true });
}

/** File name -> content: SVGs, CSVs and report.html. */
export async function comparisonFiles(cmp: Comparison, title: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const svgs: Array<{ file: string; caption: string }> = [];
  const add = async (file: string, spec: vl.TopLevelSpec, caption: string) => {
    files.set(file, await renderSvg(spec));
    svgs.push({ file, caption });
  };
  await add('cv.svg', cvSpec(cmp.runs, `${title}: cyclic voltammograms (last cycle)`), 'Cyclic voltammograms of the last cycle, overlaid.');
  if (cmp.runs.some((r) => r.slits.length > 0)) {
    await add('slit-peak-charge.svg', slitChargeSpec(cmp), 'Peak charge of every slit over the run.');
    for (const [i, r] of cmp.runs.entries()) if (r.slits.length) await add(`heatmap-${i + 1}.svg`, heatmapSpec(r), `Charge q(slit, t) of ${r.label}.`);
  }
  const rs = resistanceSpec(cmp);
  if (rs) await add('resistance.svg', rs, 'R_c + R_d of the resistor feeding each chosen slit (R = R_c (1 - gamma q / Q_max), q = upstream charge).');
  files.set('measures.csv', measuresCsv(cmp));
  files.set('slits.csv', slitsCsv(cmp));

  const p = cmp.protocol;
  const measureRows = cmp.runs.map((r) => `<tr><td>${esc(r.label)}</td>${MEASURE_COLUMNS.map(([, f]) => `<td>${g(f(r))}</td>`).join('')}</tr>`).join('\n');
  const table = slitTable(cmp);
  const shown = evenly(table.length, 40).map((i) => table[i]!);
  const labels = cmp.runs.map((r) => r.label);
  const slitHead = `<tr><th>slit</th>${labels.map((l) => `<th>final q, ${esc(l)} (nC)</th><th>peak q, ${esc(l)} (nC)</th>`).join('')}${labels.slice(1).map((l) => `<th>peak ratio ${esc(l)} / ${esc(labels[0]!)}</th>`).join('')}</tr>`;
  const slitRows = shown.map((s) => `<tr><td>${s.index}</td>${s.final.map((f, i) => `<td>${g(f * 1e9)}</td><td>${g(s.peak[i]! * 1e9)}</td>`).join('')}${s.peak.slice(1).map((q) => `<td>${g(q / s.peak[0]!)}</td>`).join('')}</tr>`).join('\n');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right;font-size:90%}th{background:#eee}td:first-child{text-align:left}figure{margin:1.5em 0}figcaption{color:#555}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>Protocol: cyclic voltammetry ${g(p.vStart)} V &rarr; ${g(p.vVertex)} V &rarr; ${g(p.vEnd)} V at ${g(p.rate / 1e3)} mV/us, ${p.cycles} cycle(s); measures of the last cycle. Current into the cell, positive while charging.</p>
${cmp.warnings.length ? `<p><strong>Warnings:</strong> ${cmp.warnings.map(esc).join('; ')}</p>` : ''}
<h2>Measures</h2>
<table><tr><th>model</th>${MEASURE_COLUMNS.map(([h]) => `<th>${esc(h)}</th>`).join('')}</tr>
${measureRows}</table>
<p>Capacitance = &#8750;|I||dE| / (2 rate window); enclosed area = |&#8750; I dE|; charge passed = charge while I &gt; 0; coulombic efficiency = charge returned / charge passed; asymmetry index: 0 when discharge mirrors charge (docs/analyses.md).</p>
<h2>Figures</h2>
${svgs.map((s) => `<figure>${files.get(s.file)!.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${esc(s.caption)} (${s.file})</figcaption></figure>`).join('\n')}
<h2>Charge per slit</h2>
<p>${table.length} slits${shown.length < table.length ? `; ${shown.length} evenly chosen shown here, all in slits.csv` : ''}.</p>
<table>${slitHead}
${slitRows}</table>
</body></html>
`;
  files.set('report.html', html);
  return files;
}
