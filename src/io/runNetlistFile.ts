/** Load a netlist file and run all its analyses: the library function behind `ncm run`. */
import type { AnalysisOptions } from '../analyses/result.js';
import type { RunResult } from '../analyses/run.js';
import { NcmError, type Diagnostic } from '../diagnostics.js';
import { circuitOfAst } from '../netlist/circuitOfParams.js';
import { loadNetlist, readFromDisk } from './loadNetlist.js';
import { runCircuitWithSensitivities, type SensitivityOutputs } from './runSensitivities.js';

/** `sensitivity`: what the netlist's `.sens` lines asked for (the analyses they name ran with sensitivities). */
export function runNetlistFile(path: string, options: AnalysisOptions = {}): RunResult & { diagnostics: Diagnostic[]; sensitivity?: SensitivityOutputs } {
  const { circuit, diagnostics, ast } = loadNetlist(path);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!circuit || !ast || errors.length > 0) {
    const only = errors.length === 1 && diagnostics.length === 1 && errors[0]!.message.startsWith('cannot read netlist');
    if (only) throw new NcmError(errors[0]!.message);
    throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${path}; nothing was run`, { diagnostics });
  }
  const { run, sensitivity } = runCircuitWithSensitivities(circuit, circuitOfAst(ast, readFromDisk), options);
  return { ...run, diagnostics, ...(sensitivity ? { sensitivity } : {}) };
}
