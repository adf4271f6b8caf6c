/**
 * One run of a sweep: the netlist re-elaborated with the point's parameter values, every analysis
 * run, and the outcome reduced to plain data that crosses worker threads (structured clone):
 * summaries, the measures used for the combined plots, and the CV curves to overlay.
 */
import type { AnalysisResult, NamedSummary } from '../analyses/result.js';
import { runCircuit } from '../analyses/run.js';
import type { SourceLocation } from '../diagnostics.js';
import { NcmError } from '../diagnostics.js';
import type { FileReader } from '../netlist/includes.js';
import { loadNetlist } from '../io/loadNetlist.js';

export interface SweepCurve {
  analysis: string;
  e: Float64Array;
  i: Float64Array;
}

export interface SweepSuccess {
  ok: true;
  index: number;
  values: number[];
  /** Scalar measures by name, e.g. `cv.C_cv` (last cycle), `ac.lowFrequencyCapacitance`. */
  measures: Record<string, number>;
  /** Every analysis' summary with its output name (`cv`, `ac2`, ...). */
  summaries: NamedSummary[];
  curves: SweepCurve[];
  warnings: string[];
  seconds: number;
}

export interface SweepFailure {
  ok: false;
  index: number;
  values: number[];
  message: string;
  loc?: SourceLocation;
}

export type SweepOutcome = SweepSuccess | SweepFailure;

export interface PointRequest {
  netlist: string;
  names: string[];
  index: number;
  values: number[];
}

/** `readFile` replaces the disk: a queued sweep reads the netlist and its includes from the job. */
export function runPoint(req: PointRequest, opts: { readFile?: FileReader } = {}): SweepOutcome {
  const started = performance.now();
  try {
    const overrides = req.names.map((name, k) => ({ name, value: req.values[k]!, loc: { file: '.step', line: 1, column: 1 } }));
    const { circuit, diagnostics } = loadNetlist(req.netlist, { paramOverrides: overrides, ...(opts.readFile ? { readFile: opts.readFile } : {}) });
    const firstError = diagnostics.find((d) => d.severity === 'error');
    if (!circuit || firstError) {
      return { ok: false, index: req.index, values: req.values, message: firstError?.message ?? 'the netlist did not elaborate', ...(firstError ? { loc: firstError.loc } : {}) };
    }
    const run = runCircuit({ ...circuit, saves: [] }, { record: 'minimal' });
    const measures: Record<string, number> = {};
    const curves: SweepCurve[] = [];
    for (const r of run.results) {
      collectMeasures(r, measures);
      const curve = cvCurve(r);
      if (curve) curves.push(curve);
    }
    return {
      ok: true,
      index: req.index,
      values: req.values,
      measures,
      summaries: run.results.map((r) => ({ name: r.name, ...r.summary })),
      curves,
      warnings: run.results.flatMap((r) => r.warnings),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (e) {
    const loc = e instanceof NcmError ? e.loc : undefined;
    return { ok: false, index: req.index, values: req.values, message: e instanceof Error ? e.message : String(e), ...(loc ? { loc } : {}) };
  }
}

/** Numbers at the top of a summary, and those of its last CV cycle, named `<analysis>.<field>`. */
function collectMeasures(r: AnalysisResult, out: Record<string, number>): void {
  for (const [k, v] of Object.entries(r.summary)) if (typeof v === 'number') out[`${r.name}.${k}`] = v;
  const last = r.kind === 'cv' ? r.summary.cycles.at(-1) : undefined;
  if (last) for (const [k, v] of Object.entries(last)) if (typeof v === 'number' && k !== 'cycle' && !k.startsWith('t')) out[`${r.name}.${k}`] = v;
  // `.meas` results by their names (a failed measure is NaN: its column stays, empty).
  for (const m of r.measures ?? []) out[`${r.name}.${m.name}`] = m.value ?? NaN;
}

/** Applied voltage and cell current of a CV, for the overlay. */
function cvCurve(r: AnalysisResult): SweepCurve | undefined {
  const w = r.waveforms;
  if (r.analysis.kind !== 'cv' || !w || !r.appliedColumn || !r.currentColumn) return undefined;
  const e = w.columns[w.labels.indexOf(r.appliedColumn)];
  const i = w.columns[w.labels.indexOf(r.currentColumn)];
  return e && i ? { analysis: r.name, e, i } : undefined;
}
