/**
 * Each data set matched to the analysis that reproduces it: a CV at the data's own scan rate,
 * window and cycle count (from the header, or read off the data), a GCD as a `.protocol` at its
 * current between its limits, an EIS spectrum as an `.ac` over its frequencies. The template
 * supplies the driven source (its `.cv`, `.protocol` or `.ac` line); the data supply the rest.
 * Also: what the model predicts at the data's points, and the weight of each point.
 */
import type { AcAnalysis, Analysis, Circuit, CvAnalysis, ProtocolAnalysis } from '../circuit/circuit.js';
import type { AnalysisResult } from '../analyses/result.js';
import { InputError } from '../diagnostics.js';
import type { DataSet, SpectrumDataSet, TimeDataSet } from './dataSet.js';
import { interpolateAt } from './interpolate.js';

export interface MatchedData {
  data: DataSet;
  analysis: Analysis;
  /** What is compared: `current`, `voltage` or `impedance`. */
  quantity: 'current' | 'voltage' | 'impedance';
  /** The measured values, in the order of `predict` (a spectrum: re parts, then im parts). */
  observed: Float64Array;
  /** Weight of each residual: the objective is sum (w (model - data))^2. */
  weights: Float64Array;
  /** The weighting in words, for the report. */
  weightNote: string;
  /** The analysis in words. */
  description: string;
  /** The model at the data's points. */
  predict(r: AnalysisResult): Float64Array;
  /** d(predict)/d(param j) from the provider's derivatives on the result's axis. */
  predictDerivative(r: AnalysisResult, derivatives: Record<string, Float64Array[]>, j: number): Float64Array;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! ** 2;
  return Math.sqrt(s / Math.max(1, a.length));
}

const g = (v: number): string => Number(v.toPrecision(4)).toString();

function templateAnalysis<K extends Analysis['kind']>(circuit: Circuit, kind: K, data: DataSet, line: string): Extract<Analysis, { kind: K }> {
  const a = circuit.analyses.find((x) => x.kind === kind);
  if (!a) {
    throw new InputError(`${data.name} is ${data.technique === 'eis' ? 'an impedance spectrum' : `a ${data.technique.toUpperCase()}`}: the template ${circuit.file} needs a ${line} line naming the driven source (its other values are taken from the data)`);
  }
  return a as Extract<Analysis, { kind: K }>;
}

/** Elapsed time from the first point (the model starts at t = 0). */
function elapsed(d: TimeDataSet): Float64Array {
  const t = new Float64Array(d.time.length);
  for (let k = 0; k < t.length; k++) t[k] = d.time[k]! - d.time[0]!;
  return t;
}

function timeColumn(r: AnalysisResult, label: string | undefined): { t: Float64Array; y: Float64Array } {
  const w = r.waveforms!;
  const i = label === undefined ? -1 : w.labels.indexOf(label);
  if (i < 0) throw new Error(`the ${r.name} result has no column ${label}`);
  return { t: w.columns[0]!.subarray(0, w.length), y: w.columns[i]!.subarray(0, w.length) };
}

/** Scan rate read off a CV: the median |dv/dt| over the moving points. */
export function inferScanRate(d: TimeDataSet): number {
  const rates: number[] = [];
  for (let k = 1; k < d.time.length; k++) {
    const dt = d.time[k]! - d.time[k - 1]!;
    const dv = Math.abs(d.v[k]! - d.v[k - 1]!);
    if (dt > 0 && dv > 0) rates.push(dv / dt);
  }
  return median(rates);
}

function matchCv(circuit: Circuit, d: TimeDataSet): MatchedData {
  const tpl = templateAnalysis(circuit, 'cv', d, '.cv');
  const v0 = d.v[0]!;
  let vmax = -Infinity, vmin = Infinity, first = 0;
  for (const v of d.v) {
    vmax = Math.max(vmax, v);
    vmin = Math.min(vmin, v);
    if (first === 0 && Math.abs(v - v0) > 1e-9) first = Math.sign(v - v0);
  }
  if (!(vmax > vmin)) throw new InputError(`${d.name}: the potential does not move, so it is not a CV`);
  const rate = d.scanRate ?? inferScanRate(d);
  if (!(rate > 0)) throw new InputError(`${d.name}: no scan rate in the header and none can be read off the data`);
  // Samples rarely fall on a vertex: the vertex is where the lines of the sweeps before and after meet.
  const vVertex = sweepVertex(d, rate, first >= 0 ? 1 : -1);
  const far = first >= 0 ? vmin : vmax;
  // A sweep that turns beyond its start (0 -> 0.8 -> -0.2 -> 0) ends its cycle at the far limit.
  const vEnd = Math.abs(far - v0) > 1e-3 * (vmax - vmin) ? far : v0;
  const period = (Math.abs(vVertex - v0) + Math.abs(vEnd - vVertex) + Math.abs(v0 - vEnd)) / rate;
  const t = elapsed(d);
  let cycles = Math.max(1, Math.round(t[t.length - 1]! / period + 0.49));
  if (d.cycle) cycles = Math.max(...d.cycle) - Math.min(...d.cycle) + 1;
  const analysis: CvAnalysis = { ...tpl, vStart: v0, vVertex, vEnd, rate, cycles };
  delete analysis.steadyTol;
  const s = rms(d.i) || 1;
  const n = d.i.length;
  return {
    data: d,
    analysis,
    quantity: 'current',
    observed: Float64Array.from(d.i),
    weights: new Float64Array(n).fill(1 / s),
    weightNote: `current residual / rms of the measured current (${g(s)} A)`,
    description: `CV ${g(v0)} V -> ${g(vVertex)} V${vEnd !== v0 ? ` -> ${g(vEnd)} V` : ''} at ${g(rate)} V/s (${d.scanRate !== undefined ? 'from the header' : 'read off the data'}), ${cycles} cycle(s), ${n} points`,
    predict: (r) => interpolateAt(...tuple(timeColumn(r, r.currentColumn)), t),
    predictDerivative: (r, der, j) => interpolateAt(timeColumn(r, r.currentColumn).t, der[r.currentColumn!]![j]!, t),
  };
}

/**
 * The first vertex of a sweep going in `dir` at `rate`: v = a + dir rate t before it and
 * v = b - dir rate t after it, a and b the medians over the samples of each sweep; vertex = (a + b) / 2.
 */
function sweepVertex(d: TimeDataSet, rate: number, dir: 1 | -1): number {
  let top = 0;
  for (let k = 1; k < d.v.length; k++) {
    if (dir * (d.v[k]! - d.v[top]!) > 0) top = k;
    else if (dir * (d.v[top]! - d.v[k]!) > 0 && dir * (d.v[k]! - d.v[k - 1]!) > 0 && k > top + 2) break;
  }
  const before: number[] = [];
  const after: number[] = [];
  for (let k = 0; k < top; k++) before.push(d.v[k]! - dir * rate * (d.time[k]! - d.time[0]!));
  for (let k = top + 1; k < d.v.length && dir * (d.v[k]! - d.v[k - 1]!) <= 0; k++) if (d.v[k] !== d.v[top]) after.push(d.v[k]! + dir * rate * (d.time[k]! - d.time[0]!));
  if (before.length === 0 || after.length === 0) return d.v[top]!;
  return 0.5 * (median(before) + median(after));
}

const tuple = (c: { t: Float64Array; y: Float64Array }): [Float64Array, Float64Array] => [c.t, c.y];

function matchGcd(circuit: Circuit, d: TimeDataSet): MatchedData {
  const tpl = templateAnalysis(circuit, 'protocol', d, '.protocol');
  let vmax = -Infinity, vmin = Infinity;
  for (const v of d.v) {
    vmax = Math.max(vmax, v);
    vmin = Math.min(vmin, v);
  }
  const limits = d.potentialLimits && d.potentialLimits.length >= 2 ? [Math.min(...d.potentialLimits), Math.max(...d.potentialLimits)] : [vmin, vmax];
  const current = d.setCurrents?.length ? Math.abs(d.setCurrents[0]!) : median(Array.from(d.i, Math.abs));
  // Cycles: charge segments (current turning positive).
  let cycles = 0;
  for (let k = 0; k < d.i.length; k++) if (d.i[k]! > 0 && (k === 0 || d.i[k - 1]! <= 0)) cycles++;
  if (d.cycle) cycles = Math.max(cycles, Math.max(...d.cycle) - Math.min(...d.cycle) + 1);
  cycles = Math.max(1, cycles);
  const loc = tpl.loc;
  const analysis: ProtocolAnalysis = {
    ...tpl,
    steps: [
      { kind: 'current', current, until: limits[1]!, loc },
      { kind: 'current', current: -current, until: limits[0]!, loc },
    ],
    cycles,
  };
  const t = elapsed(d);
  const span = vmax - vmin || 1;
  return {
    data: d,
    analysis,
    quantity: 'voltage',
    observed: Float64Array.from(d.v),
    weights: new Float64Array(d.v.length).fill(1 / span),
    weightNote: `voltage residual / measured voltage span (${g(span)} V)`,
    description: `GCD at +-${g(current)} A between ${g(limits[0]!)} V and ${g(limits[1]!)} V, ${cycles} cycle(s), ${d.v.length} points`,
    predict: (r) => interpolateAt(...tuple(timeColumn(r, r.appliedColumn)), t),
    predictDerivative: (r, der, j) => interpolateAt(timeColumn(r, r.appliedColumn).t, der[r.appliedColumn!]![j]!, t),
  };
}

/** Points per decade of a log-uniform frequency list, or undefined when it is not one. */
function logUniform(f: Float64Array): number | undefined {
  if (f.length < 2) return undefined;
  const step = Math.log10(f[1]! / f[0]!);
  for (let k = 2; k < f.length; k++) if (Math.abs(Math.log10(f[k]! / f[k - 1]!) - step) > 1e-6 * Math.abs(step)) return undefined;
  return step > 0 ? 1 / step : undefined;
}

function matchEis(circuit: Circuit, d: SpectrumDataSet): MatchedData {
  const tpl = templateAnalysis(circuit, 'ac', d, '.ac');
  const n = d.frequency.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => d.frequency[a]! - d.frequency[b]!);
  const fs = Float64Array.from(order, (k) => d.frequency[k]!);
  const exact = logUniform(fs);
  // A log-uniform list is run exactly; any other on 50 points a decade, read in log f.
  const analysis: AcAnalysis = { ...tpl, sweep: 'dec', points: exact ?? 50, fStart: fs[0]!, fStop: fs[n - 1]! * (1 + 1e-9) };
  const logq = Float64Array.from(d.frequency, Math.log);
  const observed = new Float64Array(2 * n);
  const weights = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    observed[k] = d.re[k]!;
    observed[n + k] = d.im[k]!;
    const m = Math.hypot(d.re[k]!, d.im[k]!) || 1;
    weights[k] = weights[n + k] = 1 / m;
  }
  const read = (axis: Float64Array, re: Float64Array, im: Float64Array): Float64Array => {
    const lf = Float64Array.from(axis, Math.log);
    const out = new Float64Array(2 * n);
    const qOrder = Float64Array.from(order, (k) => logq[k]!);
    const r = interpolateAt(lf, re, qOrder);
    const i = interpolateAt(lf, im, qOrder);
    order.forEach((k, j) => {
      out[k] = r[j]!;
      out[n + k] = i[j]!;
    });
    return out;
  };
  const col = (r: AnalysisResult, l: string): Float64Array => r.waveforms!.columns[r.waveforms!.labels.indexOf(l)]!.subarray(0, r.waveforms!.length);
  return {
    data: d,
    analysis,
    quantity: 'impedance',
    observed,
    weights,
    weightNote: 'modulus weighting: re and im residuals / |Z| measured at that frequency',
    description: `EIS ${g(fs[0]!)} Hz to ${g(fs[n - 1]!)} Hz, ${n} frequencies${exact ? '' : ' (not log-uniform: model on 50 points a decade, read in log f)'}`,
    predict: (r) => read(col(r, 'frequency'), col(r, 're(z)'), col(r, 'im(z)')),
    predictDerivative: (r, der, j) => read(col(r, 'frequency'), der['re(z)']![j]!, der['im(z)']![j]!),
  };
}

export function matchData(circuit: Circuit, d: DataSet): MatchedData {
  if (d.kind === 'eis') return matchEis(circuit, d);
  if (d.technique === 'cv') return matchCv(circuit, d);
  if (d.technique === 'gcd') return matchGcd(circuit, d);
  throw new InputError(`${d.name}: a ${d.technique} series cannot be fitted yet: give a CV, a GCD or an EIS spectrum (or --technique when the file's technique was misread)`);
}
