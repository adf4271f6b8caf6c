/**
 * `.protocol`: a list of steps (constant current, constant power, constant-voltage hold, rest)
 * applied to the port of a named source, repeated for N cycles (PyBaMM "experiments").
 *
 * The source is driven as a port (src/analyses/drive.ts): its element becomes a port driver whose
 * equation changes step by step. Each step restarts the integrator's history (the excitation jumps
 * there) and runs until its duration, or until an event located by the integrator ends it
 * (src/engine/events.ts): the port voltage reaching the step's limit (within EVENT_TOL), or, in a
 * constant-power discharge, the cell's maximum power point (past it v i = P has no solution).
 */
import type { Circuit, ProtocolAnalysis, ProtocolStep } from '../circuit/circuit.js';
import type { Probe, TransientEvent } from '../circuit/device.js';
import type { ProtocolDriverDevice } from '../circuit/protocolDriver.js';
import { waveformValue } from '../circuit/waveform.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { readOptions } from '../engine/options.js';
import { fmt, Transient } from '../engine/transient.js';
import { driveSource, portDriver } from './drive.js';
import { measureProtocol, type StepRecord } from './protocolMeasures.js';
import { Recorder, selectProbes } from './recorder.js';
import { StepWatches } from './stepWatch.js';
import type { AnalysisOptions, ProtocolResult } from './result.js';

/** Relative (to the limit, at least 1 mV) tolerance on the port voltage at the end of an `until` step. */
export const EVENT_TOL = 1e-6;
/** A limit not reached within this many estimated step lengths is unreachable. */
const MAX_ESTIMATES = 60;
/**
 * A constant-power discharge ends at the cell's maximum power point: where the power margin
 * (dP/di) / (P/i) of the port, 1 at zero current, falls to this level (0 at the fold itself, where
 * v i = P stops having a solution; at 0.01 the power is within 1e-4 of the maximum).
 */
const MPP_MARGIN = 0.01;

export function runProtocol(circuit: Circuit, a: ProtocolAnalysis, options: AnalysisOptions = {}): ProtocolResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  const src = circuit.elements.find((e) => e.key === a.source);
  // RDYN QMAX=peak: the protocol's voltage window (its limits, holds and starting voltage) sets the charge scale.
  let window = src?.kind === 'V' ? Math.abs(waveformValue(src.waveform, 0)) : 0;
  for (const st of a.steps) {
    if (st.kind === 'hold') window = Math.max(window, Math.abs(st.voltage));
    else if ('until' in st && st.until !== undefined) window = Math.max(window, Math.abs(st.until));
  }
  // The source becomes the port driver (it also checks that the source is a V or an I).
  const port = driveSource(circuit, a.source, { kind: 'port' }, '.protocol', a.loc, { peakVoltageGuess: window > 0 ? window : 1 });
  const { mna, circuit: driven } = port;
  const driver = portDriver(port);
  const tr = new Transient(mna, opts, options.companion?.(mna, opts));
  const warnings: string[] = [];
  // Start: a voltage source holds its t = 0 value (operating point); a current source starts from ic= values.
  if (src?.kind === 'V') {
    driver.mode = 'voltage';
    driver.value = waveformValue(src.waveform, 0);
    const op = operatingPoint(mna, opts, 0);
    warnings.push(...op.warnings);
    tr.startFrom(op.x, 0);
  } else {
    // The states hold the ic= charges while x is still zero; the first step makes them consistent.
    tr.startFromInitialConditions(0);
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
  const rec = new Recorder(probes, 1024, tr.history.dq1);
  rec.push(0, tr.x);
  const watches = new StepWatches(mna);
  watches.accept(0, tr.x);
  const records: StepRecord[] = [];
  const capacitance = driven.elements.reduce((s, e) => s + (e.kind === 'C' ? e.capacitance : 0), 0);
  const totalSteps = a.steps.length * a.cycles;
  const mpp = maximumPowerPoint(driver, mna.n + 1);

  for (cycle = 1; cycle <= a.cycles; cycle++) {
    for (let s = 0; s < a.steps.length; s++) {
      const step = a.steps[s]!;
      stepIndex = s + 1;
      const t0 = tr.t;
      const startRow = rec.length - 1;
      setMode(driver, step);
      // The excitation jumps here: the states carry over (also the ic= states of a uic start), the history restarts.
      tr.restartHistory();
      const what = `.protocol step ${s + 1} (${step.kind}) of cycle ${cycle}`;
      const limit = 'until' in step ? step.until : undefined;
      const duration = 'duration' in step ? step.duration : undefined;
      const vStart = driver.voltage(tr.x);
      // Direction of the limit: a charge (positive current or power) rises to it, a discharge falls.
      const rising = (step.kind === 'current' && step.current > 0) || (step.kind === 'power' && step.power > 0);
      let endedBy: StepRecord['endedBy'] = 'time';
      if (limit !== undefined && (rising ? 1 : -1) * (vStart - limit) >= 0) {
        warnings.push(`${what}: the port is already at or beyond the limit ${fmt(limit)} V at its start (${fmt(vStart)} V): step skipped`);
        endedBy = 'limit';
      } else {
        const events: TransientEvent[] = [];
        let span = duration!;
        if (limit !== undefined) {
          events.push(voltageLimit(driver, limit, rising));
          // Without a duration the limit must come within MAX_ESTIMATES times the time the circuit's
          // whole capacitance would take on the port.
          const estimate = estimateDuration(step, vStart, limit, capacitance);
          span = Math.min(duration ?? Infinity, MAX_ESTIMATES * estimate);
        }
        if (step.kind === 'power' && step.power < 0) events.push(mpp);
        const estimate = limit !== undefined ? estimateDuration(step, vStart, limit, capacitance) : duration!;
        const outcome = tr.run({
          tstop: t0 + span,
          tmax: Math.min(estimate, span) / 50,
          hInit: Math.min(estimate, span) / 1000,
          events,
          what,
          onRetract: (tb) => rec.retract(tb),
          onAccept: (t, x) => {
            if (t <= t0) return false;
            rec.push(t, x);
            watches.accept(t, x);
            return false;
          },
        });
        if (outcome.endedBy === 'event' && outcome.event === mpp) {
          endedBy = 'collapse';
          warnings.push(
            `${what}: the cell cannot deliver ${fmt(Math.abs(step.kind === 'power' ? step.power : 0))} W beyond t = ${fmt(tr.t)} s ` +
              `(port at ${fmt(driver.voltage(tr.x))} V, at its maximum power point): step ended there`,
          );
        } else if (outcome.endedBy === 'event') endedBy = 'limit';
        else if (limit !== undefined && !(duration !== undefined && span >= duration)) {
          throw new NcmError(
            `${what}: the port voltage ${fmt(driver.voltage(tr.x))} V did not reach the limit ${fmt(limit)} V within ${fmt(tr.t - t0)} s ` +
              `(${MAX_ESTIMATES} times the estimated ${fmt(span / MAX_ESTIMATES)} s): the cell cannot get there at this ${step.kind}`,
            { loc: step.loc },
          );
        }
      }
      records.push({ index: s + 1, cycle, kind: step.kind, setPoint: setPoint(step), startRow, endRow: rec.length - 1, endedBy });
      options.onProgress?.(records.length / totalSteps, 'protocol');
    }
  }
  cycle = a.cycles;
  warnings.push(...watches.warnings());
  const waveforms = rec.waveforms();
  const summary = measureProtocol(waveforms, records, a);
  return {
    kind: 'protocol',
    name: 'protocol',
    analysis: a,
    waveforms,
    summary: { analysis: 'protocol', source: port.name, cycles: a.cycles, eventTolerance: EVENT_TOL, ...summary.last, steps: summary.steps, cycleMeasures: summary.cycleMeasures },
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

/** The port voltage reaching the step's limit, from below when charging, from above when discharging. */
function voltageLimit(driver: ProtocolDriverDevice, limit: number, rising: boolean): TransientEvent {
  return {
    name: 'voltage limit',
    landing: 'on',
    tolerance: EVENT_TOL * Math.max(Math.abs(limit), 1e-3),
    level: () => limit,
    direction: () => (rising ? 1 : -1),
    value: (x) => driver.voltage(x),
  };
}

/**
 * The maximum power point of a constant-power discharge, as a root function: the power margin
 * m = (dP/di) / (P/i) at the port, from the step's own factorised Jacobian (di/dP is one solve with
 * a unit right-hand side on the driver's equation v i = P). For a source v_c behind R,
 * m = 1 - R |i| / v: 1 at rest, 0 where v = v_c / 2 and P = v_c^2 / 4R is the most the cell can give.
 */
function maximumPowerPoint(driver: ProtocolDriverDevice, n1: number): TransientEvent {
  const rhs = new Float64Array(n1);
  const z = new Float64Array(n1);
  return {
    name: 'maximum power point',
    landing: 'on',
    tolerance: MPP_MARGIN / 2,
    level: () => MPP_MARGIN,
    direction: () => -1,
    value: (x, _t, step) => {
      if (!step || driver.mode !== 'power') return NaN;
      rhs.fill(0);
      rhs[driver.branch] = 1;
      step.solve(rhs, z);
      const didP = z[driver.branch]!;
      return driver.current(x) / (driver.value * didP);
    },
  };
}
