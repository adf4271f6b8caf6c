/**
 * The flat, numbered circuit that elaboration produces and every analysis consumes.
 * Plain data only: no behaviour, so it can be serialised, cloned for sweeps and sent to workers.
 * All values are SI (ohm, farad, henry, volt, ampere, second, coulomb).
 */
import type { Measure } from './measure.js';
import type { SourceLocation } from '../diagnostics.js';

/** Time-dependent value of an independent source (ngspice semantics). */
export type Waveform =
  | { kind: 'dc'; value: number }
  /** PULSE(v1 v2 td tr tf pw per [np]); per = Infinity for a single pulse; np = number of pulses (Infinity if absent). */
  | { kind: 'pulse'; v1: number; v2: number; td: number; tr: number; tf: number; pw: number; per: number; np: number }
  /** PWL(t1 v1 t2 v2 ...); times strictly increasing; value held constant after the last point. */
  | { kind: 'pwl'; times: number[]; values: number[] }
  /** SIN(vo va freq [td [theta [phase_deg]]]). */
  | { kind: 'sin'; vo: number; va: number; freq: number; td: number; theta: number; phaseDeg: number };

/** Common to every element: its full hierarchical name as written (e.g. `X1.Cslit2`), and where. */
export interface ElementCommon {
  /** Hierarchical name with the user's spelling; compare case-insensitively (use `key`). */
  name: string;
  /** Lower-cased hierarchical name, unique within the circuit. */
  key: string;
  /** Node indices; 0 is ground. Order as in the netlist: [n+, n-] for two-terminal elements. */
  nodes: number[];
  loc: SourceLocation;
}

export interface ResistorElement extends ElementCommon {
  kind: 'R';
  resistance: number;
}

export interface CapacitorElement extends ElementCommon {
  kind: 'C';
  capacitance: number;
  /** Initial voltage v(n+) - v(n-) used with `uic` (and as a hint otherwise). */
  ic?: number;
}

export interface InductorElement extends ElementCommon {
  kind: 'L';
  inductance: number;
  /** Initial current from n+ through the inductor to n-. */
  ic?: number;
}

/** Independent voltage source. Its MNA branch current flows from n+ through the source to n- (SPICE). */
export interface VoltageSourceElement extends ElementCommon {
  kind: 'V';
  waveform: Waveform;
  /** Small-signal magnitude and phase (degrees) for `.ac`. */
  ac?: { magnitude: number; phaseDeg: number };
}

/** Independent current source: current flows from n+ through the source to n- (SPICE). */
export interface CurrentSourceElement extends ElementCommon {
  kind: 'I';
  waveform: Waveform;
  ac?: { magnitude: number; phaseDeg: number };
}

/**
 * The paper's dynamic trans-slit resistor (eq. 1a, 1b): R = RC * (1 - GAMMA * q / QMAX), with q the
 * present charge of the controlling capacitor in its netlist polarity, q = C * (v(c+) - v(c-)).
 */
export interface DynamicResistorElement extends ElementCommon {
  kind: 'RDYN';
  rc: number;
  gamma: number;
  /** `key` of the controlling capacitor (resolved in the RDYN's own subcircuit scope). */
  control: string;
  /** A fixed Q_max in coulomb, or 'peak': the maximum of |q| over a cycle, resolved by the CV analysis. */
  qmax: number | 'peak';
}

/** Linear voltage-controlled voltage source (ngspice `E`): v(n+) - v(n-) = gain * (v(c+) - v(c-)). nodes = [n+, n-, c+, c-]. */
export interface VcvsElement extends ElementCommon {
  kind: 'E';
  gain: number;
}

/** Linear voltage-controlled current source (ngspice `G`): i = gm * (v(c+) - v(c-)) from n+ through it to n-. nodes = [n+, n-, c+, c-]. */
export interface VccsElement extends ElementCommon {
  kind: 'G';
  transconductance: number;
}

/**
 * A behavioural expression over circuit quantities (B sources). Parameters are already folded in;
 * `v` reads node voltages (node indices, 0 = ground), `i` reads the branch current of a voltage
 * source (SPICE direction, n+ through the source to n-), `time` the simulation time.
 */
export type BehaviouralExpr =
  | { kind: 'const'; value: number }
  | { kind: 'v'; node: number; ref: number }
  | { kind: 'i'; source: string }
  | { kind: 'time' }
  | { kind: 'neg'; arg: BehaviouralExpr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '^'; left: BehaviouralExpr; right: BehaviouralExpr }
  | { kind: 'fn'; fn: string; args: BehaviouralExpr[] };

/** Behavioural source (ngspice `B`): `I=` a current from n+ through it to n-, or `V=` a voltage v(n+) - v(n-). */
export interface BehaviouralElement extends ElementCommon {
  kind: 'B';
  mode: 'I' | 'V';
  expr: BehaviouralExpr;
  /** The expression as written, for messages and export. */
  text: string;
}

/**
 * Switch: conductance between n+ and n- moves from 1/roff to 1/ron as the control crosses the
 * threshold. Control is a voltage v(c+) - v(c-) (nodes[2..3]) or the time. With hysteresis h > 0
 * the switch turns on above vt + h and off below vt - h (a state kept between time steps);
 * with h = 0 it changes smoothly (log-conductance follows a cubic over vt +- width/2).
 */
export interface SwitchElement extends ElementCommon {
  kind: 'S';
  control: 'voltage' | 'time';
  ron: number;
  roff: number;
  vt: number;
  vh: number;
  /** Width of the smooth transition (V or s); ignored with hysteresis. */
  width: number;
  /** Initial state for hysteretic switches. */
  initiallyOn: boolean;
}

/**
 * The port driver of a `.protocol` run (created by the protocol analysis, never written in a
 * netlist): one branch current i, the current into n+ from outside (charging positive). Its mode
 * is set step by step: a current, a power (v i = P), a voltage, or rest (i = 0).
 */
export interface ProtocolDriverElement extends ElementCommon {
  kind: 'PDRV';
}

/**
 * Element types by kind. An interface, not a union, so that a new element's own file can add its
 * type by declaration merging (`declare module './circuit.js' { interface ElementTypes { ... } }`)
 * without an edit here; see docs/architecture.md, "Adding an element".
 */
export interface ElementTypes {
  R: ResistorElement;
  C: CapacitorElement;
  L: InductorElement;
  V: VoltageSourceElement;
  I: CurrentSourceElement;
  RDYN: DynamicResistorElement;
  E: VcvsElement;
  G: VccsElement;
  B: BehaviouralElement;
  S: SwitchElement;
  PDRV: ProtocolDriverElement;
}

export type CircuitElement = ElementTypes[keyof ElementTypes];

export type ElementKind = CircuitElement['kind'];

export interface OpAnalysis {
  kind: 'op';
  loc: SourceLocation;
}

export interface TranAnalysis {
  kind: 'tran';
  tstep: number;
  tstop: number;
  tstart: number;
  /** Largest step the integrator may take; undefined = no cap beyond the engine's default. */
  tmax?: number;
  /** Skip the operating point and start from `ic=` values (zero elsewhere). */
  uic: boolean;
  loc: SourceLocation;
}

/**
 * Cyclic voltammetry: a triangle sweep applied through a named voltage source, which it drives
 * for the duration of the analysis: v_start -> v_vertex -> v_end per cycle, at |dV/dt| = rate.
 */
export interface CvAnalysis {
  kind: 'cv';
  /** `key` of the driven voltage source. */
  source: string;
  vStart: number;
  vVertex: number;
  /** End of each cycle (defaults to vStart in the netlist). */
  vEnd: number;
  /** Scan rate in V/s, always positive. */
  rate: number;
  cycles: number;
  /** Stop early when the cycle-to-cycle change of the current falls below this (relative to peak). */
  steadyTol?: number;
  /**
   * Half-width (s) of the parabolic rounding of every inner vertex (the paper's smoothed V_m, the
   * mPNP's `protocol.smoothing`); absent or 0: a sharp triangle.
   */
  smooth?: number;
  loc: SourceLocation;
}

/** Potential step (chronoamperometry): hold vInitial, step to vStep at tStep, record until tStop. */
export interface ChronoAnalysis {
  kind: 'chrono';
  source: string;
  vInitial: number;
  vStep: number;
  /** Time of the step (s); the source holds vInitial before it. */
  tStep: number;
  tStop: number;
  loc: SourceLocation;
}

/**
 * Small-signal frequency sweep (`.ac`, EIS): the circuit linearised at a bias point, driven by the
 * one source that has an `AC` value; the result is the impedance that source sees.
 */
export interface AcAnalysis {
  kind: 'ac';
  sweep: 'dec' | 'oct' | 'lin';
  /** Points per decade / per octave, or in total for `lin`. */
  points: number;
  fStart: number;
  fStop: number;
  /** The DC operating point, or the state of the first `.cv` analysis at time `time`. */
  bias: { kind: 'op' } | { kind: 'cv'; time: number };
  /** Nyquist plot with equal axis scales (default) or each axis fitted to its data. */
  nyquistAxes: 'equal' | 'free';
  /** `key` of the source with an AC value. */
  source: string;
  loc: SourceLocation;
}

/** One step of a `.protocol` (see docs/protocols.md); values SI, power in W. */
export type ProtocolStep =
  | { kind: 'current'; current: number; until?: number; duration?: number; loc: SourceLocation }
  | { kind: 'power'; power: number; until?: number; duration?: number; loc: SourceLocation }
  | { kind: 'hold'; voltage: number; duration: number; loc: SourceLocation }
  | { kind: 'rest'; duration: number; loc: SourceLocation };

/** A cycling protocol (galvanostatic charge/discharge, rest, hold, constant power) on a source's port. */
export interface ProtocolAnalysis {
  kind: 'protocol';
  /** `key` of the V or I source whose port the protocol drives (the source is replaced for the run). */
  source: string;
  steps: ProtocolStep[];
  cycles: number;
  loc: SourceLocation;
}

export type Analysis = OpAnalysis | TranAnalysis | CvAnalysis | ChronoAnalysis | AcAnalysis | ProtocolAnalysis;

/** What the user asked to record: `v(node)`, `v(a,b)`, `i(source)`, `q(capacitor)`. */
export type SaveTarget =
  | { kind: 'v'; node: number; ref: number; label: string }
  | { kind: 'i'; element: string; label: string }
  | { kind: 'q'; element: string; label: string };

/** A `.sens` line, elaborated (src/netlist/elaborateSens.ts). */
export interface SensitivitySpec {
  /** Top-level `.param` values to differentiate by, by lower-cased name, in the line's order. */
  params: Record<string, number>;
  /** Output name (analysisNames) of the analysis it differentiates; undefined = every analysis with waveforms. */
  analysis?: string;
  loc: SourceLocation;
}

export interface Circuit {
  title: string;
  /** Node names by index; index 0 is ground (`0`). Hierarchical internal nodes read `x1.n3`. */
  nodeNames: string[];
  elements: CircuitElement[];
  analyses: Analysis[];
  /** `.options` as written, keys lower-cased; numbers already in SI. */
  options: Record<string, number | string>;
  /** `.save` / `.print` targets; empty means "the defaults" (see the run docs). */
  saves: SaveTarget[];
  /** The file the netlist came from (for messages). */
  file: string;
  /** `.meas` lines, evaluated after each analysis of their kind (src/analyses/meas). */
  measures?: Measure[];
  /** Quantities the measures read that must be recorded even when no `.save` names them. */
  measureSignals?: SaveTarget[];
  /** `.sens` lines: `ncm run` runs the analyses they name with forward sensitivities (docs/sensitivities.md). */
  sens?: SensitivitySpec[];
  /** `.ic v(node)=value`: initial node voltages (used with `uic`, and as the starting point otherwise). */
  nodeInitialConditions?: Array<{ node: number; value: number; loc: SourceLocation }>;
}
