/**
 * The joint weighted least-squares objective: the residuals w (model - data) of every data set,
 * stacked, as a function of the scaled parameters u, and their Jacobian from a sensitivity
 * provider (the engine's, or finite differences). Counts the analysis runs and linear solves spent.
 */
import type { Circuit } from '../circuit/circuit.js';
import { runAnalysis } from '../analyses/run.js';
import { NcmError } from '../diagnostics.js';
import type { AnalysisOptions, AnalysisResult } from '../analyses/result.js';
import { fromScaled, type FitParameter } from './fitParameters.js';
import { runStats } from './finiteDifference.js';
import type { MatchedData } from './match.js';
import type { SensitivityProvider } from './sensitivityContract.js';

export interface SolveCount {
  /** Circuit runs (analyses simulated): residual runs plus the provider's (1 per Jacobian with the engine's sensitivities, 1 + p with finite differences). */
  runs: number;
  /** Matrix factorisations reported by the runs and the provider. */
  factorizations: number;
  /** Linear solves reported by the runs and the provider. */
  solves: number;
}

export class FitObjective {
  readonly count: SolveCount = { runs: 0, factorizations: 0, solves: 0 };
  readonly size: number;
  /** The runs of the last residual evaluation, so a Jacobian at that point can reuse them. */
  private lastRuns: { u: Float64Array; results: Array<AnalysisResult | undefined> } | undefined;

  constructor(
    readonly build: (values: Record<string, number>) => Circuit,
    readonly matched: MatchedData[],
    readonly params: FitParameter[],
    /** Values of the template's parameters that stay fixed (e.g. gamma = 0 for the TLM). */
    readonly fixed: Record<string, number>,
    readonly provider: SensitivityProvider,
    readonly runOptions: AnalysisOptions = { record: 'minimal' },
  ) {
    this.size = matched.reduce((s, m) => s + m.observed.length, 0);
  }

  values(u: ArrayLike<number>): Record<string, number> {
    const v: Record<string, number> = { ...this.fixed };
    this.params.forEach((p, j) => (v[p.name] = fromScaled(p, u[j]!)));
    return v;
  }

  /** Residuals at u; a run that fails with an NcmError (no convergence at extreme values) gives +Infinity residuals. */
  residuals(u: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.size);
    let o = 0;
    let circuit: Circuit;
    this.lastRuns = undefined;
    try {
      circuit = this.build(this.values(u));
    } catch (e) {
      if (e instanceof NcmError) return out.fill(Infinity);
      throw e;
    }
    const results: Array<AnalysisResult | undefined> = [];
    this.lastRuns = { u: Float64Array.from(u), results };
    for (const m of this.matched) {
      results.push(undefined);
      try {
        const r = runAnalysis(circuit, m.analysis, this.runOptions);
        results[results.length - 1] = r;
        const st = runStats(r);
        this.count.runs++;
        this.count.factorizations += st.factorizations;
        this.count.solves += st.solves;
        const y = m.predict(r);
        for (let k = 0; k < y.length; k++) out[o + k] = m.weights[k]! * (y[k]! - m.observed[k]!);
      } catch (e) {
        // A run that fails at extreme values (no convergence) is a bad point, not the end of the fit.
        if (!(e instanceof NcmError)) throw e;
        out.fill(Infinity, o, o + m.observed.length);
      }
      o += m.observed.length;
    }
    return out;
  }

  /** Model predictions at u (for plots). */
  predictions(u: ArrayLike<number>): Float64Array[] {
    const circuit = this.build(this.values(u));
    return this.matched.map((m) => m.predict(runAnalysis(circuit, m.analysis, this.runOptions)));
  }

  /** Residuals and dr/du at u. */
  jacobian(u: ArrayLike<number>): { r: Float64Array; J: Float64Array[] } {
    const values = this.values(u);
    const free: Record<string, number> = {};
    for (const p of this.params) free[p.name] = values[p.name]!;
    const fixed = this.fixed;
    const build = (v: Record<string, number>): Circuit => this.build({ ...fixed, ...v });
    const r = new Float64Array(this.size);
    const J = this.params.map(() => new Float64Array(this.size));
    let o = 0;
    const last = this.lastRuns;
    const reuse = last !== undefined && last.u.length === u.length && last.u.every((x, j) => x === u[j]) ? last.results : undefined;
    this.matched.forEach((m, i) => {
      const s = this.provider({ build, params: free, analysis: m.analysis, baseResult: reuse?.[i] }, this.runOptions);
      this.count.runs += s.stats.runs ?? 1;
      this.count.factorizations += s.stats.factorizations;
      this.count.solves += s.stats.solves;
      const y = m.predict(s.result);
      for (let k = 0; k < y.length; k++) r[o + k] = m.weights[k]! * (y[k]! - m.observed[k]!);
      this.params.forEach((p, j) => {
        const d = m.predictDerivative(s.result, s.derivatives, s.params.indexOf(p.name));
        const chain = p.scale === 'log' ? values[p.name]! : 1;
        for (let k = 0; k < d.length; k++) J[j]![o + k] = m.weights[k]! * d[k]! * chain;
      });
      o += m.observed.length;
    });
    return { r, J };
  }
}
