/**
 * The combined result of a sweep, written whole or not at all: `sweep.csv` (one row per run:
 * parameter values, status, measures), `sweep.json` (runs, summaries and failure records),
 * `sweep-cv.svg` (CVs overlaid, coloured by the first swept parameter) and one SVG per main
 * measure against the first swept parameter.
 */
import type * as vl from 'vega-lite';
import type { SweepResult } from './sweep.js';
import { writeFilesAtomic } from '../io/atomicWrite.js';
import { renderSvg } from '../io/plots.js';
import { PLOT_FRAME } from '../io/plotFrame.js';
import { formatNumber } from '../io/waveformCsv.js';
import { toCsv } from '../io/csv.js';
import { measureUnit, withUnit } from './sweepUnits.js';

/** Measures plotted against the parameter when present (the others are in the CSV). */
const PLOTTED = ['capacitance', 'enclosedArea', 'coulombicEfficiency', 'peakAnodicCurrent', 'lowFrequencyCapacitance', 'highFrequencyResistance'];

export function sweepCsv(r: SweepResult): string {
  const names = r.plan.axes.map((a) => a.name);
  const measureNames = [...new Set(r.outcomes.flatMap((o) => (o.ok ? Object.keys(o.measures) : [])))];
  const rows = r.outcomes.map((o) => {
    const ms = measureNames.map((m) => (o.ok && o.measures[m] !== undefined ? formatNumber(o.measures[m]) : ''));
    return [String(o.index), ...o.values.map(formatNumber), o.ok ? 'ok' : 'failed', ...ms];
  });
  return toCsv({
    comments: [
      `netlist: ${r.plan.netlist}`,
      `sweep of ${names.join(', ')}: ${r.outcomes.length} runs, ${r.outcomes.filter((o) => !o.ok).length} failed`,
      ...(r.interrupted ? [partialNote(r)] : []),
      // as in the waveform CSVs: 1 = dimensionless, [] = a parameter used only inside expressions
      `units: run [1], ${r.plan.axes.map((a) => `${a.name} [${a.unit ?? ''}]`).join(', ')}, status [], ${measureNames.map((m) => `${m} [${measureUnit(m)}]`).join(', ')}`,
    ],
    header: ['run', ...names, 'status', ...measureNames],
    rows,
  });
}

/** The line that marks an interrupted sweep's outputs. */
export function partialNote(r: SweepResult): string {
  return `PARTIAL: interrupted by ${r.interrupted}: ${r.outcomes.length} of ${r.plan.points.length} points finished`;
}

/** Name of the file that keeps an interrupted sweep's finished points (curves included) for `--resume`. */
export const PARTIAL_FILE = 'sweep-partial.json';

/** The finished points of an interrupted sweep, as `--resume` reads them back (typed arrays as lists). */
export function partialJson(r: SweepResult): string {
  const outcomes = r.outcomes.map((o) => (o.ok ? { ...o, curves: o.curves.map((c) => ({ analysis: c.analysis, e: [...c.e], i: [...c.i] })) } : o));
  const body = { netlist: r.plan.netlist, parameters: r.plan.axes.map((a) => ({ name: a.name, values: a.values })), interruptedBy: r.interrupted, outcomes };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n';
}

export function sweepJson(r: SweepResult): string {
  const names = r.plan.axes.map((a) => a.name);
  const runs = r.outcomes.map((o) => {
    const params = Object.fromEntries(names.map((n, k) => [n, o.values[k]]));
    return o.ok
      ? { run: o.index, params, status: 'ok', measures: o.measures, analyses: o.summaries, warnings: o.warnings, seconds: o.seconds }
      : { run: o.index, params, status: 'failed', error: o.message, location: o.loc ?? null };
  });
  const failures = runs.filter((x) => x.status === 'failed');
  const partial = r.interrupted ? { partial: { finished: r.outcomes.length, points: r.plan.points.length, interruptedBy: r.interrupted } } : {};
  const body = { netlist: r.plan.netlist, parameters: r.plan.axes.map((a) => ({ name: a.name, values: a.values })), threads: r.threads, seconds: r.seconds, ...partial, runs, failures };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

export function sweepPlotSpecs(r: SweepResult): Map<string, vl.TopLevelSpec> {
  const out = new Map<string, vl.TopLevelSpec>();
  const axis = r.plan.axes[0];
  if (!axis) return out;
  const base = PLOT_FRAME;
  const ok = r.outcomes.filter((o) => o.ok);
  // Overlaid CVs: at most 40 evenly chosen runs, 600 points each.
  const pick = ok.length <= 40 ? ok : Array.from({ length: 40 }, (_, k) => ok[Math.round((k * (ok.length - 1)) / 39)]!);
  const rows: Record<string, number>[] = [];
  for (const o of pick) {
    const c = o.curves[0];
    if (!c) continue;
    const stride = Math.max(1, Math.ceil(c.e.length / 600));
    for (let k = 0; k < c.e.length; k += stride) rows.push({ E: c.e[k]!, I: c.i[k]! * 1e3, p: o.values[0]!, run: o.index, order: k });
  }
  if (rows.length > 0) {
    out.set('sweep-cv.svg', {
      ...base,
      title: `CVs for ${axis.name} = ${axis.values[0]} .. ${axis.values[axis.values.length - 1]}${axis.unit && axis.unit !== '1' ? ` ${axis.unit}` : ''}`,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 'E', type: 'quantitative', title: 'applied voltage E (V)' },
        y: { field: 'I', type: 'quantitative', title: 'current I (mA, into the cell, + = charging)' },
        detail: { field: 'run', type: 'nominal' },
        color: { field: 'p', type: 'quantitative', title: withUnit(axis.name, axis.unit), scale: { scheme: 'viridis' } },
        order: { field: 'order', type: 'quantitative' },
      },
    } as vl.TopLevelSpec);
  }
  const names = [...new Set(ok.flatMap((o) => Object.keys(o.measures)))];
  for (const m of names) {
    if (!PLOTTED.includes(m.slice(m.indexOf('.') + 1))) continue;
    const pts = ok.filter((o) => Number.isFinite(o.measures[m])).map((o) => ({ p: o.values[0]!, y: o.measures[m]!, order: o.index }));
    if (pts.length === 0) continue;
    out.set(`sweep-${m.replace(/[^\w.-]/g, '_')}.svg`, {
      ...base,
      title: `${m} against ${axis.name}`,
      data: { values: pts },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'p', type: 'quantitative', title: withUnit(axis.name, axis.unit) },
        y: { field: 'y', type: 'quantitative', title: withUnit(m, measureUnit(m)), scale: { zero: false } },
        order: { field: 'order', type: 'quantitative' },
      },
    } as vl.TopLevelSpec);
  }
  return out;
}

/** `html`: also report.html with this title and summary text and every sweep plot, interactive. */
export async function writeSweepOutputs(r: SweepResult, dir: string, opts: { html?: { title: string; summary: string } } = {}): Promise<string[]> {
  const files = new Map<string, string>([
    ['sweep.csv', sweepCsv(r)],
    ['sweep.json', sweepJson(r)],
  ]);
  if (r.interrupted) files.set(PARTIAL_FILE, partialJson(r));
  const specs = sweepPlotSpecs(r);
  for (const [name, spec] of specs) files.set(name, await renderSvg(spec));
  if (opts.html) {
    const [{ htmlReport }, { embedLibraries }] = await Promise.all([import('../io/htmlReport.js'), import('../io/embedLibraries.js')]);
    const listed = [...files.keys()];
    files.set('report.html', htmlReport({ ...opts.html, figures: [...specs].map(([name, spec]) => ({ name, spec })), files: listed }, embedLibraries()));
  }
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
