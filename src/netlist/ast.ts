/**
 * The typed syntax tree of one netlist file: what the user wrote, checked for shape (node counts,
 * known keywords, well-formed numbers) but not yet evaluated (values may be `{expressions}`),
 * expanded (subcircuits) or numbered (nodes). Every piece keeps its source location.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { MeasureSpec } from '../circuit/measure.js';

export type Loc = SourceLocation;

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

/** A value: a plain number from a word such as `10n`, or a `{...}` expression tree. */
export type Expr =
  | { kind: 'number'; value: number; loc: Loc }
  | { kind: 'param'; name: string; loc: Loc }
  | { kind: 'unary'; op: '-' | '+'; arg: Expr; loc: Loc }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; loc: Loc }
  | { kind: 'call'; fn: string; args: Expr[]; loc: Loc };

/** A name as written (node, element, subcircuit), with its place. */
export interface NameRef {
  name: string;
  loc: Loc;
}

export interface ParamAssignment {
  /** Lower-cased parameter name. */
  name: string;
  expr: Expr;
  loc: Loc;
}

export type WaveformAst =
  | { kind: 'dc'; value: Expr; loc: Loc }
  | { kind: 'pulse' | 'pwl' | 'sin'; args: Expr[]; loc: Loc };

interface ElementBase {
  /** Element name as written, e.g. `Cslit3`. */
  name: string;
  loc: Loc;
  nodes: NameRef[];
}

/**
 * An element read by the generic reader from its declaration (src/circuit/element.ts): its kind,
 * and its values by parameter name (`resistance`, `ic`), unevaluated.
 */
export interface DeclaredElementAst extends ElementBase {
  kind: 'element';
  /** The declaration's `kind` (`R`, `C`, ...). */
  element: string;
  values: Map<string, Expr>;
}

export interface SourceAst extends ElementBase {
  kind: 'V' | 'I';
  waveform: WaveformAst;
  ac?: { magnitude: Expr; phaseDeg?: Expr };
}

export interface DynamicResistorAst extends ElementBase {
  kind: 'RDYN';
  rc: Expr;
  gamma: Expr;
  /** Controlling capacitor, resolved in the RDYN's own subcircuit scope. */
  q: NameRef;
  qmax: Expr | { kind: 'peak'; loc: Loc };
}

export interface InstanceAst extends ElementBase {
  kind: 'X';
  subckt: NameRef;
  params: ParamAssignment[];
}

/** `E`/`G`: nodes = [n+, n-, c+, c-]; value = gain (E) or transconductance (G). */
export interface ControlledSourceAst extends ElementBase {
  kind: 'E' | 'G';
  value: Expr;
}

/** `B1 a b I={expr}` or `V={expr}`: the expression may call v(), i() and read `time`. */
export interface BehaviouralAst extends ElementBase {
  kind: 'B';
  mode: 'I' | 'V';
  expr: Expr;
}

/** `S1 a b c+ c- RON= ROFF= VT= [VH=] [WIDTH=] [ON]` or `S1 a b TIME VT= ...`. */
export interface SwitchAst extends ElementBase {
  kind: 'S';
  control: 'voltage' | 'time';
  params: Map<string, Expr>;
  initiallyOn: boolean;
  /** `.model <name> SW(...)` whose parameters the inline ones override. */
  model?: NameRef;
}

/** `C1 a b Q={expr}`: a nonlinear capacitor whose charge is an expression of V = v(a) - v(b). */
export interface ChargeCapacitorAst extends ElementBase {
  kind: 'CQ';
  expr: Expr;
}

export type ElementAst = DeclaredElementAst | SourceAst | DynamicResistorAst | InstanceAst | ControlledSourceAst | BehaviouralAst | SwitchAst | ChargeCapacitorAst;

/** One line of a `.protocol` (values unevaluated). */
export type ProtocolStepAst =
  | { kind: 'current' | 'power'; sign: 1 | -1; value: Expr; until?: Expr; duration?: Expr; loc: Loc }
  | { kind: 'hold'; voltage: Expr; duration: Expr; loc: Loc }
  | { kind: 'rest'; duration: Expr; loc: Loc };

export type SaveAst =
  | { kind: 'v'; node: NameRef; ref?: NameRef; label: string; loc: Loc }
  | { kind: 'i' | 'q'; element: NameRef; label: string; loc: Loc };

export type DirectiveAst =
  | { kind: 'param'; assignments: ParamAssignment[]; loc: Loc }
  | { kind: 'subckt'; name: string; ports: NameRef[]; params: ParamAssignment[]; body: StatementAst[]; loc: Loc }
  | { kind: 'include'; path: string; loc: Loc }
  /** `.lib <file> <section>`: the statements of that section of the file (src/netlist/includes.ts). */
  | { kind: 'lib'; path: string; section: string; loc: Loc }
  /** `.lib <section>` ... `.endl`: a library section, used only where a `.lib <file> <section>` names it. */
  | { kind: 'lib-section'; name: string; body: StatementAst[]; loc: Loc }
  /** `.global n1 n2 ...`: these node names mean the top-level nodes inside every subcircuit. */
  | { kind: 'global'; nodes: NameRef[]; loc: Loc }
  | { kind: 'op'; loc: Loc }
  | { kind: 'tran'; tstep: Expr; tstop: Expr; tstart?: Expr; tmax?: Expr; uic: boolean; loc: Loc }
  | { kind: 'cv'; source: NameRef; vStart: Expr; vVertex: Expr; vEnd?: Expr; /** V/s: a number from `20mV/us`, or a `{expression}` in V/s. */ rate: Expr; cycles?: Expr; steady?: Expr; /** Half-width of the parabolic vertex rounding, s. */ smooth?: Expr; loc: Loc }
  | { kind: 'chrono'; source: NameRef; vInitial: Expr; vStep: Expr; tStep: Expr; tStop: Expr; loc: Loc }
  | { kind: 'options'; entries: Array<{ key: string; value: Expr | string; loc: Loc }>; loc: Loc }
  | { kind: 'save'; targets: SaveAst[]; loc: Loc }
  /** `.meas`: `probes` are its v()/i()/q() signals, resolved like `.save` targets. */
  | { kind: 'meas'; spec: MeasureSpec<Expr>; probes: SaveAst[]; loc: Loc }
  | { kind: 'ic'; entries: Array<{ node: NameRef; value: Expr; loc: Loc }>; loc: Loc }
  | AcDirectiveAst
  | StepDirectiveAst
  | SensDirectiveAst
  | LadderAst
  | { kind: 'model'; name: NameRef; params: Map<string, Expr>; loc: Loc }
  | { kind: 'protocol'; source: NameRef; steps: ProtocolStepAst[]; cycles?: Expr; loc: Loc }
  | FitDirectiveAst;

/** `.fit <param> <lo>..<hi> [log|lin]`: bounds and scale of a `.param` that `ncm fit` varies. */
export interface FitDirectiveAst {
  kind: 'fit';
  param: NameRef;
  lo: number;
  hi: number;
  scale: 'log' | 'lin';
  loc: Loc;
}

/** `.ladder <name> <rail> <reservoir> key=value ...`: an N-layer electrode, expanded in elaboration. */
export interface LadderAst {
  kind: 'ladder';
  name: NameRef;
  rail: NameRef;
  reservoir: NameRef;
  model: 'ncm' | 'tlm';
  layers: Expr;
  rc: Expr;
  gamma?: Expr;
  /** Exactly one of the two: capacitance of each slit, or of all slits together. */
  cSlit?: Expr;
  cTotal?: Expr;
  rOpen?: Expr;
  cOpen?: Expr;
  qmax: Expr | { kind: 'peak'; loc: Loc };
  polarity: 1 | -1;
  loc: Loc;
}

/** `.ac dec|oct|lin <points> <fstart> <fstop> [bias=op|cv] [at=<time>] [nyquist=equal|free]`. */
export interface AcDirectiveAst {
  kind: 'ac';
  sweep: 'dec' | 'oct' | 'lin';
  points: Expr;
  fStart: Expr;
  fStop: Expr;
  bias: 'op' | 'cv';
  at?: Expr;
  nyquist: 'equal' | 'free';
  loc: Loc;
}

/** `.step param <name> <start> <stop> <step>` or `.step param <name> list <v1> <v2> ...`. */
export interface StepDirectiveAst {
  kind: 'step';
  param: NameRef;
  values: { kind: 'range'; start: Expr; stop: Expr; step: Expr } | { kind: 'list'; items: Expr[] };
  loc: Loc;
}

/** `.sens <param> ... [analysis=<name>]`: derivatives of the run with respect to top-level .params (src/netlist/sensDirective.ts). */
export interface SensDirectiveAst {
  kind: 'sens';
  params: NameRef[];
  analysis?: NameRef;
  loc: Loc;
}

export type StatementAst = ElementAst | DirectiveAst;

export interface NetlistAst {
  file: string;
  title: string;
  statements: StatementAst[];
  /** Errors found while parsing (elaboration skips checks that missing lines would make misleading). */
  parseErrors: number;
}
