/**
 * `.meas` (ngspice's subset): what a measure asks for. The same shape serves the syntax tree
 * (values unevaluated, `V` = Expr) and the circuit (values in SI, `V` = number), so elaboration
 * only maps values.
 */
import type { SourceLocation } from '../diagnostics.js';

/** Analyses a measure may name; its x axis is time, except frequency for `ac`. */
export const MEASURE_ANALYSES = ['tran', 'cv', 'chrono', 'protocol', 'ac'] as const;
export type MeasureAnalysis = (typeof MEASURE_ANALYSES)[number];

/** The columns of an `.ac` result (defined here so the netlist reader checks measures without loading the engine). */
export const AC_COLUMNS = ['frequency', 're(z)', 'im(z)', 'mag(z)', 'phase(z)'] as const;

/** A recorded column by its label (`v(out)`, `i(r1)`, `mag(z)`), with where it was written. */
export interface MeasureSignal {
  label: string;
  loc: SourceLocation;
}

/** The n-th crossing of a level: RISE=n upwards, FALL=n downwards, CROSS=n either; n = 'last' for the last one. */
export interface CrossingSpec<V> {
  signal: MeasureSignal;
  level: V;
  edge: 'rise' | 'fall' | 'cross';
  n: number | 'last';
  /** Crossings before this time (TD=, delay) are not counted. */
  delay: V | undefined;
  loc: SourceLocation;
}

/** A point on the x axis: a crossing, or a given `AT=` value. */
export type MeasurePoint<V> = { kind: 'at'; at: V; loc: SourceLocation } | ({ kind: 'crossing' } & CrossingSpec<V>);

export const STATISTICS = ['max', 'min', 'pp', 'avg', 'rms', 'integ'] as const;
export type Statistic = (typeof STATISTICS)[number];

export type MeasureBody<V> =
  /** TRIG ... TARG ...: x(targ) - x(trig). */
  | { kind: 'trig-targ'; trig: MeasurePoint<V>; targ: MeasurePoint<V> }
  /** FIND sig AT=x: sig interpolated at x. */
  | { kind: 'find-at'; signal: MeasureSignal; at: V }
  /** FIND sig WHEN other=level ...: sig at that crossing. */
  | { kind: 'find-when'; signal: MeasureSignal; when: CrossingSpec<V> }
  /** WHEN sig=level ...: the x of that crossing. */
  | { kind: 'when'; when: CrossingSpec<V> }
  /** MAX/MIN/PP/AVG/RMS/INTEG sig [FROM=] [TO=]. */
  | { kind: 'statistic'; fn: Statistic; signal: MeasureSignal; from: V | undefined; to: V | undefined };

export type MeasureSpec<V> = {
  /** As written (reports keep the user's spelling; lookups use the lower-cased form). */
  name: string;
  analysis: MeasureAnalysis;
  loc: SourceLocation;
} & MeasureBody<V>;

/** A measure of the circuit (values in SI). */
export type Measure = MeasureSpec<number>;

/** The outcome of one measure on one analysis: a value, or why there is none (ngspice prints "failed"). */
export interface MeasureResult {
  name: string;
  value: number | null;
  unit: string;
  /** Why the value is null (no such crossing, window outside the run). */
  failed?: string;
}
