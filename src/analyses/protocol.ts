/**
 * `.protocol`: a list of steps (constant current, constant power, constant-voltage hold, rest)
 * applied to the port of a named source, repeated for N cycles (PyBaMM "experiments").
 *
 * The source is replaced for the run by a port driver whose equation changes step by step. Each
 * step is a fresh transient segment (the excitation jumps there). A step that ends at a voltage
 * limit ends on it: when an accepted point crosses the limit, the run goes back to the point
 * before, the crossing time is interpolated (secant on the port voltage) and the segment is
 * integrated again up to exactly that time, repeated until the port voltage is within
 * EVENT_TOL of the limit.
 */
import type { Circuit, ProtocolAnalysis, ProtocolStep } from '../circuit/circuit.js';
import type { Probe } from '../circuit/device.js';
import { ProtocolDriverDevice } from '../circuit/protocolDriver.js';
import { waveformValue } from '../circuit/waveform.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { Mna } from '../engine/mna.js';
import { readOptions } from '../engine/options.js';
import { fmt, Transient } from '../engine/transient.js';
import { measureProtocol, type StepRecord } from './protocolMeasures.js';
import { Recorder, selectProbes } from './recorder.js';
import type { AnalysisOptions, ProtocolResult } from './result.js';

/** Relative (to the limit, at least 1 mV) tolerance on the port voltage at the end of an `until` step. */
export const EVENT_TOL = 1e-6;
/** Longest run of estimated step lengths searched for a voltage limit before giving up. */
const MAX_CHUNKS = 60;

/** The circuit with the protocol's source replaced by the port driver. */
export function protocolCircuit(circuit: Circuit, a: ProtocolAnalysis): Circuit {
  const src = circuit.elements.find((e) => e.key === a.source);
  if (!src || (src.kind !== 'V' && src.kind !== 'I')) {
    throw new NcmError(`.protocol: '${a.source}' is not a voltage or current source of the circuit`, { loc: a.loc });
  }
  const elements = circuit.elements.map((e) => (e === src ? { kind: 'PDRV' as const, name: src.name, key: src.key, nodes: src.nodes, loc: src.loc } : e));
  return { ...circuit, elements };
}

export function runProtocol(circuit: Circuit, a: ProtocolAnalysis, options: AnalysisOptions = {}): ProtocolResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  const src = circuit.elements.find((e) => e.key === a.source);
  const driven = protocolCircuit(circuit, a);
  // RDYN QMAX=peak: the protocol's voltage window (its limits, holds and starting voltage) sets the charge scale.
  let window = src!.kind === 'V' ? Math.abs(waveformValue(src!.waveform, 0)) : 0;
  for (const st of a.steps) {
    if (st.kind === 'hold') window = Math.max(window, Math.abs(st.voltage));
    else if ('until' in st && st.until !== undefined) window = Math.max(window, Math.abs(st.until));
  }
  const mna = new Mna(driven, { peakVoltageGuess: window > 0 ? window : 1 });
  const driver = mna.byKey.get(a.source) as ProtocolDriverDevice;
  const tr = new Transient(mna, opts);
  const warnings: string[] = [];
  keepStates = false;
  // Start: a voltage source holds its t = 0 value (operating point); a current source starts from ic= values.
  if (src!.kind === 'V') {
    driver.mode = 'voltage';
    driver.value = waveformValue(src!.waveform, 0);
    const op = operatingPoint(mna, opts, 0);
    warnings.push(...op.warnings);
    tr.startFrom(op.x, 0);
  } else {
    tr.startFromInitialConditions(0);
    // The states hold the ic= charges while x is still zero: the first segment must not re-derive them from x.
    keepStates = true;
  }

  let stepIndex = 0;
  let cycle = 1;
  const probes: Probe[] = [
    { label: 'v(port)', unit: 'V', read: (x) => driver.voltage(x) },
    { label: 'i(port)', unit: 'A', read: (x) => driver.current(x) },
    { label: 'p(port)', unit: 'W', read: (x) => driver.voltage(x) * driver.current(x) },
    { label: 'step', unit: '', read: () => stepIndex },
    { label: 'cycle', unit: '', read: () => cycle },
  ];
  // Then the circuit's own probes (`.save` targets or every node voltage and charge), without the driver's.
  probes.push(...selectProbes(driven, mna, options.record ?? 'all'));
  const rec = new Recorder(probes);
  rec.push(0, tr.x);
  const records: StepRecord[] = [];
  const capacitance = driven.elements.reduce((s, e) => s + (e.kind === 'C' ? e.capacitance : 0), 0);
  const totalSteps = a.steps.length * a.cycles;
  const n1 = mna.n + 1;
  const xA = new Float64Array(n1);
  const xStart = new Float64Array(n1);

  for (cycle = 1; cycle <= a.cycles; cycle++) {
    for (let s = 0; s < a.steps.length; s++) {
      const step = a.steps[s]!;
      stepIndex = s + 1;
      const t0 = tr.t;
      xStart.set(tr.x);
      const startRow = rec.length - 1;
      setMode(driver, step);
      const what = `.protocol step ${s + 1} (${step.kind}) of cycle ${cycle}`;
      const limit = 'until' in step ? step.until : undefined;
      const duration = 'duration' in step ? step.duration : undefined;
      let endedBy: StepRecord['endedBy'] = 'time';
      const vStart = driver.voltage(tr.x);
      // Direction of the limit: a charge (positive current or power) rises to it, a discharge falls.
      const rising = (step.kind === 'current' && step.current > 0) || (step.kind === 'power' && step.power > 0);
      const g = (x: Float64Array): number => (rising ? 1 : -1) * (driver.voltage(x) - limit!);
      // Set once an accepted point lay beyond the limit: a failure after that is in the landing, not a collapse.
      let limitSeen = false;
      try {
        if (limit !== undefined && g(tr.x) >= 0) {
          warnings.push(`${what}: the port is already at or beyond the limit ${fmt(limit)} V at its start (${fmt(vStart)} V): step skipped`);
          endedBy = 'limit';
        } else if (limit === undefined) {
          segment(tr, rec, t0 + duration!, duration! / 50, what, undefined);
        } else {
          const tEnd = duration !== undefined ? t0 + duration : Infinity;
          const tol = EVENT_TOL * Math.max(Math.abs(limit), 1e-3);
          const estimate = estimateDuration(step, vStart, limit, capacitance);
          let chunks = 0;
          let crossed = false;
          while (tr.t < tEnd * (1 - 1e-12) && !crossed) {
            if (++chunks > MAX_CHUNKS) {
              throw new NcmError(
                `${what}: the port voltage ${fmt(driver.voltage(tr.x))} V did not reach the limit ${fmt(limit)} V within ${fmt(tr.t - t0)} s ` +
                  `(${MAX_CHUNKS} times the estimated ${fmt(estimate)} s): the cell cannot get there at this ${step.kind}`,
                { loc: step.loc },
              );
            }
            const stop = Math.min(tEnd, tr.t + estimate);
            // Search forward; on a crossing, land on it by secant steps between the bracketing points.
            let tA = tr.t;
            let gA = g(tr.x);
            xA.set(tr.x);
            let tB = NaN;
            let gB = NaN;
            // Watches accepted points: the last one below the limit becomes A, the first at or past it B.
            const bracket = (t: number, x: Float64Array): boolean => {
              const gx = g(x);
              if (gx >= 0) {
                tB = t;
                gB = gx;
                return true;
              }
              tA = t;
              gA = gx;
              xA.set(x);
              return false;
            };
            segment(tr, rec, stop, (stop - tr.t) / 50, what, bracket);
            if (Number.isNaN(tB)) continue;
            crossed = true;
            limitSeen = true;
            for (let iter = 0; ; iter++) {
              if (Math.abs(gB) <= tol || iter > 30) break;
              const tc = tA + ((tB - tA) * -gA) / (gB - gA);
              rec.retract(tA);
              tr.startFrom(xA, tA);
              segment(tr, rec, tc, tc - tA, what, undefined);
              const gc = g(tr.x);
              if (gc >= 0) {
                tB = tc;
                gB = gc;
              } else {
                // Not there yet: continue from tc and find the next crossing.
                tA = tc;
                gA = gc;
                xA.set(tr.x);
                if (Math.abs(gc) <= tol) break;
                tB = NaN;
                segment(tr, rec, stop, (stop - tr.t) / 50, what, bracket);
                if (Number.isNaN(tB)) {
                  crossed = false;
                  break;
                }
              }
            }
          }
          endedBy = crossed ? 'limit' : 'time';
        }
      } catch (err) {
        // Beyond the maximum power point no operating point exists (v i = P has no root): the cell
        // cannot sustain the power; the step ends at the last accepted point, as a cycler would stop.
        if (!(err instanceof NcmError) || step.kind !== 'power') throw err;
        rec.retract(tr.t);
        if (limitSeen) {
          endedBy = 'limit';
          warnings.push(`${what}: landing on the limit did not converge; the step ends at the last point before it (port at ${fmt(driver.voltage(tr.x))} V, t = ${fmt(tr.t)} s)`);
        } else {
          endedBy = 'collapse';
          warnings.push(`${what}: the cell cannot deliver ${fmt(Math.abs(step.power))} W beyond t = ${fmt(tr.t)} s (port at ${fmt(driver.voltage(tr.x))} V, past its maximum power point): step ended there`);
        }
      }
      records.push({ index: s + 1, cycle, kind: step.kind, setPoint: setPoint(step), startRow, endRow: rec.length - 1, endedBy });
      options.onProgress?.(records.length / totalSteps, 'protocol');
    }
  }
  cycle = a.cycles;
  const waveforms = rec.waveforms();
  const summary = measureProtocol(waveforms, records, a);
  return {
    kind: 'protocol',
    name: 'protocol',
    analysis: a,
    waveforms,
    summary: { analysis: 'protocol', source: src!.name, cycles: a.cycles, eventTolerance: EVENT_TOL, ...summary.last, steps: summary.steps, cycleMeasures: summary.cycleMeasures },
    stats: { ...tr.stats },
    warnings,
    appliedColumn: 'v(port)',
    currentColumn: 'i(port)',
    seconds: (performance.now() - started) / 1000,
  };
}

function setMode(d: ProtocolDriverDevice, step: ProtocolStep): void {
  switch (step.kind) {
    case 'current':
      d.mode = 'current';
      d.value = step.current;
      return;
    case 'power':
      d.mode = 'power';
      d.value = step.power;
      return;
    case 'hold':
      d.mode = 'voltage';
      d.value = step.voltage;
      return;
    case 'rest':
      d.mode = 'current';
      d.value = 0;
  }
}

function setPoint(step: ProtocolStep): number {
  return step.kind === 'current' ? step.current : step.kind === 'power' ? step.power : step.kind === 'hold' ? step.voltage : 0;
}

/** Time to reach the limit if all the circuit's capacitance sat on the port (at least a microsecond-scale floor). */
function estimateDuration(step: ProtocolStep, v0: number, limit: number, c: number): number {
  let t = 0;
  if (step.kind === 'current') t = (c * Math.abs(limit - v0)) / Math.abs(step.current);
  else if (step.kind === 'power') t = (c * Math.abs(limit * limit - v0 * v0)) / (2 * Math.abs(step.power));
  if (!(t > 0) || !Number.isFinite(t)) t = 1e-3;
  const d = 'duration' in step && step.duration !== undefined ? step.duration : Infinity;
  return Math.min(1.25 * t, d);
}

/** Set after a `uic` start: the next segment continues from the ic= states instead of restarting from x. */
let keepStates = false;

/** One transient segment from the present point to `tstop`; the point at the start is not recorded again. */
function segment(tr: Transient, rec: Recorder, tstop: number, tmax: number, what: string, stopAt: ((t: number, x: Float64Array) => boolean) | undefined): void {
  const t0 = tr.t;
  if (keepStates) keepStates = false;
  else tr.startFrom(tr.x, t0);
  tr.run({
    tstop,
    tmax,
    hInit: (tstop - t0) / 1000,
    what,
    onRetract: (tb) => rec.retract(tb),
    onAccept: (t, x) => {
      if (t <= t0) return false;
      rec.push(t, x);
      return stopAt ? stopAt(t, x) : false;
    },
  });
}
