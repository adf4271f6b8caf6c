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
