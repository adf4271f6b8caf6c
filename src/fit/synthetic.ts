/**
 * Synthetic measurements made by the project: a netlist run, sampled like an instrument, with
 * seeded Gaussian noise, written in a vendor's text layout (EC-Lab .mpt, Gamry .DTA) so that
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

const e = (x: number): string => x.toExponential(9);

/** BioLogic EC-Lab text export: CV (time/s, Ewe/V, <I>/mA, cycle number) or PEIS (freq, Re(Z), -Im(Z)). */
export function toBiologicMpt(c: SyntheticColumns): string {
  const head: string[] = [];
  let table: string[];
  if (c.kind === 'eis') {
    head.push('Potentio Electrochemical Impedance Spectroscopy', '', 'Device : SP-300 (synthetic, nanocircuit)');
    table = ['freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tcycle number'];
    for (let k = c.frequency.length - 1; k >= 0; k--) table.push([c.frequency[k]!, c.re[k]!, -c.im[k]!, Math.hypot(c.re[k]!, c.im[k]!), 1].map(e).join('\t'));
  } else {
    head.push(c.technique === 'cv' ? 'Cyclic Voltammetry' : 'Galvanostatic Cycling with Potential Limitation', '', 'Device : VMP3 (synthetic, nanocircuit)');
    if (c.scanRate !== undefined) head.push(`dE/dt               ${c.scanRate * 1e3}`, 'dE/dt unit          mV/s');
    table = ['mode\ttime/s\tEwe/V\t<I>/mA\tcycle number'];
    for (let k = 0; k < c.time.length; k++) table.push(['2', e(c.time[k]!), e(c.v[k]!), e(c.i[k]! * 1e3), e(c.cycle[k]! - 1)].join('\t'));
  }
  const nHeader = 2 + 1 + head.length + 1;
  return ['EC-Lab ASCII FILE', `Nb header lines : ${nHeader}`, '', ...head, table[0]!, ...table.slice(1)].join('\r\n') + '\r\n';
}

/** Gamry EXPLAIN file: CV as CURVEn tables (one per cycle), EIS as ZCURVE. */
export function toGamryDta(c: SyntheticColumns): string {
  const out: string[] = ['EXPLAIN'];
  if (c.kind === 'eis') {
    out.push('TAG\tEISPOT', 'PSTAT\tPSTAT\tREF600-00000\tPotentiostat', '\t', `ZCURVE\tTABLE\t${c.frequency.length}`, '\tPt\tTime\tFreq\tZreal\tZimag\tZmod', '\t#\ts\tHz\tohm\tohm\tohm');
    for (let k = 0; k < c.frequency.length; k++) out.push(`\t${k}\t${k}\t${e(c.frequency[k]!)}\t${e(c.re[k]!)}\t${e(c.im[k]!)}\t${e(Math.hypot(c.re[k]!, c.im[k]!))}`);
    return out.join('\r\n') + '\r\n';
  }
  out.push(`TAG\t${c.technique === 'cv' ? 'CV' : 'CHRONOP'}`, 'PSTAT\tPSTAT\tREF600-00000\tPotentiostat');
  if (c.scanRate !== undefined) out.push(`SCANRATE\tQUANT\t${e(c.scanRate * 1e3)}\tScan Ra&te (mV/s)`);
  out.push('\t');
  const cycles = Math.max(...c.cycle);
  for (let cy = 1; cy <= cycles; cy++) {
    const idx: number[] = [];
    for (let k = 0; k < c.time.length; k++) if (c.cycle[k] === cy) idx.push(k);
    out.push(`CURVE${cy}\tTABLE\t${idx.length}`, '\tPt\tT\tVf\tIm', '\t#\ts\tV vs. Ref.\tA');
    idx.forEach((k, j) => out.push(`\t${j}\t${e(c.time[k]!)}\t${e(c.v[k]!)}\t${e(c.i[k]!)}`));
  }
  return out.join('\r\n') + '\r\n';
}
