/** Numeric values of command-line flags, checked where they are read: a bad one is a usage error (exit 2). */
import { NcmError } from '../diagnostics.js';

export function integerOption(name: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new NcmError(`--${name} expects an integer >= ${min}, got '${text}'`, { exitCode: 2 });
  return v;
}

export function nonNegativeOption(name: string, text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0) throw new NcmError(`--${name} expects a number >= 0, got '${text}'`, { exitCode: 2 });
  return v;
}

/** A positive SI value, or undefined when the flag was not given. */
export function positiveOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new NcmError(`--${name} expects a positive number in SI units, got '${text}'`, { exitCode: 2 });
  return v;
}
