/** Plot of a `.protocol` run: the port voltage against time, coloured by cycle (GCD triangles). */
import type * as vl from 'vega-lite';
import type { AnalysisResult } from '../analyses/result.js';
import { PLOT_FRAME } from './plotFrame.js';

export function protocolPlots(r: AnalysisResult, title: string): Map<string, vl.TopLevelSpec> {
  const out = new Map<string, vl.TopLevelSpec>();
  const w = r.waveforms;
  if (!w || w.length < 2) return out;
  const t = w.columns[0]!;
  const v = w.columns[w.labels.indexOf('v(port)')]!;
  const cycle = w.columns[w.labels.indexOf('cycle')]!;
  const stride = Math.max(1, Math.ceil(w.length / 3000));
  const rows: Array<Record<string, number | string>> = [];
  for (let k = 0; k < w.length; k += stride) rows.push({ t: t[k]! * 1e6, V: v[k]!, cycle: `cycle ${cycle[k]}`, order: k });
  out.set(`${r.name}-voltage.svg`, {
    ...PLOT_FRAME,
    title: `${title}: port voltage`,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (us)' },
      y: { field: 'V', type: 'quantitative', title: 'port voltage (V)' },
      color: { field: 'cycle', type: 'nominal', title: null },
      order: { field: 'order', type: 'quantitative' },
    },
  });
  return out;
}
