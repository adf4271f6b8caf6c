/**
 * Simulator options with SPICE defaults, read from `circuit.options` (`.options` in the netlist).
 * Documented in docs/engine.md.
 */
import { METHOD_ALIASES, optionProblem, type IntegrationMethod } from '../circuit/optionSpecs.js';
import { InputError } from '../diagnostics.js';

export type { IntegrationMethod } from '../circuit/optionSpecs.js';
export { KNOWN_OPTIONS, optionProblem } from '../circuit/optionSpecs.js';

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
  /** QMAX=peak iteration of a CV: relative change that counts as converged, and the most cycles run. */
  qmaxtol: number;
  qmaxiter: number;
  /** 1: a node reached only through capacitors is an error (checked in src/netlist/topology.ts), not a gmin warning. */
  strictdc: number;
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
  qmaxtol: 1e-3,
  qmaxiter: 50,
  strictdc: 0,
};

export function readOptions(raw: Record<string, number | string>): SimOptions {
  const o: SimOptions = { ...DEFAULT_OPTIONS };
  const numbers = o as unknown as Record<string, number>;
  for (const [k, v] of Object.entries(raw)) {
    const problem = optionProblem(k, v);
    if (problem) throw new InputError(problem);
    if (k === 'method') o.method = METHOD_ALIASES[String(v).toLowerCase()]!;
    else numbers[k] = typeof v === 'number' ? v : Number(v);
  }
  return o;
}
