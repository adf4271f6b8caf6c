import type { Circuit } from '../../src/circuit/circuit.js';
import { elaborate } from '../../src/netlist/elaborate.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { formatDiagnostic } from '../../src/diagnostics.js';

/** Parses and elaborates a netlist text; throws with every diagnostic if it does not elaborate. */
export function circuitOf(text: string, file = 'test.cir'): Circuit {
  const { ast, diagnostics } = parseNetlist(text, { file });
  const r = elaborate(ast, { readFile: () => undefined as unknown as string });
  const all = [...diagnostics, ...r.diagnostics].filter((d) => d.severity === 'error');
  if (!r.circuit || all.length) throw new Error(all.map((d) => formatDiagnostic(d)).join('\n'));
  return r.circuit;
}

/** Error messages (with positions) of a netlist that should not elaborate. */
export function errorsOf(text: string, file = 'test.cir'): string[] {
  const { ast, diagnostics } = parseNetlist(text, { file });
  const r = elaborate(ast, { readFile: () => undefined as unknown as string });
  return [...diagnostics, ...r.diagnostics].filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d));
}

import { runCircuit } from '../../src/analyses/run.js';
import { resultOfKind, type AnalysisResult } from '../../src/analyses/result.js';

/** Node voltages etc. of the first `.op` of a netlist. */
export function opValues(text: string): Record<string, number> {
  const r = runCircuit(circuitOf(text));
  return resultOfKind(r.results[0]!, 'op').summary.values;
}

/** Runs a netlist; the first analysis result. */
export function runFirst(text: string): AnalysisResult {
  return runCircuit(circuitOf(text)).results[0]!;
}

/** Column of a result by label. */
export function column(r: AnalysisResult, label: string): Float64Array {
  const w = r.waveforms!;
  const k = w.labels.indexOf(label);
  if (k < 0) throw new Error(`no column ${label} in ${w.labels.join(', ')}`);
  return w.columns[k]!;
}
