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

/** `file:line:col: error: message`, the form compilers and ngspice users know. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.loc)}: ${d.severity}: ${d.message}`;
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
