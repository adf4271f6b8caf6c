/**
 * Plots across the analyses of one run (browser-safe, like plotSpecs.ts): with two or more `.cv`
 * analyses, one overlay of their last cycles (current, and current / scan rate, which is one curve
 * for a capacitive electrode) and the peak current against the scan rate on log-log axes with the
 * fitted line I_peak = a v^b (src/analyses/scanRate.ts).
 */
import type * as vl from 'vega-lite';
import type { AnalysisResult, CvResult } from '../analyses/result.js';
import { scanRateStudy } from '../analyses/scanRate.js';
import { PLOT_FRAME } from './plotFrame.js';
import { sampleIndices } from './plotSpecs.js';
import { eng } from './runSummary.js';

type Row = Record<string, number | string>;

/** `cv2 (2.000 kV/s)`: the legend entry of one CV. */
export function cvLabel(r: CvResult): string {
  return `${r.name} (${eng(r.summary.sweep.rateVPerS, 'V/s')})`;
}

export function runPlotSpecs(results: readonly AnalysisResult[], title: string): Map<string, vl.TopLevelSpec> {
  const out = new Map<string, vl.TopLevelSpec>();
  const study = scanRateStudy(results);
  if (!study) return out;
  const cvs = results.filter((r): r is CvResult => r.kind === 'cv');
  const rows: Row[] = [];
  for (const r of cvs) {
    const w = r.waveforms;
    const t = w.columns[0]!;
    const e = w.columns[w.labels.indexOf(r.appliedColumn)]!;
    const i = w.columns[w.labels.indexOf(r.currentColumn)]!;
    const last = r.summary.cycles[r.summary.cycles.length - 1];
    if (!last) continue;
    let k0 = 0;
    while (k0 < w.length - 1 && t[k0]! < last.tStart) k0++;
    let k1 = w.length - 1;
    while (k1 > k0 && t[k1]! > last.tEnd) k1--;
    const rate = r.summary.sweep.rateVPerS;
    const label = cvLabel(r);
    for (const s of sampleIndices(k1 - k0 + 1, 1500)) {
      const k = k0 + s;
      rows.push({ E: e[k]!, I: i[k]! * 1e3, Iv: (i[k]! / rate) * 1e9, analysis: label, order: k });
    }
  }
  const order = cvs.map(cvLabel);
  const color = { field: 'analysis', type: 'nominal', sort: order, title: null } as const;
  const x = { field: 'E', type: 'quantitative', title: 'applied voltage E (V)' } as const;
  out.set('cv-overlay.svg', {
    $schema: PLOT_FRAME.$schema,
    background: PLOT_FRAME.background,
    title: `${title}: last cycle of each .cv`,
    data: { values: rows },
    vconcat: [
      {
        width: PLOT_FRAME.width,
        height: 260,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'I', type: 'quantitative', title: 'current I (mA, into the cell)' }, color, order: { field: 'order', type: 'quantitative' } },
      },
      {
        width: PLOT_FRAME.width,
        height: 200,
        title: { text: 'current / scan rate: one curve where the current is capacitive', fontSize: 11, fontWeight: 'normal' },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'Iv', type: 'quantitative', title: 'I / v (nF)' }, color, order: { field: 'order', type: 'quantitative' } },
      },
    ],
  } as vl.TopLevelSpec);
  const pts = study.points.filter((p) => p.rateVPerS > 0 && p.peakAnodicCurrent > 0);
  const points: Row[] = pts.map((p) => ({ v: p.rateVPerS, I: p.peakAnodicCurrent, analysis: p.analysis }));
  const layers: Record<string, unknown>[] = [
    {
      data: { values: points },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x: { field: 'v', type: 'quantitative', title: 'scan rate v (V/s)', scale: { type: 'log' }, axis: { format: '~s' } },
        y: { field: 'I', type: 'quantitative', title: 'peak anodic current (A)', scale: { type: 'log' }, axis: { format: '~s' } },
        tooltip: [{ field: 'analysis' }, { field: 'v', title: 'v (V/s)' }, { field: 'I', title: 'I_peak (A)' }],
      },
    },
  ];
  if (Number.isFinite(study.slope)) {
    const lo = Math.min(...pts.map((p) => p.rateVPerS));
    const hi = Math.max(...pts.map((p) => p.rateVPerS));
    const fitRows: Row[] = Array.from({ length: 21 }, (_, k) => {
      const v = lo * (hi / lo) ** (k / 20);
      return { v, I: study.prefactor * v ** study.slope };
    });
    layers.push({
      data: { values: fitRows },
      mark: { type: 'line', strokeDash: [4, 3], color: '#d62728' },
      encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'I', type: 'quantitative' } },
    });
  }
  out.set('cv-peak-vs-rate.svg', {
    ...PLOT_FRAME,
    title: {
      text: `${title}: peak current vs scan rate`,
      subtitle: `I_peak = a v^b, b = ${study.slope.toFixed(3)} (R^2 = ${study.r2.toFixed(4)}): ${study.regime}; b = 1 capacitive, 0.5 diffusion-limited`,
    },
    layer: layers,
  } as unknown as vl.TopLevelSpec); // the layers are built as plain objects: vega-lite's layer types do not narrow them
  return out;
}
