/**
 * Potential step (chronoamperometry): the named source holds v_initial (DC operating point at
 * t = 0), steps to v_step right after t_step (a breakpoint; the first step after it is backward
 * Euler) and holds it until t_stop. Measures: I(t) into the cell, Q(t) = integral of I from
 * t_step, the final charge, the peak current, and a single-exponential time constant fitted by
 * least squares to ln|I| over the decay (samples after the peak with 2% < |I|/|I_peak| < 90%).
 */
import type { ChronoAnalysis, Circuit } from '../circuit/circuit.js';
import { potentialStep } from '../circuit/waveform.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { readOptions } from '../engine/options.js';
import { Transient } from '../engine/transient.js';
import { driveSource } from './drive.js';
import { Recorder, selectProbes } from './recorder.js';
import { StepWatches } from './stepWatch.js';
import type { AnalysisOptions, ChronoMeasures, ChronoResult } from './result.js';

export type { ChronoMeasures } from './result.js';

export function runChrono(circuit: Circuit, analysis: ChronoAnalysis, options: AnalysisOptions = {}): ChronoResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  const { vInitial, vStep, tStep, tStop } = analysis;
  if (!(tStop > tStep && tStep >= 0)) throw new NcmError(`.chrono: need 0 <= t_step < t_stop (got t_step = ${tStep} s, t_stop = ${tStop} s)`, { loc: analysis.loc });
  const port = driveSource(circuit, analysis.source, { kind: 'waveform', waveform: potentialStep(analysis) }, '.chrono', analysis.loc, {
    peakVoltageGuess: Math.max(Math.abs(vInitial), Math.abs(vStep)),
  });
  const mna = port.mna;
  const op = operatingPoint(mna, opts, 0);
  const tr = new Transient(mna, opts, options.companion?.(mna, opts));
  tr.startFrom(op.x, 0);
  const vapp = port.applied;
  const cur = port.current;
  const probes = selectProbes(circuit, mna, options.record ?? 'all');
  const rec = new Recorder([vapp, ...(probes.some((p) => p.label === cur.label) ? [] : [cur]), ...probes], 1024, tr.history.dq1);
  const watches = new StepWatches(mna);
  const span = tStop - tStep;
  tr.run({
    tstop: tStop,
    tmax: span / 100,
    hInit: Math.min(tStep > 0 ? tStep : span, span) * 1e-4,
    breakpoints: [tStep],
    what: '.chrono',
    onRetract: (tb) => rec.retract(tb),
    onAccept: (t, x) => {
      rec.push(t, x);
      watches.accept(t, x);
      options.onProgress?.(t / tStop, 'chrono');
    },
  });
  const w = rec.waveforms();
  const t = w.columns[0]!;
  const i = w.columns[w.labels.indexOf(cur.label)]!;
  // Q(t) from the step on, as an extra column.
  const q = new Float64Array(w.length);
  for (let k = 1; k < w.length; k++) q[k] = t[k]! <= tStep ? 0 : q[k - 1]! + 0.5 * (i[k]! + i[k - 1]!) * (t[k]! - t[k - 1]!);
  w.labels.splice(3, 0, `qcell(${port.key})`);
  w.units.splice(3, 0, 'C');
  w.columns.splice(3, 0, q);
  const measures = chronoMeasures(t, i, q, tStep);
  return {
    kind: 'chrono',
    name: 'chrono',
    analysis,
    waveforms: w,
    summary: {
      analysis: 'chrono',
      source: port.name,
      step: { vInitial, vStep, tStep, tStop },
      currentSign: 'current into the cell at the source n+ terminal, positive while charging (opposite of SPICE i(V))',
      ...measures,
    },
    stats: { ...tr.stats },
    warnings: [...op.warnings, ...watches.warnings()],
    appliedColumn: vapp.label,
    currentColumn: cur.label,
    seconds: (performance.now() - started) / 1000,
  };
}

export function chronoMeasures(t: Float64Array, i: Float64Array, q: Float64Array, tStep: number): ChronoMeasures {
  const n = t.length;
  let kp = -1;
  for (let k = 0; k < n; k++) if (t[k]! > tStep && (kp < 0 || Math.abs(i[k]!) > Math.abs(i[kp]!))) kp = k;
  const qf = n > 0 ? q[n - 1]! : 0;
  let t90 = NaN;
  for (let k = 0; k < n; k++) {
    if (t[k]! > tStep && Math.abs(q[k]!) >= 0.9 * Math.abs(qf)) {
      t90 = t[k]! - tStep;
      break;
    }
  }
  if (kp < 0) return { peakCurrent: NaN, timeOfPeak: NaN, finalCharge: qf, timeConstant: NaN, fitR2: NaN, t90 };
  const ip = Math.abs(i[kp]!);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, m = 0;
  for (let k = kp; k < n; k++) {
    const a = Math.abs(i[k]!) / ip;
    if (a >= 0.9 || a <= 0.02) continue;
    const x = t[k]! - tStep;
    const y = Math.log(Math.abs(i[k]!));
    sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y; m++;
  }
  let tau = NaN;
  let r2 = NaN;
  if (m >= 3) {
    const cov = sxy - (sx * sy) / m;
    const vx = sxx - (sx * sx) / m;
    const vy = syy - (sy * sy) / m;
    const slope = cov / vx;
    tau = slope < 0 ? -1 / slope : NaN;
    r2 = vy > 0 ? (cov * cov) / (vx * vy) : 1;
  }
  return { peakCurrent: i[kp]!, timeOfPeak: t[kp]! - tStep, finalCharge: qf, timeConstant: tau, fitR2: r2, t90 };
}
