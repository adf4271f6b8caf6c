/**
 * The `.sens` lines of a netlist run: each named analysis (or every one) is run again with forward
 * sensitivities, and the files are returned for the run writer: `sens.csv` (d(measure)/d(param)
 * table), `sens-<analysis>.csv` (d(waveform)/d(param) along the time or frequency axis), and a
 * console summary. docs/sensitivities.md.
 */
import { readFileSync } from 'node:fs';
import type { RunResult } from '../analyses/run.js';
import { runWithSensitivities, type SensitivityResult } from '../analyses/sensitivity.js';
import { measureSensitivities, type MeasureSensitivity } from '../analyses/sensitivityMeasures.js';
import { NcmError } from '../diagnostics.js';
import { circuitOfParams } from '../netlist/circuitOfParams.js';
import { sensRequests } from '../netlist/sensRequests.js';
import { readFromDisk } from './loadNetlist.js';
import { toCsv } from './csv.js';

export interface SensitivityOutputs {
  files: Map<string, string>;
  /** Console lines (the measure table). */
  summary: string[];
  runs: { analysis: string; result: SensitivityResult }[];
}

const num = (v: number): string => (Number.isFinite(v) ? v.toPrecision(8) : 'nan');

/** Runs the netlist's `.sens` requests against the analyses of `run`; undefined when it has none. */
export function runNetlistSensitivities(path: string, run: RunResult): SensitivityOutputs | undefined {
  const text = readFileSync(path, 'utf8');
  const requests = sensRequests(run.circuit.file, text);
  if (requests.length === 0) return undefined;
  const build = circuitOfParams(text, run.circuit.file, readFromDisk);
  const measures: MeasureSensitivity[] = [];
  const files = new Map<string, string>();
  const runs: SensitivityOutputs['runs'] = [];
  for (const req of requests) {
    const targets = run.results.filter((r) => r.kind !== 'op' && (!req.analysis || r.name === req.analysis.name.toLowerCase()));
    if (req.analysis && targets.length === 0) {
      throw new NcmError(`.sens analysis=${req.analysis.name}: no such analysis in this run (analyses: ${run.results.map((r) => r.name).join(', ')})`, { loc: req.analysis.loc });
    }
    if (targets.length === 0) throw new NcmError(`.sens: the run has no analysis with waveforms to differentiate (.op has none)`, { loc: req.loc });
    for (const target of targets) {
      const s = runWithSensitivities({ build, params: req.params, analysis: target.analysis });
      s.result.name = target.name;
      runs.push({ analysis: target.name, result: s });
      measures.push(...measureSensitivities(s, req.params));
      files.set(`sens-${target.name}.csv`, waveformDerivativesCsv(s, run.circuit.file));
    }
  }
  files.set(
    'sens.csv',
    toCsv({
      comments: [`sensitivities of ${run.circuit.file}: derivative = dM/dp (unit of M per unit of p), normalized = (p/M) dM/dp`],
      header: ['analysis', 'measure', 'unit', 'value', 'param', 'param_value', 'derivative', 'normalized'],
      rows: measures.map((m) => [m.analysis, m.measure, m.unit, num(m.value), m.param, num(m.paramValue), num(m.derivative), num(m.normalized)]),
    }),
  );
  const summary = ['sensitivities (p/M dM/dp):', ...measures.map((m) => `  ${m.analysis} ${m.measure} / ${m.param}: ${m.derivative.toPrecision(4)} ${m.unit ? `${m.unit} per unit` : 'per unit'} (normalized ${Number.isFinite(m.normalized) ? m.normalized.toPrecision(4) : 'n/a'})`)];
  return { files, summary, runs };
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
