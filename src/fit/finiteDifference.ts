/**
 * The finite-difference sensitivity provider: the same signature as the engine's
 * `runWithSensitivities`, by one extra run per parameter (forward differences). Kept as the
 * fallback and as the comparison in the fit bench. Each perturbed run is read on the base run's
 * axis, so the derivatives line up with `result` whatever time steps the integrator took. A base
 * run the caller already made (`baseResult`) is not made again.
 */
import { runAnalysis } from '../analyses/run.js';
import type { AnalysisOptions, AnalysisResult } from '../analyses/result.js';
import { interpolateAt } from './interpolate.js';
import type { SensitivityRequest, SensitivityResult } from './sensitivityContract.js';

/** Relative step of a parameter (absolute 1e-3 for a parameter at 0, such as gamma of a TLM). */
export const FD_RELATIVE_STEP = 1e-3;

export function defaultOutputs(r: AnalysisResult): string[] {
  if (r.kind === 'ac') return ['re(z)', 'im(z)'];
  return [r.currentColumn, r.appliedColumn].filter((l): l is string => l !== undefined);
}

export function runStats(r: AnalysisResult): { factorizations: number; solves: number } {
  if (r.stats) return { factorizations: r.stats.factorizations + r.stats.refactorizations, solves: r.stats.newtonIterations };
  // .ac: one factorisation and one solve per frequency.
  const n = r.waveforms?.length ?? 0;
  return { factorizations: n, solves: n };
}

export function runWithFiniteDifferences(req: SensitivityRequest, options: AnalysisOptions = {}): SensitivityResult {
  const result = req.baseResult ?? runAnalysis(req.build(req.params), req.analysis, options);
  const names = Object.keys(req.params);
  const outputs = req.outputs ?? defaultOutputs(result);
  const w = result.waveforms!;
  const axis = w.columns[0]!;
  const column = (r: AnalysisResult, label: string): Float64Array => {
    const i = r.waveforms!.labels.indexOf(label);
    if (i < 0) throw new Error(`finite differences: no output '${label}' in ${r.name}`);
    return r.waveforms!.columns[i]!.subarray(0, r.waveforms!.length);
  };
  const base = outputs.map((l) => column(result, l));
  const derivatives: Record<string, Float64Array[]> = {};
  for (const l of outputs) derivatives[l] = [];
  const stats = req.baseResult ? { factorizations: 0, solves: 0 } : runStats(result);
  for (const name of names) {
    const p = req.params[name]!;
    const h = p !== 0 ? FD_RELATIVE_STEP * Math.abs(p) : FD_RELATIVE_STEP;
    const moved = runAnalysis(req.build({ ...req.params, [name]: p + h }), req.analysis, options);
    const s = runStats(moved);
    stats.factorizations += s.factorizations;
    stats.solves += s.solves;
    const mAxis = moved.waveforms!.columns[0]!.subarray(0, moved.waveforms!.length);
    outputs.forEach((l, j) => {
      const y = interpolateAt(mAxis, column(moved, l), axis.subarray(0, w.length));
      const b = base[j]!;
      for (let k = 0; k < y.length; k++) y[k] = (y[k]! - b[k]!) / h;
      derivatives[l]!.push(y);
    });
  }
  return { result, params: names, derivatives, stats: { ...stats, runs: (req.baseResult ? 0 : 1) + names.length } };
}
