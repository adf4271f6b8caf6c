/**
 * Runs every analysis of a circuit, in netlist order. This is the library function behind
 * `ncm run`; results are written by src/io/writeRun.ts.
 */
import { analysisNames } from '../circuit/analysisNames.js';
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
  return withMeasures(circuit, a, analysisResult(circuit, a, options));
}

/** Evaluates the circuit's `.meas` lines of the analysis's kind on its result (in place). */
export function withMeasures(circuit: Circuit, a: Analysis, r: AnalysisResult): AnalysisResult {
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

/**
 * Runs every analysis; `runOne` runs one of them (default runAnalysis; `ncm run` passes one that
 * runs the analyses a `.sens` names with sensitivities, whose result is the same).
 */
export function runCircuit(
  circuit: Circuit,
  options: AnalysisOptions = {},
  runOne: (a: Analysis, name: string) => AnalysisResult = (a) => runAnalysis(circuit, a, options),
): RunResult {
  if (circuit.analyses.length === 0) {
    throw new NcmError(`${circuit.file}: no analysis to run (add .op, .tran, .cv, .chrono, .ac or .protocol)`);
  }
  const names = analysisNames(circuit.analyses);
  const results = circuit.analyses.map((a, k) => {
    const r = runOne(a, names[k]!);
    r.name = names[k]!;
    return r;
  });
  return { circuit, results };
}
