/** Where something was written: 1-based line and column in a file. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning';

/** One problem found in user input, with the place it was found and what was expected there. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  loc: SourceLocation;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * Text from an input made safe for a terminal: control characters (ESC sequences, carriage
 * returns, bells, C1 codes) are removed, so a title or a name cannot restyle or rewrite the console.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '').replace(/\n/g, ' ');
}

/** Quoted input text longer than this is cut in messages (a 100 KB name must not print 100 KB). */
export const MAX_QUOTED = 60;
/** Longest message printed whole. */
const MAX_MESSAGE = 2000;

/** A message made printable, its quoted parts cut to MAX_QUOTED characters and the whole capped. */
export function boundedMessage(message: string): string {
  // A quotation opens after a space or '(' and closes before a space, punctuation or the end.
  let m = printable(message).replace(/(^|[\s(])'([^']{61,})'(?=$|[\s:,;.)])/g, (_all, pre: string, q: string) => `${pre}'${q.slice(0, MAX_QUOTED)}...' (${q.length} characters)`);
  if (m.length > MAX_MESSAGE) m = `${m.slice(0, MAX_MESSAGE)}... (${m.length - MAX_MESSAGE} more characters)`;
  return m;
}

/** `file:line:col: error: message`, the form compilers and ngspice users know. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${boundedMessage(formatLocation(d.loc))}: ${d.severity}: ${boundedMessage(d.message)}`;
}

/** Diagnostics printed before the rest are summarised as "and N more". */
export const MAX_PRINTED_DIAGNOSTICS = 100;

/** The lines to print for a list of diagnostics: at most MAX_PRINTED_DIAGNOSTICS, then a count of the rest. */
export function formatDiagnostics(list: readonly Diagnostic[]): string[] {
  const lines = list.slice(0, MAX_PRINTED_DIAGNOSTICS).map(formatDiagnostic);
  const rest = list.length - lines.length;
  if (rest > 0) {
    const errors = list.slice(MAX_PRINTED_DIAGNOSTICS).filter((d) => d.severity === 'error').length;
    lines.push(`... and ${rest.toLocaleString('en-US')} more (${errors.toLocaleString('en-US')} error${errors === 1 ? '' : 's'}, ${(rest - errors).toLocaleString('en-US')} warning${rest - errors === 1 ? '' : 's'}) not shown`);
  }
  return lines;
}

/**
 * What went wrong, for callers that react differently (a sweep keeps going after a convergence
 * failure, a cycler reads a singular power step as the end of the step, the CLI exits 2 on usage):
 *  - `input`: bad netlist, options or data (the message names what was expected);
 *  - `usage`: a bad command line (exit code 2);
 *  - `convergence`: Newton, the operating point or the step-size control gave up;
 *  - `singular`: the matrix is singular (a floating node, a loop of sources, ...);
 *  - `step-budget`: a run used up its budget of time steps (`.options maxsteps=`).
 */
export type ErrorKind = 'input' | 'usage' | 'convergence' | 'singular' | 'step-budget';

export interface NcmErrorOptions {
  loc?: SourceLocation;
  exitCode?: number;
  diagnostics?: readonly Diagnostic[];
  kind?: ErrorKind;
}

/**
 * An error the user can act on (bad input, a run that cannot proceed). The CLI prints its message
 * (and location, if any) without a stack trace and exits with `exitCode` (2 for usage errors, 1
 * otherwise). `kind` says which sort it is; the subclasses below fix it.
 */
export class NcmError extends Error {
  readonly loc: SourceLocation | undefined;
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly kind: ErrorKind;

  constructor(message: string, opts: NcmErrorOptions = {}) {
    super(message);
    this.name = 'NcmError';
    this.loc = opts.loc;
    this.kind = opts.kind ?? (opts.exitCode === 2 ? 'usage' : 'input');
    this.exitCode = opts.exitCode ?? (this.kind === 'usage' ? 2 : 1);
    this.diagnostics = opts.diagnostics ?? [];
  }
}

type KindlessOptions = Omit<NcmErrorOptions, 'kind' | 'exitCode'>;

/** Bad input: a netlist, option, file or parameter that cannot be used as given. */
export class InputError extends NcmError {
  constructor(message: string, opts: KindlessOptions = {}) {
    super(message, { ...opts, kind: 'input' });
    this.name = 'InputError';
  }
}

/** A bad command line (unknown flag value, missing argument): exit code 2. */
export class UsageError extends NcmError {
  constructor(message: string, opts: KindlessOptions = {}) {
    super(message, { ...opts, kind: 'usage', exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** Newton, the operating point or the time-step control did not converge. */
export class ConvergenceError extends NcmError {
  constructor(message: string, opts: KindlessOptions = {}) {
    super(message, { ...opts, kind: 'convergence' });
    this.name = 'ConvergenceError';
  }
}

/** A singular matrix; `unknown` is the index of the unknown (or row) with no usable pivot, when known. */
export class SingularMatrixError extends NcmError {
  readonly unknown: number | undefined;
  constructor(message: string, opts: KindlessOptions & { unknown?: number } = {}) {
    const { unknown, ...rest } = opts;
    super(message, { ...rest, kind: 'singular' });
    this.name = 'SingularMatrixError';
    this.unknown = unknown;
  }
}

/** A run used up its budget of time steps. */
export class StepBudgetError extends NcmError {
  constructor(message: string, opts: KindlessOptions = {}) {
    super(message, { ...opts, kind: 'step-budget' });
    this.name = 'StepBudgetError';
  }
}
