/**
 * Plots of an `.ac` result: Nyquist (-Im Z against Re Z, the curve ordered by frequency through the
 * `order` encoding since it may turn back in x; equal axis scales unless `nyquist=free`) and Bode
 * (|Z| and phase against log f, axes in engineering notation: 1k, 1M).
 *
 * A supercapacitor spectrum is a near-vertical line whose low-frequency end is thousands of ohms
 * high, so at equal scales the high-frequency 45-degree (transmission-line) branch is a few pixels
 * at the origin. The Nyquist figure therefore has a second panel, a zoom with equal scales on the
 * high-frequency part (Re Z from its smallest to its largest value, where the 45-degree branch
 * turns into the vertical line). We keep ohms on both axes with equal scales, rather than a
 * complex-capacitance plot, because the 45-degree slope is then read directly as an angle.
 * Decades of frequency are labelled on the curve in both panels.
 */
import type * as vl from 'vega-lite';
import type { AnalysisResult } from '../analyses/result.js';

const PREFIX: Record<number, string> = { [-12]: 'p', [-9]: 'n', [-6]: 'µ', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T' };

/** `1k`, `250k`, `1M`, `1.5G`: a value in engineering notation (as d3's `~s` writes axis ticks). */
export function engNotation(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const exp = Math.max(-12, Math.min(12, Math.floor(Math.log10(Math.abs(v)) / 3) * 3));
  return `${Number((v / 10 ** exp).toPrecision(3))}${PREFIX[exp]}`;
}

interface Point { f: number; re: number; nim: number; mag: number; phase: number; order: number }
interface Label { re: number; nim: number; text: string }

/**
 * The points nearest each decade of frequency, labelled `1kHz`, skipping any that would overlap a
 * label already placed (closer than 0.16 of the panel width and `minGap` of its height).
 */
function decadeLabels(rows: Point[], x: [number, number], y: [number, number], minGap: number): Label[] {
  const out: Label[] = [];
  const sx = x[1] - x[0] || 1;
  const sy = y[1] - y[0] || 1;
  const lo = Math.floor(Math.log10(rows[0]!.f));
  const hi = Math.ceil(Math.log10(rows[rows.length - 1]!.f));
  for (let d = lo; d <= hi; d++) {
    let best: Point | undefined;
    for (const p of rows) if (!best || Math.abs(Math.log10(p.f) - d) < Math.abs(Math.log10(best.f) - d)) best = p;
    if (!best || Math.abs(Math.log10(best.f) - d) > 0.05) continue;
    if (best.re < x[0] || best.re > x[1] || best.nim < y[0] || best.nim > y[1]) continue;
    const b = best;
    // a label is about 0.15 of the panel wide and 0.04 high: skip one that would overlap another
    if (out.some((l) => Math.abs(l.re - b.re) / sx < 0.16 && Math.abs(l.nim - b.nim) / sy < minGap)) continue;
    out.push({ re: b.re, nim: b.nim, text: `${engNotation(10 ** d)}Hz` });
  }
  return out;
}

/** [lo, lo + span] on both axes: one ohm as long on x as on y in a square panel. */
function equalDomains(rows: Point[], xLo: number, span: number): { x: [number, number]; y: [number, number] } {
  let y0 = 0;
  for (const p of rows) y0 = Math.min(y0, p.nim);
  return { x: [xLo, xLo + span], y: [y0, y0 + span] };
}

function nyquistPanel(rows: Point[], size: number, x: [number, number] | undefined, y: [number, number] | undefined, title: string | undefined): Record<string, unknown> {
  let xd = x, yd = y;
  if (!xd || !yd) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const p of rows) {
      x0 = Math.min(x0, p.re);
      x1 = Math.max(x1, p.re);
      y0 = Math.min(y0, p.nim);
      y1 = Math.max(y1, p.nim);
    }
    xd = [x0, x1];
    yd = [y0, y1];
  }
  const scale = (d: [number, number] | undefined) => (d ? { domain: d, nice: false, zero: false } : { zero: false });
  const xEnc = { field: 're', type: 'quantitative', title: 'Re Z (ohm)', scale: scale(x) };
  const yEnc = { field: 'nim', type: 'quantitative', title: '-Im Z (ohm)', scale: scale(y) };
  return {
    width: size,
    height: size,
    ...(title ? { title: { text: title, fontSize: 11, fontWeight: 'normal' } } : {}),
    layer: [
      {
        mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.5, clip: true },
        encoding: { x: xEnc, y: yEnc, order: { field: 'order', type: 'quantitative' }, tooltip: [{ field: 'f', title: 'f (Hz)', format: '~s' }, { field: 're', title: 'Re Z' }, { field: 'nim', title: '-Im Z' }] },
      },
      {
        data: { values: decadeLabels(rows, xd, yd, 0.05) },
        mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10, color: '#444', clip: true },
        encoding: { x: { field: 're', type: 'quantitative' }, y: { field: 'nim', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
}

export function acPlotSpecs(r: AnalysisResult, title: string): Map<string, vl.TopLevelSpec> {
  const out = new Map<string, vl.TopLevelSpec>();
  const w = r.waveforms;
  if (!w || w.length < 2 || r.kind !== 'ac') return out;
  const col = (l: string): Float64Array => w.columns[w.labels.indexOf(l)]!;
  const f = col('frequency');
  const re = col('re(z)');
  const im = col('im(z)');
  const mag = col('mag(z)');
  const ph = col('phase(z)');
  const rows: Point[] = Array.from({ length: w.length }, (_, k) => ({ f: f[k]!, re: re[k]!, nim: -im[k]!, mag: mag[k]!, phase: ph[k]!, order: k }));
  const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white' } as const;
  // Each spectrum its own title: the analysis, its source and its bias; the circuit below it.
  const which = `${r.name}: Z seen by ${r.summary.source} (bias: ${r.summary.bias})`;
  const size = 380;
  let x0 = Infinity, x1 = -Infinity, y1 = -Infinity, y0 = 0;
  for (const p of rows) {
    x0 = Math.min(x0, p.re);
    x1 = Math.max(x1, p.re);
    y0 = Math.min(y0, p.nim);
    y1 = Math.max(y1, p.nim);
  }
  const panels: Record<string, unknown>[] = [];
  const fullSpan = Math.max(x1 - Math.min(x0, 0), y1 - y0) * 1.05 || 1;
  if (r.analysis.nyquistAxes === 'equal') {
    const d = equalDomains(rows, Math.min(x0, 0), fullSpan);
    panels.push(nyquistPanel(rows, size, d.x, d.y, 'whole spectrum, equal scales'));
  } else panels.push(nyquistPanel(rows, size, undefined, undefined, 'whole spectrum, each axis fitted'));
  // The zoom: Re Z spread (the 45-degree branch and its knee) with a margin, equal scales; only
  // when the whole view squeezes it into less than a third of its width.
  const spread = x1 - x0;
  if (spread > 0 && 1.6 * spread < fullSpan / 3) {
    const d = equalDomains(rows, x0 - 0.1 * spread, 1.6 * spread);
    panels.push(nyquistPanel(rows, size, d.x, d.y, `zoom on the high frequencies, equal scales (Re Z ${engNotation(x0)}..${engNotation(x1)} ohm)`));
  }
  out.set(`${r.name}-nyquist.svg`, {
    ...base,
    title: { text: `Nyquist plot, ${which}`, subtitle: title },
    data: { values: rows },
    hconcat: panels,
  } as unknown as vl.TopLevelSpec); // panels are plain objects: vega-lite's concat types do not narrow them
  const logF = { field: 'f', type: 'quantitative', title: 'frequency (Hz)', scale: { type: 'log' }, axis: { format: '~s' } } as const;
  out.set(`${r.name}-bode.svg`, {
    ...base,
    title: { text: `Bode plot, ${which}`, subtitle: title },
    data: { values: rows },
    vconcat: [
      {
        width: 520,
        height: 220,
        mark: { type: 'line', point: { size: 12 } },
        encoding: { x: logF, y: { field: 'mag', type: 'quantitative', title: '|Z| (ohm)', scale: { type: 'log' }, axis: { format: '~s' } } },
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
