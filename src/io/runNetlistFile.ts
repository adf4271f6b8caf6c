/** Load a netlist file and run all its analyses: the library function behind `ncm run`. */
import type { AnalysisOptions } from '../analyses/result.js';
import { runCircuit, type RunResult } from '../analyses/run.js';
import { NcmError, type Diagnostic } from '../diagnostics.js';
import { loadNetlist } from './loadNetlist.js';

export function runNetlistFile(path: string, options: AnalysisOptions = {}): RunResult & { diagnostics: Diagnostic[] } {
  const { circuit, diagnostics } = loadNetlist(path);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!circuit || errors.length > 0) {
    const only = errors.length === 1 && diagnostics.length === 1 && errors[0]!.message.startsWith('cannot read netlist');
    if (only) throw new NcmError(errors[0]!.message);
    throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${path}; nothing was run`, { diagnostics });
  }
  return { ...runCircuit(circuit, options), diagnostics };
}
