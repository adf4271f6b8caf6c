/**
 * The vega-lite specifications of analysis results: one source for the SVGs of the CLI
 * (src/io/plots.ts renders them with vega in Node) and the interactive plots of the playground
 * (vega-embed in the page). Only types come from vega-lite, so this file runs in a browser worker.
 * CV loops go back in x, so the line follows the time order through the `order` encoding.
 * Lines are decimated to the plot's pixels (src/io/plotDecimation.ts): the same picture from a few
 * hundred points instead of every step.
 */
import type * as vl from 'vega-lite';
import type { AnalysisResult } from '../analyses/result.js';
import { PLOT_FRAME } from './plotFrame.js';
import { acPlotSpecs } from './acPlots.js';
import { protocolPlots } from './protocolPlots.js';
import { extentOf, lineIndices } from './plotDecimation.js';

type Row = Record<string, number | string>;

/** At most `max` evenly spaced samples (plots do not need every step of a long run). */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}

const SIGN = 'into the cell, + = charging';

/** The plots of one analysis: file name -> vega-lite spec. */
export function plotSpecs(r: AnalysisResult, title: string): Map<string, vl.TopLevelSpec> {
  if (r.analysis.kind === 'ac') return acPlotSpecs(r, title);
  const out = new Map<string, vl.TopLevelSpec>();
  const w = r.waveforms;
  if (!w || w.length < 2) return out;
  const t = w.columns[0]!;
  const last = w.length - 1;
  const tExtent = extentOf([t]);
  const col = (label: string | undefined) => (label ? w.columns[w.labels.indexOf(label)] : undefined);
  const cur = col(r.currentColumn);
  const app = col(r.appliedColumn);
  const base = PLOT_FRAME;
  if (r.kind === 'cv' && cur && app) {
    const cycles = r.summary.cycles;
    // A row's cycle is the first whose [tStart, tEnd] holds its time (1 if none): time increases, so
    // one pointer walks the cycles.
    let at = 0;
    const cycleOf = (k: number): number => {
      while (at < cycles.length && t[k]! > cycles[at]!.tEnd) at++;
      return at < cycles.length && t[k]! >= cycles[at]!.tStart ? cycles[at]!.cycle : 1;
    };
    const eExtent = extentOf([app]);
    const iExtent = extentOf([cur]);
    const rows: Row[] = [];
    // One line per cycle (the colour), each decimated on its own.
    let c = cycleOf(0);
    for (let from = 0; from <= last; ) {
      let to = from;
      let next = c;
      while (to < last && (next = cycleOf(to + 1)) === c) to++;
      for (const k of lineIndices(app, cur, from, to, eExtent, iExtent)) rows.push({ E: app[k]!, I: cur[k]! * 1e3, order: k, cycle: `cycle ${c}` });
      from = to + 1;
      c = next;
    }
    out.set(`${r.name}-cv.svg`, {
      ...base,
      title: `${title}: cyclic voltammogram`,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'E', type: 'quantitative', title: 'applied voltage E (V)' },
        y: { field: 'I', type: 'quantitative', title: `current I (mA, ${SIGN})` },
        color: { field: 'cycle', type: 'nominal', title: null },
        order: { field: 'order', type: 'quantitative' },
      },
    });
  }
  if (cur) {
    const rows: Row[] = lineIndices(t, cur, 0, last, tExtent, extentOf([cur])).map((k) => ({ t: t[k]! * 1e6, I: cur[k]! * 1e3 }));
    out.set(`${r.name}-current.svg`, {
      ...base,
      title: `${title}: current`,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (us)' },
        y: { field: 'I', type: 'quantitative', title: `current I (mA, ${SIGN})` },
      },
    });
  }
  if (r.analysis.kind === 'protocol') for (const [k, spec] of protocolPlots(r, title)) out.set(k, spec);
  if (r.analysis.kind === 'tran') {
    const family = (prefix: string, file: string, what: string, unit: string, scale: number) => {
      const labels = w.labels.filter((l) => l.startsWith(prefix));
      if (labels.length === 0) return;
      const pick = sampleIndices(labels.length, 24).map((i) => labels[i]!);
      const ys = pick.map((label) => col(label)!);
      const yExtent = extentOf(ys);
      const rows: Row[] = [];
      pick.forEach((label, j) => {
        const y = ys[j]!;
        for (const k of lineIndices(t, y, 0, last, tExtent, yExtent, pick.length)) rows.push({ t: t[k]! * 1e6, y: y[k]! * scale, signal: label, order: k });
      });
      out.set(`${r.name}-${file}.svg`, {
        ...base,
        title: `${title}: ${what}`,
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.2 },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'time (us)' },
          y: { field: 'y', type: 'quantitative', title: unit },
          color: { field: 'signal', type: 'nominal', sort: pick, title: null },
          order: { field: 'order', type: 'quantitative' },
        },
      });
    };
    family('v(', 'voltages', 'node voltages', 'voltage (V)', 1);
    family('i(', 'currents', 'source currents', `current (mA, ${SIGN})`, 1e3);
  }
  const charges = w.labels.filter((l) => l.startsWith('q('));
  if (charges.length > 0) {
    // Many slits: plot at most 24 evenly chosen ones so the legend stays readable.
    const pick = sampleIndices(charges.length, 24).map((i) => charges[i]!);
    const qs = pick.map((label) => col(label)!);
    const qExtent = extentOf(qs);
    const rows: Row[] = [];
    pick.forEach((label, j) => {
      const q = qs[j]!;
      for (const k of lineIndices(t, q, 0, last, tExtent, qExtent, pick.length)) rows.push({ t: t[k]! * 1e6, Q: q[k]! * 1e9, element: label, order: k });
    });
    out.set(`${r.name}-charge.svg`, {
      ...base,
      title: `${title}: charge per capacitor`,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (us)' },
        y: { field: 'Q', type: 'quantitative', title: 'charge q = C (v+ - v-) (nC)' },
        color: { field: 'element', type: 'nominal', sort: pick, title: null },
        order: { field: 'order', type: 'quantitative' },
      },
    });
  }
  return out;
}
