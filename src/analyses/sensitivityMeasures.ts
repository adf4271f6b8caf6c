/**
 * d(measure)/d(param) from the waveform derivatives of a sensitivity run: each measure is the
 * function the analysis itself uses (CV cycle measures, chrono measures, the .ac low-frequency
 * capacitance), differentiated along the waveform's derivative, M'(w) dw/dp, by a central
 * difference of that function on w +- eps dw/dp with the time axis fixed. A peak's position does
 * not enter to first order (the derivative of a maximum is the derivative at the maximum).
 */
import { cvTriangle } from '../circuit/waveform.js';
import { chronoMeasures } from './chrono.js';
import { cycleMeasures } from './cvMeasures.js';
import type { SensitivityResult } from './sensitivity.js';

export interface MeasureSensitivity {
  /** Output name of the analysis (`cv`, `ac2`). */
  analysis: string;
  measure: string;
  unit: string;
  value: number;
  param: string;
  paramValue: number;
  derivative: number;
  /** (p / M) dM/dp: the relative change of the measure per relative change of the parameter. */
  normalized: number;
}

/** Relative size of the step along dw/dp in the measure's central difference. */
const MEASURE_STEP = 1e-6;

type MeasureFn = (w: Float64Array) => Record<string, number>;

function directional(fn: MeasureFn, w: Float64Array, dw: Float64Array): { value: Record<string, number>; derivative: Record<string, number> } {
  let wm = 0;
  let dm = 0;
  for (let i = 0; i < w.length; i++) {
    wm = Math.max(wm, Math.abs(w[i]!));
    dm = Math.max(dm, Math.abs(dw[i]!));
  }
  const value = fn(w);
  const derivative: Record<string, number> = {};
  if (dm === 0) {
    for (const k of Object.keys(value)) derivative[k] = 0;
    return { value, derivative };
  }
  const eps = (MEASURE_STEP * Math.max(wm, 1e-300)) / dm;
  const up = new Float64Array(w.length);
  const down = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    up[i] = w[i]! + eps * dw[i]!;
    down[i] = w[i]! - eps * dw[i]!;
  }
  const a = fn(up);
  const b = fn(down);
  for (const k of Object.keys(value)) derivative[k] = (a[k]! - b[k]!) / (2 * eps);
  return { value, derivative };
}

const UNITS: Record<string, string> = {
  capacitance: 'F',
  anodicCharge: 'C',
  cathodicCharge: 'C',
  enclosedArea: 'W',
  peakAnodicCurrent: 'A',
  peakCathodicCurrent: 'A',
  peakCurrent: 'A',
  finalCharge: 'C',
  timeConstant: 's',
  lowFrequencyCapacitance: 'F',
  highFrequencyResistance: 'ohm',
};

/** The measures of the run and their derivatives with respect to each parameter. */
export function measureSensitivities(s: SensitivityResult, paramValues: Record<string, number>): MeasureSensitivity[] {
  const r = s.result;
  const w = r.waveforms!;
  const col = (label: string): Float64Array => w.columns[w.labels.indexOf(label)]!;
  let target: string;
  let fn: MeasureFn;
  if (r.kind === 'cv') {
    // The last cycle run, as the CV's own summary measures it.
    const c = r.summary.cycles.at(-1)!;
    const t = col('time');
    const e = col(r.appliedColumn);
    let i0 = 0;
    while (i0 < w.length - 1 && t[i0]! < c.tStart) i0++;
    let i1 = i0;
    while (i1 < w.length - 1 && t[i1]! < c.tEnd) i1++;
    const tVertex = cvTriangle(r.analysis, r.summary.sweep.cyclesRun).vertexTimes[c.cycle - 1]!;
    const sweep = { vStart: r.analysis.vStart, vVertex: r.analysis.vVertex, rate: r.analysis.rate };
    target = r.currentColumn;
    fn = (i) => {
      const m = cycleMeasures(t, e, i, i0, i1, tVertex, sweep, c.cycle);
      return { capacitance: m.capacitance, anodicCharge: m.anodicCharge, cathodicCharge: m.cathodicCharge, enclosedArea: m.enclosedArea, peakAnodicCurrent: m.peakAnodicCurrent, peakCathodicCurrent: m.peakCathodicCurrent };
    };
  } else if (r.kind === 'chrono') {
    const t = col('time');
    const tStep = r.analysis.tStep;
    target = r.currentColumn;
    fn = (i) => {
      const q = new Float64Array(i.length);
      for (let k = 1; k < i.length; k++) q[k] = t[k]! <= tStep ? 0 : q[k - 1]! + 0.5 * (i[k]! + i[k - 1]!) * (t[k]! - t[k - 1]!);
      const m = chronoMeasures(t, i, q, tStep);
      return { peakCurrent: m.peakCurrent, finalCharge: m.finalCharge, timeConstant: m.timeConstant };
    };
  } else if (r.kind === 'ac') {
    const f0 = col('frequency')[0]!;
    const re = col('re(z)');
    const last = re.length - 1;
    const out: MeasureSensitivity[] = [];
    const im0 = col('im(z)')[0]!;
    const cLow = -1 / (2 * Math.PI * f0 * im0);
    s.params.forEach((p, k) => {
      const dIm = s.derivatives['im(z)']?.[k];
      const dRe = s.derivatives['re(z)']?.[k];
      if (dIm) out.push(entry(r.name, 'lowFrequencyCapacitance', cLow, p, paramValues[p]!, dIm[0]! / (2 * Math.PI * f0 * im0 * im0)));
      if (dRe) out.push(entry(r.name, 'highFrequencyResistance', re[last]!, p, paramValues[p]!, dRe[last]!));
    });
    return out;
  } else {
    // tran, protocol: the final value of every differentiated waveform.
    const out: MeasureSensitivity[] = [];
    for (const [label, ds] of Object.entries(s.derivatives)) {
      const values = col(label);
      const last = values.length - 1;
      s.params.forEach((p, k) => out.push(entry(r.name, `final ${label}`, values[last]!, p, paramValues[p]!, ds[k]![last]!)));
    }
    return out;
  }
  const ds = s.derivatives[target];
  if (!ds) return [];
  const out: MeasureSensitivity[] = [];
  const base = col(target);
  s.params.forEach((p, k) => {
    const { value, derivative } = directional(fn, base, ds[k]!);
    for (const m of Object.keys(value)) out.push(entry(r.name, m, value[m]!, p, paramValues[p]!, derivative[m]!));
  });
  return out;
}

function entry(analysis: string, measure: string, value: number, param: string, paramValue: number, derivative: number): MeasureSensitivity {
  const normalized = value !== 0 && Number.isFinite(value) ? (paramValue / value) * derivative : NaN;
  return { analysis, measure, unit: UNITS[measure] ?? '', value, param, paramValue, derivative, normalized };
}
