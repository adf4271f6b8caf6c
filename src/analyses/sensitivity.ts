/**
 * `runWithSensitivities`: one analysis and the derivatives of its waveforms with respect to top-level
 * `.param` values, from forward sensitivities integrated with the run (src/engine/sensitivity.ts)
 * or, for `.ac`, the small-signal derivative (sensitivityAc.ts). Parameters reach the elements
 * through elaboration: the template is elaborated at p +- delta and the element values differenced
 * (the chain rule through `.param` expressions, cheap: no circuit solve). docs/sensitivities.md.
 */
import type { Analysis, Circuit } from '../circuit/circuit.js';
import type { Probe } from '../circuit/device.js';
import { InputError } from '../diagnostics.js';
import type { Mna } from '../engine/mna.js';
import { TransientSensitivity, type ParameterPerturbation } from '../engine/sensitivity.js';
import { runAnalysis, withMeasures } from './run.js';
import type { AnalysisOptions, AnalysisResult } from './result.js';
import { acSensitivities } from './sensitivityAc.js';

/** Elaborates the template with the given top-level .param values (a fit/sweep calls loadNetlist with paramOverrides). */
export type CircuitOfParams = (values: Record<string, number>) => Circuit;

export interface SensitivityRequest {
  build: CircuitOfParams;
  /** The .param values at which to differentiate; the derivatives are taken w.r.t. each of these names. */
  params: Record<string, number>;
  /** The analysis to run (one of circuit.analyses, possibly modified by the caller: a CV at the data's rate). */
  analysis: Analysis;
  /** Waveform labels to differentiate (default: the result's currentColumn and appliedColumn; for .ac 're(z)' and 'im(z)'). */
  outputs?: string[];
  /** build(params), when the caller has it already (saves an elaboration). */
  base?: Circuit;
  /**
   * runAnalysis(build(params), analysis) with the same options, when the caller has made that run
   * already (an accepted LM trial): a provider that needs a plain run there takes it instead of
   * running again. The engine's sensitivities run their own and ignore it.
   */
  baseResult?: AnalysisResult;
}

export interface SensitivityResult {
  /** Exactly what runAnalysis would return for this analysis. */
  result: AnalysisResult;
  /** Order of the arrays below. */
  params: string[];
  /** d(output)/d(param): per output label, one Float64Array per param, aligned with the result's time or frequency axis. */
  derivatives: Record<string, Float64Array[]>;
  /** Linear solves and factorisations spent, the run's own included (for the fit's "solves" figure). */
  /** `runs`: circuit simulations spent (1 here; 1 + p for finite differences). */
  stats: { factorizations: number; solves: number; runs?: number };
}

/** Relative perturbation of a parameter in the elaboration difference (absolute when the value is 0). */
export const PARAM_DELTA = 1e-6;

/** The template elaborated at p +- delta for each parameter. */
export function perturbations(build: CircuitOfParams, params: Record<string, number>): ParameterPerturbation[] {
  return Object.keys(params).map((name) => {
    const p = params[name]!;
    if (!Number.isFinite(p)) throw new InputError(`sensitivity: parameter ${name} = ${p} is not a finite number`);
    const d = PARAM_DELTA * (p !== 0 ? Math.abs(p) : 1);
    const plus = build({ ...params, [name]: p + d });
    const minus = build({ ...params, [name]: p - d });
    return { name, plus, minus, span: p + d - (p - d) };
  });
}

/** Default outputs: the cell current and the applied voltage; every recorded column of a `.tran`. */
function defaultOutputs(analysis: Analysis): string[] | undefined {
  switch (analysis.kind) {
    case 'cv':
    case 'chrono':
      return [`i(${analysis.source.toLowerCase()})`, `vapp(${analysis.source.toLowerCase()})`];
    case 'protocol':
      return ['i(port)', 'v(port)'];
    case 'ac':
      return ['re(z)', 'im(z)'];
    default:
      return undefined;
  }
}

/** Probes for output labels on the system the analysis runs: node voltages, device probes, vapp(src), the protocol port. */
export function outputProbes(mna: Mna, labels: string[] | undefined): Probe[] {
  const circuit = mna.circuit;
  const known = new Map<string, Probe>();
  const unknownOf = (node: number): number => (node === 0 ? mna.n : node - 1);
  for (let i = 1; i < circuit.nodeNames.length; i++) {
    const u = i - 1;
    known.set(`v(${circuit.nodeNames[i]!.toLowerCase()})`, { label: `v(${circuit.nodeNames[i]})`, unit: 'V', read: (x) => x[u]! });
  }
  for (const d of mna.devices) {
    for (const p of d.probes()) known.set(p.label.toLowerCase(), p);
    const e = d.element;
    if (e.kind === 'V' || e.kind === 'I' || e.kind === 'PDRV') {
      const p = unknownOf(e.nodes[0]!);
      const m = unknownOf(e.nodes[1]!);
      known.set(`vapp(${e.key})`, { label: `vapp(${e.key})`, unit: 'V', read: (x) => x[p]! - x[m]! });
    }
    if (e.kind === 'PDRV') {
      const probe = d.probes().find((pr) => pr.label === `i(${e.key})`)!;
      const p = unknownOf(e.nodes[0]!);
      const m = unknownOf(e.nodes[1]!);
      known.set('i(port)', { label: 'i(port)', unit: 'A', read: probe.read });
      known.set('v(port)', { label: 'v(port)', unit: 'V', read: (x) => x[p]! - x[m]! });
    }
  }
  if (!labels) return [...known.entries()].filter(([k]) => !k.startsWith('r(')).map(([label, p]) => ({ ...p, label }));
  return labels.map((l) => {
    const p = known.get(l.toLowerCase());
    if (!p) throw new InputError(`sensitivity: no waveform '${l}' to differentiate; known: ${[...known.keys()].join(', ')}`);
    return { ...p, label: l };
  });
}

export function runWithSensitivities(req: SensitivityRequest, options: AnalysisOptions = {}): SensitivityResult {
  const names = Object.keys(req.params);
  const base = req.base ?? req.build(req.params);
  const per = perturbations(req.build, req.params);
  if (req.analysis.kind === 'ac') {
    const s = acSensitivities(base, req.analysis, per, req.outputs ?? ['re(z)', 'im(z)'], options);
    withMeasures(base, req.analysis, s.result);
    return s;
  }
  let companion: TransientSensitivity | undefined;
  const labels = req.outputs ?? defaultOutputs(req.analysis);
  let probes: Probe[] = [];
  const make = (mna: Mna, opts: Parameters<NonNullable<AnalysisOptions['companion']>>[1]): TransientSensitivity => {
    probes = outputProbes(mna, labels);
    companion = new TransientSensitivity(mna, opts, base, per, probes);
    return companion;
  };
  if (req.analysis.kind === 'op') throw new InputError(`sensitivity: .op has no waveform; differentiate a .tran, .cv, .chrono, .protocol or .ac`, { loc: req.analysis.loc });
  const result = runAnalysis(base, req.analysis, { ...options, companion: make });
  const sens = companion as TransientSensitivity | undefined;
  if (!sens) throw new Error(`the ${req.analysis.kind} analysis ran no transient to differentiate`);
  // Align the recorded points (every accepted point) with the result's time axis (a subset of them).
  const w = result.waveforms!;
  const time = w.columns[0]!;
  const mine = sens.recordedTimes;
  const rows = new Int32Array(w.length);
  let j = 0;
  for (let r = 0; r < w.length; r++) {
    while (j < mine.length && mine[j]! !== time[r]!) j++;
    if (j === mine.length) throw new Error(`sensitivity: the result's point t = ${time[r]} s was not integrated`);
    rows[r] = j;
  }
  const derivatives: Record<string, Float64Array[]> = {};
  probes.forEach((p, o) => {
    derivatives[p.label] = names.map((_, k) => {
      const col = sens.recorded(o, k);
      const out = new Float64Array(w.length);
      for (let r = 0; r < w.length; r++) out[r] = col[rows[r]!]!;
      return out;
    });
  });
  const st = result.stats!;
  return {
    result,
    params: names,
    derivatives,
    stats: {
      factorizations: st.factorizations + st.refactorizations + sens.work.factorizations,
      solves: st.newtonIterations + sens.work.solves,
      runs: 1,
    },
  };
}
