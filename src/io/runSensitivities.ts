/**
 * `.sens` under `ncm run`: the analyses the circuit's `.sens` lines name (or every analysis with
 * waveforms) run once each, with forward sensitivities; that run's result is the analysis's result
 * (what runAnalysis returns), so nothing runs twice. The files for the run writer: `sens.csv`
 * (d(measure)/d(param) table), `sens-<analysis>.csv` (d(waveform)/d(param) along the time or
 * frequency axis), and a console summary. docs/sensitivities.md.
 */
import type { Circuit } from '../circuit/circuit.js';
import { runAnalysis, runCircuit, type RunResult } from '../analyses/run.js';
import type { AnalysisOptions } from '../analyses/result.js';
import { runWithSensitivities, type CircuitOfParams, type SensitivityResult } from '../analyses/sensitivity.js';
import { measureSensitivities, type MeasureSensitivity } from '../analyses/sensitivityMeasures.js';
import { toCsv } from './csv.js';

export interface SensitivityOutputs {
  files: Map<string, string>;
  /** Console lines (the measure table). */
  summary: string[];
  runs: { analysis: string; result: SensitivityResult }[];
}

const num = (v: number): string => (Number.isFinite(v) ? v.toPrecision(8) : 'nan');

/**
 * Runs every analysis of the circuit; those its `.sens` lines name with sensitivities with respect
 * to the union of the parameters the lines give them. `build` elaborates the same netlist at other
 * parameter values. `sensitivity` is undefined when the circuit has no `.sens`.
 */
export function runCircuitWithSensitivities(circuit: Circuit, build: CircuitOfParams, options: AnalysisOptions = {}): { run: RunResult; sensitivity?: SensitivityOutputs } {
  const specs = circuit.sens ?? [];
  if (specs.length === 0) return { run: runCircuit(circuit, options) };
  const runs: SensitivityOutputs['runs'] = [];
  const paramsOf: Record<string, number>[] = [];
  const run = runCircuit(circuit, options, (a, name) => {
    const params: Record<string, number> = {};
    for (const s of specs) if (a.kind !== 'op' && (s.analysis === undefined || s.analysis === name)) Object.assign(params, s.params);
    if (Object.keys(params).length === 0) return runAnalysis(circuit, a, options);
    const s = runWithSensitivities({ build, params, analysis: a, base: circuit }, options);
    s.result.name = name;
    runs.push({ analysis: name, result: s });
    paramsOf.push(params);
    return s.result;
  });
  const measures: MeasureSensitivity[] = [];
  const files = new Map<string, string>();
  for (const [k, { analysis, result }] of runs.entries()) {
    measures.push(...measureSensitivities(result, paramsOf[k]!));
    files.set(`sens-${analysis}.csv`, waveformDerivativesCsv(result, circuit.file));
  }
  files.set(
    'sens.csv',
    toCsv({
      comments: [`sensitivities of ${circuit.file}: derivative = dM/dp (unit of M per unit of p), normalized = (p/M) dM/dp`],
      header: ['analysis', 'measure', 'unit', 'value', 'param', 'param_value', 'derivative', 'normalized'],
      rows: measures.map((m) => [m.analysis, m.measure, m.unit, num(m.value), m.param, num(m.paramValue), num(m.derivative), num(m.normalized)]),
    }),
  );
  const summary = ['sensitivities (p/M dM/dp):', ...measures.map((m) => `  ${m.analysis} ${m.measure} / ${m.param}: ${m.derivative.toPrecision(4)} ${m.unit ? `${m.unit} per unit` : 'per unit'} (normalized ${Number.isFinite(m.normalized) ? m.normalized.toPrecision(4) : 'n/a'})`)];
  return { run, sensitivity: { files, summary, runs } };
}

function waveformDerivativesCsv(s: SensitivityResult, netlist: string): string {
  const w = s.result.waveforms!;
  const axis = w.columns[0]!;
  const cols: Float64Array[] = [];
  const header = [w.labels[0]!];
  for (const [label, ds] of Object.entries(s.derivatives)) {
    s.params.forEach((p, k) => {
      header.push(`d ${label}/d ${p}`);
      cols.push(ds[k]!);
    });
  }
  const rows: string[][] = [];
  for (let i = 0; i < w.length; i++) rows.push([num(axis[i]!), ...cols.map((c) => num(c[i]!))]);
  return toCsv({ comments: [`d(waveform)/d(param) of ${netlist}, analysis ${s.result.name}`, `solves ${s.stats.solves}, factorizations ${s.stats.factorizations}`], header, rows });
}
