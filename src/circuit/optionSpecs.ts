/**
 * The `.options` keys the simulator reads and the values each accepts: the contract between the
 * netlist (which reports a bad option at its position, at check time) and the engine (which reads
 * them in src/engine/options.ts). Defaults and meanings are in docs/engine.md.
 */

export type IntegrationMethod = 'be' | 'trap' | 'gear';

export const METHOD_ALIASES: Record<string, IntegrationMethod> = { be: 'be', euler: 'be', trap: 'trap', trapezoidal: 'trap', gear: 'gear', bdf2: 'gear' };

/** A numeric option: its smallest allowed value (inclusive unless `above`), and whether it counts something. */
interface NumberSpec {
  min: number;
  above?: boolean;
  integer?: boolean;
}

/**
 * Every `.options` key the simulator reads, with the values it accepts. `qmaxtol` and `qmaxiter`
 * belong to the CV's QMAX=peak iteration (docs/analyses.md); the rest are engine options.
 */
const NUMERIC: Record<string, NumberSpec> = {
  reltol: { min: 0 },
  abstol: { min: 0 },
  vntol: { min: 0 },
  trtol: { min: 0 },
  itl1: { min: 1 },
  itl4: { min: 1 },
  gmin: { min: 0 },
  vlimit: { min: 0 },
  maxsteps: { min: 1 },
  tmax: { min: 0 },
  fixedstep: { min: 0 },
  lteglobal: { min: 0 },
  qmaxtol: { min: 0, above: true },
  qmaxiter: { min: 1, integer: true },
  strictdc: { min: 0, integer: true },
};

/** The option names `.options` accepts, in the order the docs list them. */
export const KNOWN_OPTIONS: readonly string[] = [...Object.keys(NUMERIC), 'method'];

/**
 * What is wrong with `.options key=value`, or undefined if it is accepted. Elaboration reports it at
 * the option's position (`ncm check`); `readOptions` throws it for circuits built without a netlist.
 */
export function optionProblem(key: string, value: number | string): string | undefined {
  if (key === 'method') return Object.hasOwn(METHOD_ALIASES, String(value).toLowerCase()) ? undefined : `.options method=${value}: expected be, trap or gear`;
  const spec = Object.hasOwn(NUMERIC, key) ? NUMERIC[key] : undefined;
  if (!spec) return `.options ${key}: unknown option; the known options are ${KNOWN_OPTIONS.join(', ')}`;
  const x = typeof value === 'number' ? value : Number(value);
  const ok = Number.isFinite(x) && (spec.above ? x > spec.min : x >= spec.min) && (!spec.integer || Number.isInteger(x));
  if (ok) return undefined;
  return `.options ${key}=${value}: expected ${spec.integer ? 'an integer' : 'a number'} ${spec.above ? '>' : '>='} ${spec.min}`;
}
