/**
 * Runs every analysis of a circuit, in netlist order. This is the library function behind
 * `ncm run`; results are written by src/io/writeRun.ts.
 */
import type { Analysis, Circuit } from '../circuit/circuit.js';
import { NcmError } from '../diagnostics.js';
import { runAc } from './ac.js';
import { runChrono } from './chrono.js';
import { runCv } from './cv.js';
import { runOp } from './op.js';
import { runProtocol } from './protocol.js';
import type { AnalysisOptions, AnalysisResult } from './result.js';
import { runTran } from './tran.js';
import { evaluateMeasure } from './meas/evaluate.js';
import { runWithPeakQmax } from './qmaxOverRun.js';

export interface RunResult {
  circuit: Circuit;
  results: AnalysisResult[];
}

export function runAnalysis(circuit: Circuit, a: Analysis, options: AnalysisOptions = {}): AnalysisResult {
  const r = analysisResult(circuit, a, options);
  const measures = (circuit.measures ?? []).filter((m) => m.analysis === a.kind);
  if (measures.length > 0 && r.waveforms) r.measures = measures.map((m) => evaluateMeasure(m, r.waveforms!));
  return r;
}

function analysisResult(circuit: Circuit, a: Analysis, options: AnalysisOptions): AnalysisResult {
  switch (a.kind) {
    case 'op':
      return runOp(circuit, a, options);
    case 'tran':
      return runWithPeakQmax(circuit, (c, reported) => runTran(c, a, reported ? options : {}));
    case 'cv':
      return runCv(circuit, a, options);
    case 'chrono':
      return runWithPeakQmax(circuit, (c, reported) => runChrono(c, a, reported ? options : {}));
    case 'ac':
      return runAc(circuit, a, options);
    case 'protocol':
      return runWithPeakQmax(circuit, (c, reported) => runProtocol(c, a, reported ? options : {}));
  }
}

export function runCircuit(circuit: Circuit, options: AnalysisOptions = {}): RunResult {
  if (circuit.analyses.length === 0) {
    throw new NcmError(`${circuit.file}: no analysis to run (add .op, .tran, .cv, .chrono, .ac or .protocol)`);
  }
  const counts = new Map<string, number>();
  for (const a of circuit.analyses) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const seen = new Map<string, number>();
  const results: AnalysisResult[] = [];
  for (const a of circuit.analyses) {
    const r = runAnalysis(circuit, a, options);
    const k = (seen.get(a.kind) ?? 0) + 1;
    seen.set(a.kind, k);
    if ((counts.get(a.kind) ?? 0) > 1) r.name = `${a.kind}${k}`;
    results.push(r);
  }
  return { circuit, results };
}
