/**
 * Grid error of the trans-slit flux split (`ncm mpnp --split-error`): the run is repeated with half
 * the cells across each half edge gap (grid.gapCells), where the cuts lie, and the time-averaged
 * migration / diffusion / steric parts of every I_i on the two grids give a Richardson estimate of
 * the default grid's error. Coarsening rather than refining: the second run is cheaper than the
 * first (a refined one costs about 40% more unknowns than the default run, the coarse one fewer).
 */
import type { SlitSeries } from '../series/slitSeries.js';
import { DEFAULT_GAP_CELLS } from './network.js';
import type { MpnpConfig, ProtocolConfig } from './run.js';
import { InputError } from '../diagnostics.js';

/** Order of accuracy the estimate assumes (the face fluxes are second-order in the spacing). */
export const SPLIT_ORDER = 2;

export interface CutSplit {
  migration: number;
  diffusion: number;
  steric: number;
}

export type SplitPart = keyof CutSplit;
export const SPLIT_PARTS: readonly SplitPart[] = ['migration', 'diffusion', 'steric'];

export interface PartGridError {
  /** Time averages on the run's grid and on the coarse one, A (per period, times the depth). */
  default: number;
  coarse: number;
  /** (default - coarse) / |default| (null when the part is 0 on the run's grid but not on the coarse one). */
  relativeChange: number | null;
  /** Richardson: (default - coarse) / (r^p - 1), r the spacing ratio, p = SPLIT_ORDER; A. */
  estimatedError: number;
  /** estimatedError / |default| (null as relativeChange). */
  estimatedRelativeError: number | null;
}

export interface SplitGridError {
  estimated: true;
  gapCells: { default: number; coarse: number };
  order: number;
  /** What the order assumption means for the estimate (SPLIT_ORDER_NOTE). */
  note: string;
  /** Averaging window, s (the charging half of the first CV cycle, or the whole step run). */
  window_s: [number, number];
  /** One entry per trans-slit cut i (I_i, between slit i and slit i+1). */
  cuts: ({ cut: number } & Record<SplitPart, PartGridError>)[];
  coarseStats: { unknowns: number; steps: number; wallSeconds: number };
}

/** Measured on examples/mpnp-d1.5.yaml with gapCells 4, 8, 16 (docs/mpnp.md, "Flux split grid error"). */
export const SPLIT_ORDER_NOTE =
  'estimatedError assumes second-order convergence; where the split converges slower (order 1.3-1.5 measured with gapCells 4/8/16 on examples/mpnp-d1.5.yaml) ' +
  'the error lies between estimatedError and the change from the coarse grid (the first-order estimate)';

/** What summary.json says when the option was not given: no number, only how to get one. */
export const SPLIT_ERROR_NOT_ESTIMATED = {
  estimated: false,
  note: 'the grid error of the trans-slit flux split was not estimated: `ncm mpnp <config> --split-error` repeats the run with half of grid.gapCells and reports it',
} as const;

/** The averaging window: the charging half of the first CV cycle, or the whole step run. */
export function splitWindow(p: ProtocolConfig, series: SlitSeries): [number, number] {
  const end = series.time[series.time.length - 1] ?? 0;
  if (p.kind === 'cv') return [0, Math.min(end, Math.abs(p.to - p.from) / p.rate)];
  return [0, end];
}

/** Time average over [t0, t1] of the migration, diffusion and steric part of every I_i (trapezoids on the records). */
export function timeAveragedSplit(series: SlitSeries, window: [number, number]): CutSplit[] {
  const p = series.parts;
  if (!p) throw new InputError('the series has no current split');
  const t = series.time;
  const [t0, t1] = window;
  if (!(t1 > t0)) throw new InputError(`empty averaging window [${t0}, ${t1}] s`);
  const avg = (v: Float64Array): number => {
    let sum = 0;
    for (let k = 1; k < t.length; k++) {
      const a = Math.max(t[k - 1]!, t0);
      const b = Math.min(t[k]!, t1);
      if (b <= a) continue;
      // linear interpolation of v on [t_{k-1}, t_k], integrated over [a, b]
      const h = t[k]! - t[k - 1]!;
      const va = v[k - 1]! + ((v[k]! - v[k - 1]!) * (a - t[k - 1]!)) / h;
      const vb = v[k - 1]! + ((v[k]! - v[k - 1]!) * (b - t[k - 1]!)) / h;
      sum += 0.5 * (va + vb) * (b - a);
    }
    return sum / (t1 - t0);
  };
  return series.current.map((_, i) => ({ migration: avg(p.migration[i]!), diffusion: avg(p.diffusion[i]!), steric: avg(p.steric[i]!) }));
}

/** The configuration of the coarse run (half the cells across each half gap) and both gapCells. */
export function coarseGapConfig(cfg: MpnpConfig): { cfg: MpnpConfig; gapCells: { default: number; coarse: number } } {
  if (cfg.geometry.kind !== 'network') throw new InputError('--split-error needs a network geometry (a half cell has no trans-slit cuts)');
  const g = cfg.grid.gapCells ?? DEFAULT_GAP_CELLS;
  if (g < 2) throw new InputError(`--split-error halves grid.gapCells, which is ${g}: use at least 2`);
  const coarse = Math.floor(g / 2);
  return { cfg: { ...cfg, grid: { ...cfg.grid, gapCells: coarse } }, gapCells: { default: g, coarse } };
}

/** Compares the time-averaged split of the run (gapFine) with that of the coarse run (gapCoarse). */
export function splitGridError(
  fine: SlitSeries,
  coarse: SlitSeries,
  gapCells: { default: number; coarse: number },
  window: [number, number],
  coarseStats: SplitGridError['coarseStats'],
): SplitGridError {
  const a = timeAveragedSplit(fine, window);
  const b = timeAveragedSplit(coarse, window);
  if (a.length !== b.length) throw new InputError(`the coarse run has ${b.length} cuts, the run ${a.length}`);
  const r = gapCells.default / gapCells.coarse;
  const factor = 1 / (r ** SPLIT_ORDER - 1);
  const part = (f: number, c: number): PartGridError => {
    const est = (f - c) * factor;
    const rel = (x: number): number | null => (f !== 0 ? x / Math.abs(f) : x === 0 ? 0 : null);
    return { default: f, coarse: c, relativeChange: rel(f - c), estimatedError: est, estimatedRelativeError: rel(est) };
  };
  const cuts = a.map((s, i) => {
    const row = { cut: i + 1 } as { cut: number } & Record<SplitPart, PartGridError>;
    for (const k of SPLIT_PARTS) row[k] = part(s[k], b[i]![k]);
    return row;
  });
  return { estimated: true, gapCells, order: SPLIT_ORDER, note: SPLIT_ORDER_NOTE, window_s: window, cuts, coarseStats };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}%`);

/** Console lines: one per cut, the average on the run's grid, the change from the coarse grid and the estimated error. */
export function splitGridErrorLines(e: SplitGridError): string[] {
  const head = `split grid error (time average over ${(e.window_s[0] * 1e6).toPrecision(3)}-${(e.window_s[1] * 1e6).toPrecision(3)} us; gapCells ${e.gapCells.default} vs ${e.gapCells.coarse}; error: Richardson order ${e.order}, at most the change if the order is 1):`;
  const rows = e.cuts.map((c) => {
    const parts = SPLIT_PARTS.map((k) => `${k} ${c[k].default.toPrecision(5)} A (coarse grid ${c[k].coarse.toPrecision(5)}, change ${pct(c[k].relativeChange)}, error ~${pct(c[k].estimatedRelativeError)})`);
    return `  I_${c.cut}: ${parts.join(', ')}`;
  });
  return [head, ...rows];
}
