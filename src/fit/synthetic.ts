/**
 * Synthetic measurements made by the project: a netlist run, sampled like an instrument, with
 * seeded Gaussian noise; vendorLayouts.ts writes it in every layout the importer reads, so that
 * tests and the bench go through the same import path as a real file.
 */
import type { Analysis, Circuit } from '../circuit/circuit.js';
import { runAnalysis } from '../analyses/run.js';
import { Rng } from '../numeric/random.js';
import { interpolateAt } from './interpolate.js';

export type SyntheticColumns =
  | { kind: 'time'; technique: 'cv' | 'gcd'; time: Float64Array; v: Float64Array; i: Float64Array; cycle: Float64Array; scanRate?: number }
  | { kind: 'eis'; frequency: Float64Array; re: Float64Array; im: Float64Array };

export interface NoiseSpec {
  /** Standard deviation relative to the rms current (CV), the voltage span (GCD) or |Z| (EIS). */
  relative: number;
  seed: number;
  /** Points of a time series, evenly spaced in time (default 200). */
  points?: number;
}

/** Runs the analysis and returns instrument-like columns with noise. */
export function syntheticMeasurement(circuit: Circuit, analysis: Analysis, noise: NoiseSpec): SyntheticColumns {
  const r = runAnalysis(circuit, analysis, { record: 'minimal' });
  const rng = new Rng(noise.seed);
  const w = r.waveforms!;
  const col = (l: string): Float64Array => w.columns[w.labels.indexOf(l)]!.subarray(0, w.length);
  if (r.kind === 'ac') {
    const f = col('frequency'), re = Float64Array.from(col('re(z)')), im = Float64Array.from(col('im(z)'));
    for (let k = 0; k < f.length; k++) {
      const m = Math.hypot(re[k]!, im[k]!);
      re[k]! += noise.relative * m * rng.normal();
      im[k]! += noise.relative * m * rng.normal();
    }
    return { kind: 'eis', frequency: Float64Array.from(f), re, im };
  }
  if (r.kind !== 'cv' && r.kind !== 'protocol') throw new Error(`synthetic data: ${r.kind} is not a measurement kind`);
  const t = col('time');
  const n = noise.points ?? 200;
  const T = t[t.length - 1]!;
  const time = Float64Array.from({ length: n }, (_, k) => (k * T) / (n - 1));
  const v = interpolateAt(t, col(r.appliedColumn), time);
  const i = interpolateAt(t, col(r.currentColumn), time);
  const cycle = new Float64Array(n).fill(1);
  if (r.kind === 'cv') {
    const ends = r.summary.cycles.map((c) => c.tEnd);
    for (let k = 0; k < n; k++) cycle[k] = Math.min(ends.length, 1 + ends.filter((e) => time[k]! > e * (1 + 1e-9)).length);
    let s = 0;
    for (const x of i) s += x * x;
    const sd = noise.relative * Math.sqrt(s / n);
    for (let k = 0; k < n; k++) i[k]! += sd * rng.normal();
    return { kind: 'time', technique: 'cv', time, v, i, cycle, scanRate: r.analysis.rate };
  }
  // A cycle starts where the current turns to charging.
  let starts = 0;
  for (let k = 0; k < n; k++) {
    if (i[k]! > 0 && (k === 0 || i[k - 1]! <= 0)) starts++;
    cycle[k] = Math.max(1, starts);
  }
  let lo = Infinity, hi = -Infinity;
  for (const x of v) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
  for (let k = 0; k < n; k++) v[k]! += noise.relative * (hi - lo) * rng.normal();
  return { kind: 'time', technique: 'gcd', time, v, i, cycle };
}

export { toBiologicMpt, toGamryDta } from './vendorLayouts.js';
