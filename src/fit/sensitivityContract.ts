/**
 * The sensitivity contract the fit codes against (docs: ROSTER, "Contract between sens and fit"):
 * the same names and shapes as `runWithSensitivities` in src/analyses/sensitivity.ts. The fit takes
 * a `SensitivityProvider` as a parameter, so the engine's forward sensitivities and the
 * finite-difference fallback (finiteDifference.ts) are interchangeable.
 */
import type { Analysis, Circuit } from '../circuit/circuit.js';
import type { AnalysisOptions, AnalysisResult } from '../analyses/result.js';

/** Elaborates the template with the given top-level .param values. */
export type CircuitOfParams = (values: Record<string, number>) => Circuit;

export interface SensitivityRequest {
  build: CircuitOfParams;
  /** The .param values at which to differentiate; the derivatives are taken w.r.t. each of these names. */
  params: Record<string, number>;
  /** The analysis to run (a CV at the data's rate, an .ac over the data's frequencies, ...). */
  analysis: Analysis;
  /** Waveform labels to differentiate (default: currentColumn and appliedColumn; for .ac re(z) and im(z)). */
  outputs?: string[];
}

export interface SensitivityResult {
  result: AnalysisResult;
  params: string[];
  /** d(output)/d(param): per output label, one Float64Array per param, on the result's time or frequency axis. */
  derivatives: Record<string, Float64Array[]>;
  stats: { factorizations: number; solves: number };
}

export type SensitivityProvider = (req: SensitivityRequest, options?: AnalysisOptions) => SensitivityResult;
