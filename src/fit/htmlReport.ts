/**
 * The fit's self-contained HTML report: per data set an overlay of data and model and its weighted
 * residuals, as SVGs rendered by the plotting code of `ncm run`/`ncm compare` (vega-lite specs on
 * PLOT_FRAME, rendered by src/io/plots.ts), inline, no scripts; plus the report's tables.
 */
import type * as vl from 'vega-lite';
import { PLOT_FRAME } from '../io/plotFrame.js';
import { renderSvg } from '../io/plots.js';
import { sampleIndices } from '../io/plotSpecs.js';
import type { FitOutcome } from './fit.js';
import type { MatchedData } from './match.js';
import { fitReportText } from './report.js';

type Row = Record<string, number | string>;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const SIGN = 'into the cell, + = charging';

export function overlaySpec(m: MatchedData, model: Float64Array): vl.TopLevelSpec {
  const d = m.data;
  const rows: Row[] = [];
  if (d.kind === 'eis') {
    const n = d.frequency.length;
    for (let k = 0; k < n; k++) {
      rows.push({ re: d.re[k]!, mim: -d.im[k]!, series: 'data', order: d.frequency[k]! });
      rows.push({ re: model[k]!, mim: -model[n + k]!, series: 'model', order: d.frequency[k]! });
    }
    return {
      ...PLOT_FRAME, title: `${d.name}: Nyquist, data and fitted model`, data: { values: rows },
      mark: { type: 'line', point: true, strokeWidth: 1.2 },
      encoding: {
        x: { field: 're', type: 'quantitative', title: 'Re Z (ohm)' },
        y: { field: 'mim', type: 'quantitative', title: '-Im Z (ohm)' },
        color: { field: 'series', type: 'nominal', title: null },
        order: { field: 'order', type: 'quantitative' },
      },
    };
  }
  const cv = m.quantity === 'current';
  for (const k of sampleIndices(d.time.length, 2000)) {
    const x = cv ? d.v[k]! : d.time[k]! - d.time[0]!;
    rows.push({ x, y: cv ? d.i[k]! * 1e3 : d.v[k]!, series: 'data', order: k });
    rows.push({ x, y: cv ? model[k]! * 1e3 : model[k]!, series: 'model', order: k });
  }
  return {
    ...PLOT_FRAME, title: `${d.name}: data and fitted model`, data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.3 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: cv ? 'applied voltage E (V)' : 'time (s)' },
      y: { field: 'y', type: 'quantitative', title: cv ? `current I (mA, ${SIGN})` : 'voltage (V)' },
      color: { field: 'series', type: 'nominal', title: null },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

export function residualSpec(m: MatchedData, model: Float64Array): vl.TopLevelSpec {
  const rows: Row[] = [];
  const d = m.data;
  const n = d.kind === 'eis' ? d.frequency.length : d.time.length;
  for (const k of sampleIndices(n, 2000)) {
    if (d.kind === 'eis') {
      rows.push({ x: d.frequency[k]!, r: m.weights[k]! * (model[k]! - m.observed[k]!), part: 'Re' });
      rows.push({ x: d.frequency[k]!, r: m.weights[n + k]! * (model[n + k]! - m.observed[n + k]!), part: 'Im' });
    } else rows.push({ x: d.time[k]! - d.time[0]!, r: m.weights[k]! * (model[k]! - m.observed[k]!), part: m.quantity });
  }
  return {
    ...PLOT_FRAME, height: 200, title: `${d.name}: weighted residuals (model - data)`, data: { values: rows },
    mark: { type: 'point', size: 12, filled: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: d.kind === 'eis' ? 'frequency (Hz)' : 'time (s)', ...(d.kind === 'eis' ? { scale: { type: 'log' } } : {}) },
      y: { field: 'r', type: 'quantitative', title: 'weighted residual' },
      color: { field: 'part', type: 'nominal', title: null },
    },
  };
}

/** File name -> content: one SVG pair per data set and report.html with them inline. */
export async function fitHtmlFiles(o: FitOutcome, title: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const figures: string[] = [];
  for (const [i, m] of o.matched.entries()) {
    for (const [kind, spec] of [['fit', overlaySpec(m, o.predictions[i]!)], ['residuals', residualSpec(m, o.predictions[i]!)]] as const) {
      const file = `data${i + 1}-${kind}.svg`;
      const svg = await renderSvg(spec);
      files.set(file, svg);
      figures.push(`<figure>${svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${esc(m.data.name)}: ${kind === 'fit' ? esc(m.description) : esc(`weighted residuals; weight: ${m.weightNote}`)} (${file})</figcaption></figure>`);
    }
  }
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto}figure{margin:1.5em 0}figcaption{color:#555}</style>
</head><body>
<h1>${esc(title)}</h1>
<pre>${esc(fitReportText(o))}</pre>
<h2>Data and model</h2>
${figures.join('\n')}
</body></html>
`;
  files.set('report.html', html);
  return files;
}
