/**
 * Cyclic voltammetry: the named voltage source is driven by a triangle wave
 * v_start -> v_vertex -> v_end (-> back to v_start at the same rate when v_end differs) for N
 * cycles at |dV/dt| = rate, starting from the DC operating point at v_start. Cycle ends and
 * vertices are breakpoints of the integrator.
 *
 * RDYN elements with QMAX=peak are first made self-consistent: cycles are run one after another
 * from the operating point, and after each cycle every such QMAX is set to the peak |q| its
 * controlling capacitor reached in that cycle, until no QMAX changes by more than `qmaxtol`
 * (relative, default 1e-3) or `qmaxiter` cycles (default 50) have run. The starting guess is
 * C_control * max(|v_start|, |v_vertex|, |v_end|) (C times the window for a sweep from 0).
 * The reported cycles are then run afresh from the operating point with those QMAX values.
 */
import type { Circuit, CvAnalysis, Waveform } from '../circuit/circuit.js';
import type { PeakParameter } from '../circuit/device.js';
import { cvTriangle } from '../circuit/waveform.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import type { Mna } from '../engine/mna.js';
import { readOptions, type SimOptions } from '../engine/options.js';
import { Transient } from '../engine/transient.js';
import { cycleMeasures, type CvCycleMeasures } from './cvMeasures.js';
import { driveSource } from './drive.js';
import { Recorder, selectProbes } from './recorder.js';
import { StepWatches } from './stepWatch.js';
import type { AnalysisOptions, CvResult, CvSummary, QmaxIteration } from './result.js';

export type { QmaxIteration } from './result.js';
export { cvTriangle as cvSchedule, type CvSchedule } from '../circuit/waveform.js';

export function runCv(circuit: Circuit, analysis: CvAnalysis, options: AnalysisOptions = {}): CvResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  if (!(analysis.cycles >= 1)) throw new NcmError(`.cv: the number of cycles must be at least 1 (got ${analysis.cycles})`, { loc: analysis.loc });
  if (!(analysis.rate > 0)) throw new NcmError(`.cv: the scan rate must be positive (got ${analysis.rate} V/s)`, { loc: analysis.loc });
  if (analysis.vVertex === analysis.vStart) throw new NcmError(`.cv: the vertex potential equals the start potential; the window is empty`, { loc: analysis.loc });
  const peakGuess = Math.max(Math.abs(analysis.vStart), Math.abs(analysis.vVertex), Math.abs(analysis.vEnd));
  const totalCycles = analysis.cycles;
  const sched = cvTriangle(analysis, totalCycles);
  const port = driveSource(circuit, analysis.source, { kind: 'waveform', waveform: sched.waveform }, '.cv', analysis.loc, { peakVoltageGuess: peakGuess });
  const mna = port.mna;
  const warnings: string[] = [];
  const peakRdyn = mna.devices.flatMap((d) => d.peakParameters?.() ?? []);
  let qmaxInfo: QmaxIteration | undefined;
  const report = options.onProgress;
  if (peakRdyn.length > 0) {
    // The iteration runs up to qmaxiter cycles of the same triangle, then the reported cycles run afresh.
    qmaxInfo = iterateQmax(mna, opts, analysis, peakRdyn, (w) => port.apply(w), (f) => report?.(0.5 * f, 'cv (QMAX=peak)'));
    if (!qmaxInfo.converged) warnings.push(`QMAX=peak did not converge in ${qmaxInfo.iterations} cycles (last relative change ${qmaxInfo.changes.at(-1)?.toExponential(2)}); raise .options qmaxiter=`);
    port.apply(sched.waveform);
  }
  const op = operatingPoint(mna, opts, 0);
  warnings.push(...op.warnings);
  const tr = new Transient(mna, opts, options.companion?.(mna, opts));
  tr.startFrom(op.x, 0);
  const probes = selectProbes(circuit, mna, options.record ?? 'all');
  const vapp = port.applied;
  const cur = port.current;
  const lead = [vapp, ...(probes.some((p) => p.label === cur.label) ? [] : [cur])];
  const recorder = new Recorder([...lead, ...probes], 4096, tr.history.dq1);
  const watches = new StepWatches(mna);
  const tstop = sched.cycleStarts[totalCycles]!;
  let cycle = 0;
  let steadyCycle = -1;
  const M = 256;
  let prevShape: Float64Array | undefined;
  let cycleStartIdx = 0;
  tr.run({
    tstop,
    tmax: sched.period / 100,
    hInit: sched.period * 1e-5,
    breakpoints: sched.cycleStarts,
    what: '.cv',
    onRetract: (tb) => recorder.retract(tb),
    onAccept: (t, x) => {
      recorder.push(t, x);
      watches.accept(t, x);
      report?.((peakRdyn.length > 0 ? 0.5 : 0) + (peakRdyn.length > 0 ? 0.5 : 1) * (t / tstop), 'cv');
      const end = sched.cycleStarts[cycle + 1]!;
      if (Math.abs(t - end) <= 1e-9 * sched.period) {
        // One cycle done: compare its current shape with the previous cycle's.
        const shape = resampleCycle(recorder.times, recorder.column(cur.label), cycleStartIdx, recorder.length - 1, M);
        if (analysis.steadyTol !== undefined && prevShape) {
          let d = 0;
          let pk = 0;
          for (let k = 0; k < M; k++) {
            d = Math.max(d, Math.abs(shape[k]! - prevShape[k]!));
            pk = Math.max(pk, Math.abs(shape[k]!));
          }
          if (d <= analysis.steadyTol * pk) steadyCycle = cycle + 1;
        }
        prevShape = shape;
        cycleStartIdx = recorder.length - 1;
        cycle++;
        return steadyCycle > 0;
      }
      return false;
    },
  });
  warnings.push(...watches.warnings());
  const t = recorder.times;
  const e = recorder.column(vapp.label);
  const i = recorder.column(cur.label);
  const cycles: CvCycleMeasures[] = [];
  let i0 = 0;
  for (let c = 0; c < cycle; c++) {
    const end = sched.cycleStarts[c + 1]!;
    let i1 = i0;
    while (i1 < recorder.length - 1 && t[i1]! < end - 1e-9 * sched.period) i1++;
    cycles.push(cycleMeasures(t, e, i, i0, i1, sched.vertexTimes[c]!, { vStart: analysis.vStart, vVertex: analysis.vVertex, rate: analysis.rate }, c + 1));
    i0 = i1;
  }
  const summary: CvSummary = {
    analysis: 'cv',
    source: port.name,
    sweep: { vStart: analysis.vStart, vVertex: analysis.vVertex, vEnd: analysis.vEnd, rateVPerS: analysis.rate, cyclesRequested: totalCycles, cyclesRun: cycle, periodS: sched.period },
    currentSign: 'current into the cell at the source n+ terminal, positive while charging (opposite of SPICE i(V))',
    operatingPoint: op.method,
    method: opts.method,
    cycles,
  };
  if (analysis.steadyTol !== undefined) summary.periodicSteadyState = { tolerance: analysis.steadyTol, reachedAtCycle: steadyCycle > 0 ? steadyCycle : null };
  if (qmaxInfo) summary.qmaxPeak = qmaxInfo;
  return {
    kind: 'cv',
    name: 'cv',
    analysis,
    waveforms: recorder.waveforms(),
    summary,
    stats: { ...tr.stats },
    warnings,
    appliedColumn: vapp.label,
    currentColumn: cur.label,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Current of one cycle resampled at M evenly spaced instants (for cycle-to-cycle comparison). */
function resampleCycle(t: Float64Array, i: Float64Array, i0: number, i1: number, m: number): Float64Array {
  const out = new Float64Array(m);
  const ta = t[i0]!;
  const tb = t[i1]!;
  let k = i0;
  for (let j = 0; j < m; j++) {
    const tt = ta + ((tb - ta) * j) / (m - 1);
    while (k < i1 - 1 && t[k + 1]! < tt) k++;
    const d = t[k + 1]! - t[k]!;
    out[j] = d > 0 ? i[k]! + ((i[k + 1]! - i[k]!) * (tt - t[k]!)) / d : i[k]!;
  }
  return out;
}

function iterateQmax(
  mna: Mna,
  opts: SimOptions,
  analysis: CvAnalysis,
  rdyns: PeakParameter[],
  apply: (w: Waveform) => void,
  progress: (f: number) => void,
): QmaxIteration {
  const tol = opts.qmaxtol;
  const maxIter = opts.qmaxiter;
  const sched = cvTriangle(analysis, maxIter);
  apply(sched.waveform);
  const op = operatingPoint(mna, opts, 0);
  const tr = new Transient(mna, opts);
  tr.startFrom(op.x, 0);
  const peaks = new Float64Array(rdyns.length);
  const changes: number[] = [];
  let cycle = 0;
  let converged = false;
  tr.run({
    tstop: sched.cycleStarts[maxIter]!,
    tmax: sched.period / 100,
    hInit: sched.period * 1e-5,
    breakpoints: sched.cycleStarts,
    what: '.cv (QMAX=peak iteration)',
    onAccept: (t, x) => {
      for (let k = 0; k < rdyns.length; k++) {
        const q = Math.abs(rdyns[k]!.tracked(x));
        if (q > peaks[k]!) peaks[k] = q;
      }
      if (Math.abs(t - sched.cycleStarts[cycle + 1]!) <= 1e-9 * sched.period) {
        cycle++;
        let worst = 0;
        for (let k = 0; k < rdyns.length; k++) {
          const d = rdyns[k]!;
          const qmax = d.get();
          const next = peaks[k]! > 0 ? peaks[k]! : qmax;
          worst = Math.max(worst, Math.abs(next - qmax) / qmax);
          d.set(next);
          peaks[k] = 0;
        }
        changes.push(worst);
        progress(cycle / maxIter);
        if (worst <= tol) converged = true;
        return converged;
      }
      return false;
    },
  });
  const qmax: Record<string, number> = {};
  for (const d of rdyns) qmax[d.name] = d.get();
  return { iterations: cycle, converged, qmax, changes, over: 'cycle' };
}
