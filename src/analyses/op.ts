/** DC operating point (`.op`): node voltages, source currents (into the circuit) and charges. */
import type { Circuit, OpAnalysis } from '../circuit/circuit.js';
import { operatingPoint } from '../engine/dcop.js';
import { Mna } from '../engine/mna.js';
import { readOptions } from '../engine/options.js';
import { selectProbes } from './recorder.js';
import type { AnalysisOptions, OpResult } from './result.js';

export function runOp(circuit: Circuit, analysis: OpAnalysis, options: AnalysisOptions = {}): OpResult {
  const started = performance.now();
  const opts = readOptions(circuit.options);
  const mna = new Mna(circuit);
  const op = operatingPoint(mna, opts, 0);
  const values: Record<string, number> = {};
  for (const p of selectProbes(circuit, mna, options.record ?? 'all')) values[p.label] = p.read(op.x);
  return {
    kind: 'op',
    name: 'op',
    analysis,
    waveforms: undefined,
    summary: { analysis: 'op', method: op.method, newtonIterations: op.iterations, values, currentSign: 'i(V) = current delivered into the circuit at the source n+ terminal (opposite of SPICE)' },
    stats: undefined,
    warnings: op.warnings,
    seconds: (performance.now() - started) / 1000,
  };
}
