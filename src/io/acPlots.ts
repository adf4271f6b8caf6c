/**
 * Plots of an `.ac` result: Nyquist (-Im Z against Re Z, the curve ordered by frequency through the
 * `order` encoding since it may turn back in x; equal axis scales unless `nyquist=free`) and Bode
 * (|Z| and phase against log f).
 */
import type * as vl from 'vega-lite';
import type { AnalysisResult } from '../analyses/result.js';

export function acPlotSpecs(r: AnalysisResult, title: string): Map<string, vl.TopLevelSpec> {
  const out = new Map<string, vl.TopLevelSpec>();
  const w = r.waveforms;
  if (!w || w.length < 2 || r.analysis.kind !== 'ac') return out;
  const col = (l: string): Float64Array => w.columns[w.labels.indexOf(l)]!;
  const f = col('frequency');
  const re = col('re(z)');
  const im = col('im(z)');
  const mag = col('mag(z)');
  const ph = col('phase(z)');
  const rows = Array.from({ length: w.length }, (_, k) => ({ f: f[k]!, re: re[k]!, nim: -im[k]!, mag: mag[k]!, phase: ph[k]!, order: k }));
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white' } as const;
  const size = 420;
  let xScale: Record<string, unknown> = { zero: false };
  let yScale: Record<string, unknown> = { zero: false };
  if (r.analysis.nyquistAxes === 'equal') {
    // One ohm is the same length on both axes: a common span centred on each axis' data.
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of rows) {
      x0 = Math.min(x0, p.re);
      x1 = Math.max(x1, p.re);
      y0 = Math.min(y0, p.nim);
      y1 = Math.max(y1, p.nim);
    }
    x0 = Math.min(x0, 0);
    y0 = Math.min(y0, 0);
    const span = Math.max(x1 - x0, y1 - y0) * 1.05 || 1;
    xScale = { domain: [x0, x0 + span], nice: false, zero: false };
    yScale = { domain: [y0, y0 + span], nice: false, zero: false };
  }
  out.set(`${r.name}-nyquist.svg`, {
    ...base,
    width: size,
    height: size,
    title: `${title}: Nyquist plot`,
    data: { values: rows },
    mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.5, clip: true },
    encoding: {
      x: { field: 're', type: 'quantitative', title: 'Re Z (ohm)', scale: xScale },
      y: { field: 'nim', type: 'quantitative', title: '-Im Z (ohm)', scale: yScale },
      order: { field: 'order', type: 'quantitative' },
    },
  } as vl.TopLevelSpec);
  const logF = { field: 'f', type: 'quantitative', title: 'frequency (Hz)', scale: { type: 'log' } } as const;
  out.set(`${r.name}-bode.svg`, {
    ...base,
    title: `${title}: Bode plot`,
    data: { values: rows },
    vconcat: [
      {
        width: 520,
        height: 220,
        mark: { type: 'line', point: { size: 12 } },
        encoding: { x: logF, y: { field: 'mag', type: 'quantitative', title: '|Z| (ohm)', scale: { type: 'log' } } },
      },
      {
        width: 520,
        height: 160,
        mark: { type: 'line', point: { size: 12 }, color: '#d62728' },
        encoding: { x: logF, y: { field: 'phase', type: 'quantitative', title: 'phase of Z (deg)' } },
      },
    ],
  } as vl.TopLevelSpec);
  return out;
}
