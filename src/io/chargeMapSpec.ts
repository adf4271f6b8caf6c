/**
 * The heat map of charge(slit, time): one row of rectangles per slit (at most 60, evenly chosen),
 * 120 time bins. Used by the model comparison (`ncm compare`) and the playground.
 */
import type * as vl from 'vega-lite';
import { PLOT_FRAME } from './plotFrame.js';
import { sampleIndices as evenly } from './plotSpecs.js';

/** The charge of one slit capacitor over a run. */
export interface SlitCharge {
  /** 1-based slit number (1 = next to the open space). */
  index: number;
  /** q(t) (C) on the run's time grid. */
  charge: Float64Array;
}

type Row = Record<string, number | string>;

/** Slit labels at round, evenly spaced indices (every 1, 2, 5, 10, 20, 50, ... slits), about ten of them. */
function evenLabels(indices: number[]): number[] {
  const n = Math.max(...indices);
  const rough = n / 10;
  const mag = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag;
  const labels = indices.filter((i) => i % step === 0);
  return labels.length >= 2 ? labels : indices;
}

/** `domain` (nC) fixes the colour scale, so that maps drawn side by side (NCM beside TLM) compare. */
export function chargeMapSpec(title: string, time: Float64Array, traces: SlitCharge[], domain?: [number, number]): vl.TopLevelSpec {
  const slits = evenly(traces.length, 60).map((i) => traces[i]!);
  const nt = 120;
  const tEnd = time[time.length - 1]!;
  const rows: Row[] = [];
  for (const s of slits) {
    let k = 0;
    for (let j = 0; j < nt; j++) {
      const t = (tEnd * (j + 0.5)) / nt;
      while (k < time.length - 2 && time[k + 1]! < t) k++;
      rows.push({ t0: (tEnd * j) / nt * 1e6, t1: (tEnd * (j + 1)) / nt * 1e6, slit: s.index, Q: s.charge[k]! * 1e9 });
    }
  }
  return {
    ...PLOT_FRAME,
    height: 300,
    title,
    data: { values: rows },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 't0', type: 'quantitative', title: 'time (us)' },
      x2: { field: 't1' },
      y: { field: 'slit', type: 'ordinal', title: 'slit', sort: 'descending', axis: { values: evenLabels(slits.map((s) => s.index)) } },
      color: { field: 'Q', type: 'quantitative', title: 'q (nC)', scale: { scheme: 'viridis', ...(domain ? { domain } : {}) } },
    },
  };
}
