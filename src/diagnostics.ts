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
 * An error the user can act on (bad input, a run that cannot proceed). The CLI prints its message
 * (and location, if any) without a stack trace and exits with `exitCode`.
 */
export class NcmError extends Error {
  readonly loc: SourceLocation | undefined;
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, opts: { loc?: SourceLocation; exitCode?: number; diagnostics?: readonly Diagnostic[] } = {}) {
    super(message);
    this.name = 'NcmError';
    this.loc = opts.loc;
    this.exitCode = opts.exitCode ?? 1;
    this.diagnostics = opts.diagnostics ?? [];
  }
}
