/**
 * What every analysis returns: waveforms (typed arrays), a JSON-able summary and run statistics.
 * Results are a union discriminated by `kind` (the analysis kind): `r.kind === 'cv'` narrows both
 * `r.analysis` and `r.summary` to the CV's own types, so no consumer needs a cast.
 */
import type { AcAnalysis, ChronoAnalysis, CvAnalysis, OpAnalysis, ProtocolAnalysis, TranAnalysis } from '../circuit/circuit.js';
import type { Mna } from '../engine/mna.js';
import type { SimOptions } from '../engine/options.js';
import type { TransientCompanion } from '../engine/sensitivity.js';
import type { TransientStats } from '../engine/transient.js';
import type { CvCycleMeasures } from './cvMeasures.js';
import type { CycleMeasures, StepMeasures } from './protocolMeasures.js';
import type { Waveforms } from './recorder.js';
import type { MeasureResult } from '../circuit/measure.js';

/** Sign note of every summary with a cell current (the opposite of SPICE's i(V)). */
export type CurrentSignNote = string;

export interface OpSummary {
  analysis: 'op';
  /** How the operating point was found (`newton`, `gmin`, `source`). */
  method: string;
  newtonIterations: number;
  /** Every probe (node voltage, source current, charge) at the operating point, by label. */
  values: Record<string, number>;
  currentSign: CurrentSignNote;
}

export interface TranSummary {
  analysis: 'tran';
  tstop: number;
  tstart: number;
  uic: boolean;
  /** How the start was found: an operating-point method, or `uic`. */
  operatingPoint: string;
  method: string;
  points: number;
  /** QMAX=peak resolved over the run (src/analyses/qmaxOverRun.ts). */
  qmaxPeak?: QmaxIteration;
}

/** The self-consistent QMAX=peak iteration of a CV (docs/analyses.md). */
export interface QmaxIteration {
  iterations: number;
  converged: boolean;
  /** Final QMAX (C) per RDYN name. */
  qmax: Record<string, number>;
  /** Largest relative QMAX change per iteration. */
  changes: number[];
  /** Which peak: of a cycle at the periodic state (.cv), or over the whole run (.tran, .chrono, .protocol). */
  over?: 'cycle' | 'run';
}

export interface CvSummary {
  analysis: 'cv';
  source: string;
  sweep: { vStart: number; vVertex: number; vEnd: number; rateVPerS: number; cyclesRequested: number; cyclesRun: number; periodS: number };
  currentSign: CurrentSignNote;
  operatingPoint: string;
  method: string;
  cycles: CvCycleMeasures[];
  periodicSteadyState?: { tolerance: number; reachedAtCycle: number | null };
  qmaxPeak?: QmaxIteration;
}

/** Measures of a potential step (see chrono.ts). */
export interface ChronoMeasures {
  peakCurrent: number;
  timeOfPeak: number;
  /** Charge passed from t_step to t_stop (C). */
  finalCharge: number;
  /** Fitted single-exponential time constant (s); NaN when the decay has too few points. */
  timeConstant: number;
  /** Coefficient of determination of that fit on ln|I|. */
  fitR2: number;
  /** Time after the step at which the charge reaches 90% of its final value (s). */
  t90: number;
}

export interface ChronoSummary extends ChronoMeasures {
  analysis: 'chrono';
  source: string;
  step: { vInitial: number; vStep: number; tStep: number; tStop: number };
  currentSign: CurrentSignNote;
  qmaxPeak?: QmaxIteration;
}

export interface AcSummary {
  analysis: 'ac';
  source: string;
  /** Where the bias point came from, in words. */
  bias: string;
  /** QMAX per RDYN name when the bias came from a CV that resolved QMAX=peak. */
  qmax?: Record<string, number>;
  impedance: string;
  points: number;
  /** Series capacitance at the lowest frequency, -1 / (omega Im Z) (F). */
  lowFrequencyCapacitance: number;
  /** Re Z at the highest frequency (ohm). */
  highFrequencyResistance: number | undefined;
}

export interface ProtocolSummary {
  analysis: 'protocol';
  source: string;
  cycles: number;
  eventTolerance: number;
  /** Of the last constant-current discharge that had a linear part. */
  capacitance: number | undefined;
  irDrop: number | undefined;
  esr: number | undefined;
  /** Of the last cycle. */
  coulombicEfficiency: number | undefined;
  energyEfficiency: number | undefined;
  steps: StepMeasures[];
  cycleMeasures: CycleMeasures[];
  qmaxPeak?: QmaxIteration;
}

interface ResultBase {
  /** Output base name: `cv`, `tran`, `chrono`, `op` (numbered `cv2` when a kind repeats). */
  name: string;
  waveforms: Waveforms | undefined;
  stats: TransientStats | undefined;
  warnings: string[];
  /** Labels of the applied voltage and of the cell current columns, when the analysis has them. */
  appliedColumn?: string;
  currentColumn?: string;
  /** Wall time of the analysis (s). */
  seconds: number;
  /** `.meas` results of this analysis, in netlist order. */
  measures?: MeasureResult[];
}

export interface OpResult extends ResultBase { kind: 'op'; analysis: OpAnalysis; summary: OpSummary }
export interface TranResult extends ResultBase { kind: 'tran'; analysis: TranAnalysis; summary: TranSummary }
export interface CvResult extends ResultBase { kind: 'cv'; analysis: CvAnalysis; summary: CvSummary; waveforms: Waveforms; appliedColumn: string; currentColumn: string }
export interface ChronoResult extends ResultBase { kind: 'chrono'; analysis: ChronoAnalysis; summary: ChronoSummary; waveforms: Waveforms; appliedColumn: string; currentColumn: string }
export interface AcResult extends ResultBase { kind: 'ac'; analysis: AcAnalysis; summary: AcSummary; waveforms: Waveforms }
export interface ProtocolResult extends ResultBase { kind: 'protocol'; analysis: ProtocolAnalysis; summary: ProtocolSummary; waveforms: Waveforms; appliedColumn: string; currentColumn: string }

/** One analysis' result; `kind` tells which (and types `analysis` and `summary` with it). */
export type AnalysisResult = OpResult | TranResult | CvResult | ChronoResult | AcResult | ProtocolResult;

/** Every summary, discriminated by its `analysis` field (the form written to `<name>.json`). */
export type AnalysisSummary = AnalysisResult['summary'];

/** A summary with the output name of its analysis: one entry of a sweep point's record (src/sweep). */
export type NamedSummary = { name: string } & AnalysisSummary;

export interface RunProgress {
  /** Fraction done in [0, 1] of the present analysis, and its name. */
  (fraction: number, analysis: string): void;
}

export interface AnalysisOptions {
  /** `minimal` records only voltage-source currents (benchmarks, huge circuits). */
  record?: 'all' | 'minimal';
  onProgress?: RunProgress;
  /** Something to integrate alongside the analysis' recorded transient (forward sensitivities, sensitivity.ts), made from its MNA system. */
  companion?: (mna: Mna, opts: SimOptions) => TransientCompanion;
}

/** The result of the given kind, or an error naming both kinds (for callers that know what they ran). */
export function resultOfKind<K extends AnalysisResult['kind']>(r: AnalysisResult, kind: K): Extract<AnalysisResult, { kind: K }> {
  if (r.kind !== kind) throw new Error(`expected a ${kind} result, got ${r.kind} (${r.name})`);
  return r as Extract<AnalysisResult, { kind: K }>;
}
