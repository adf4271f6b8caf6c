/**
 * Simulator options with SPICE defaults, read from `circuit.options` (`.options` in the netlist).
 * Documented in docs/engine.md.
 */
import { NcmError } from '../diagnostics.js';

export type IntegrationMethod = 'be' | 'trap' | 'gear';

export interface SimOptions {
  /** Relative tolerance of Newton and of the truncation-error control. */
  reltol: number;
  /** Absolute current tolerance (A). */
  abstol: number;
  /** Absolute voltage tolerance (V). */
  vntol: number;
  /** Truncation-error tolerance multiplier (SPICE trtol). */
  trtol: number;
  method: IntegrationMethod;
  /** Newton iteration limit for the operating point (itl1) and per time step (itl4). */
  itl1: number;
  itl4: number;
  /** Conductance added to every node in the gmin-stepping fall-back of the operating point. */
  gmin: number;
  /** Largest change of a node voltage in one Newton iteration of a nonlinear circuit (V). */
  vlimit: number;
  /** Budget of time steps (accepted + rejected) of one analysis. */
  maxsteps: number;
  /** Largest time step (s); 0 = the analysis default. */
  tmax: number;
  /**
   * Weight of the circuit's largest state current in every state's truncation-error tolerance
   * (0 = pure per-state SPICE test; 1 = errors relative to the largest current in the circuit).
   */
  lteglobal: number;
  /** Fixed time step (s): disables the truncation-error control when > 0 (for order tests). */
  fixedstep: number;
}

export const DEFAULT_OPTIONS: SimOptions = {
  reltol: 1e-3,
  abstol: 1e-12,
  vntol: 1e-6,
  trtol: 1,
  method: 'gear',
  itl1: 100,
  itl4: 20,
  gmin: 1e-12,
  vlimit: 0.5,
  maxsteps: 1_000_000,
  tmax: 0,
  lteglobal: 1,
  fixedstep: 0,
};

const METHOD_ALIASES: Record<string, IntegrationMethod> = { be: 'be', euler: 'be', trap: 'trap', trapezoidal: 'trap', gear: 'gear', bdf2: 'gear' };

export function readOptions(raw: Record<string, number | string>): SimOptions {
  const o: SimOptions = { ...DEFAULT_OPTIONS };
  const num = (k: keyof SimOptions, min: number): void => {
    const v = raw[k];
    if (v === undefined) return;
    const x = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(x) || x < min) throw new NcmError(`.options ${k}=${v}: expected a number >= ${min}`);
    (o as unknown as Record<string, number>)[k] = x;
  };
  num('reltol', 0);
  num('abstol', 0);
  num('vntol', 0);
  num('trtol', 0);
  num('itl1', 1);
  num('itl4', 1);
  num('gmin', 0);
  num('vlimit', 0);
  num('maxsteps', 1);
  num('tmax', 0);
  num('fixedstep', 0);
  num('lteglobal', 0);
  const m = raw['method'];
  if (m !== undefined) {
    const mm = METHOD_ALIASES[String(m).toLowerCase()];
    if (!mm) throw new NcmError(`.options method=${m}: expected be, trap or gear`);
    o.method = mm;
  }
  return o;
}
