/**
 * `fitNetlist`: fit a template netlist's `.param`s to one or several measurements jointly.
 * Data are matched to analyses (match.ts), starting values read off the data (starts.ts) and a
 * space-filling design in the bounds (design.ts) are screened, Levenberg-Marquardt runs from the
 * best of them in scaled parameters with a Jacobian from the given sensitivity provider, and the
 * optimum is described (statistics.ts, identifiability.ts). When a free parameter is the gamma of
 * a `.ladder`, the TLM (gamma = 0, nested) is fitted too and the two are compared.
 */
import type { Circuit } from '../circuit/circuit.js';
import { InputError } from '../diagnostics.js';
import type { NetlistAst } from '../netlist/ast.js';
import { elaborate } from '../netlist/elaborate.js';
import type { FileReader } from '../netlist/includes.js';
import type { DataSet } from './dataSet.js';
import { spaceFillingDesign } from './design.js';
import { runWithSensitivities } from '../analyses/sensitivity.js';
import { fitParameters, scaledBounds, templateParams, toScaled, type FitParameter } from './fitParameters.js';
import { identifiability, type IdentifiabilityWarning } from './identifiability.js';
import { levenbergMarquardt, type LmResult } from './levenbergMarquardt.js';
import { matchData, type MatchedData } from './match.js';
import { FitObjective, type SolveCount } from './objective.js';
import { ladderRoles, type RoleOf } from './roles.js';
import { compareNested, type ModelSelection } from './selection.js';
import type { SensitivityProvider } from './sensitivityContract.js';
import { dataStart, estimateFromData, type DataEstimates } from './starts.js';
import { fitStatistics, type FitStatistics } from './statistics.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';

export interface FitProgress {
  phase: 'design' | 'lm' | 'tlm';
  /** Which LM run (1-based) and its iteration. */
  run: number;
  iteration: number;
  sse: number;
  bestSse: number;
}

export interface FitOptions {
  /** Free parameters (default: every `.fit` line). */
  free?: string[];
  seed?: number;
  /** Points of the space-filling design screened (besides the data-driven start). */
  starts?: number;
  /** LM runs: from the data-driven start and the best design points. */
  lmRuns?: number;
  maxIterations?: number;
  /** LM stops when an accepted step lowers the SSE by less than this fraction (default 1e-10). */
  relativeTolerance?: number;
  /** LM stops when the Gauss-Newton step is shorter than this many standard errors (default 1e-2; 0 = off). */
  standardErrorTolerance?: number;
  /** Jacobian provider (default the engine's forward sensitivities; finite differences fit the same slot). */
  provider?: SensitivityProvider;
  /**
   * Evaluate LM trial points with the provider (residuals and Jacobian from one run), so an accepted
   * step costs one run. Default: true for the engine's sensitivities, false for any other provider
   * (finite differences pay p more runs per Jacobian, which a rejected trial would waste).
   */
  jacobianAtTrials?: boolean;
  /** Fit the nested TLM (gamma = 0) too when gamma is free (default true). */
  compareTlm?: boolean;
  readFile?: FileReader;
  onProgress?: (p: FitProgress) => void;
  shouldStop?: () => boolean;
}

export interface LmRunSummary {
  start: Record<string, number>;
  origin: string;
  startSse: number;
  values: Record<string, number>;
  sse: number;
  iterations: number;
  reason: LmResult['reason'];
}

export interface FitOutcome {
  params: FitParameter[];
  values: Record<string, number>;
  statistics: FitStatistics;
  warnings: IdentifiabilityWarning[];
  matched: MatchedData[];
  /** Model predictions at the optimum, per data set (aligned with matched[k].observed). */
  predictions: Float64Array[];
  estimates: DataEstimates;
  runs: LmRunSummary[];
  roles: Map<string, RoleOf>;
  selection?: ModelSelection;
  count: SolveCount;
  iterations: number;
  seconds: number;
  /** True when shouldStop ended the fit early (the values are the best so far). */
  stopped: boolean;
  seed: number;
}

/** Elaborates the template at given .param values; a template error is an InputError with its position. */
export function templateBuilder(ast: NetlistAst, readFile?: FileReader): (values: Record<string, number>) => Circuit {
  const loc = { file: ast.file, line: 1, column: 1 };
  return (values) => {
    const overrides = Object.entries(values).map(([name, value]) => ({ name, value, loc }));
    const e = elaborate(ast, { ...(readFile ? { readFile } : {}), paramOverrides: overrides });
    if (!e.circuit) {
      const first = e.diagnostics.find((d) => d.severity === 'error');
      throw new InputError(first?.message ?? 'the template does not elaborate', first?.loc ? { loc: first.loc } : {});
    }
    return e.circuit;
  };
}

const sumSq = (r: Float64Array): number => r.reduce((s, v) => s + v * v, 0);

async function multiStartLm(
  objective: FitObjective, params: FitParameter[], start: Record<string, number>, opts: FitOptions, phase: FitProgress['phase'],
): Promise<{ best: LmResult; runs: LmRunSummary[]; stopped: boolean }> {
  const k = params.length;
  const lower = Float64Array.from(params, (p) => scaledBounds(p)[0]);
  const upper = Float64Array.from(params, (p) => scaledBounds(p)[1]);
  const u0 = Float64Array.from(params, (p) => toScaled(p, start[p.name]!));
  // The data start always runs, so its SSE comes from LM's first evaluation (no screening run).
  const candidates: Array<{ u: Float64Array; sse: number; origin: string }> = [{ u: u0, sse: NaN, origin: 'the start read off the data' }];
  const nDesign = phase === 'tlm' ? 0 : opts.starts ?? 8;
  if (nDesign > 0) {
    for (const [i, x] of spaceFillingDesign(nDesign, k, opts.seed ?? 1).entries()) {
      if (opts.shouldStop?.()) break;
      const u = Float64Array.from(x, (t, j) => lower[j]! + t * (upper[j]! - lower[j]!));
      const sse = sumSq(objective.residuals(u));
      candidates.push({ u, sse, origin: `design point ${i + 1} of ${nDesign}` });
      opts.onProgress?.({ phase: 'design', run: 0, iteration: i + 1, sse, bestSse: Math.min(...candidates.slice(1).map((c) => c.sse)) });
      await yieldToEventLoop();
    }
  }
  // The data-driven start always runs; then the best design points.
  const others = candidates.slice(1).filter((c) => Number.isFinite(c.sse)).sort((a, b) => a.sse - b.sse);
  const chosen = [candidates[0]!, ...others.slice(0, Math.max(0, (opts.lmRuns ?? 2) - 1))];
  let best: LmResult | undefined;
  const runs: LmRunSummary[] = [];
  let stopped = false;
  for (const [i, c] of chosen.entries()) {
    if (opts.shouldStop?.()) {
      stopped = true;
      break;
    }
    const jacobianAtTrials = opts.jacobianAtTrials ?? objective.provider === runWithSensitivities;
    const res = await levenbergMarquardt({ lower, upper, residuals: async (u) => objective.residuals(u), jacobian: async (u) => objective.jacobian(u), jacobianAtTrials }, c.u, {
      maxIterations: opts.maxIterations ?? 60,
      ...(opts.relativeTolerance !== undefined ? { relativeTolerance: opts.relativeTolerance } : {}),
      ...(opts.standardErrorTolerance !== undefined ? { standardErrorTolerance: opts.standardErrorTolerance } : {}),
      ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
      onIteration: (it) => opts.onProgress?.({ phase, run: i + 1, iteration: it.iteration, sse: it.sse, bestSse: Math.min(it.sse, best?.sse ?? Infinity) }),
    });
    runs.push({ start: objective.values(c.u), origin: c.origin, startSse: res.startSse, values: objective.values(res.u), sse: res.sse, iterations: res.iterations, reason: res.reason });
    if (!best || res.sse < best.sse) best = res;
    if (res.reason === 'stopped') {
      stopped = true;
      break;
    }
  }
  return { best: best!, runs, stopped };
}

export async function fitNetlist(ast: NetlistAst, data: DataSet[], opts: FitOptions = {}): Promise<FitOutcome> {
  const started = performance.now();
  if (data.length === 0) throw new InputError('no data to fit: give one or more measurement files');
  const params = fitParameters(ast, opts.free);
  const build = templateBuilder(ast, opts.readFile);
  const circuit = build({});
  const matched = data.map((d) => matchData(circuit, d));
  const roles = ladderRoles(ast, circuit);
  const estimates = estimateFromData(matched);
  const templateValues: Record<string, number> = {};
  for (const [name, p] of templateParams(ast)) if (p.value !== undefined) templateValues[name] = p.value;
  const start = dataStart(params, templateValues, roles, estimates);
  const provider = opts.provider ?? runWithSensitivities;
  const objective = new FitObjective(build, matched, params, {}, provider);
  const main = await multiStartLm(objective, params, start, opts, 'lm');
  const values = objective.values(main.best.u);
  const statistics = fitStatistics(params, main.best.u, main.best.J, main.best.sse);
  const warnings = identifiability(statistics, roles, matched);
  let selection: ModelSelection | undefined;
  let stopped = main.stopped;
  const gammaParam = params.find((p) => roles.get(p.name)?.role === 'gamma');
  if (gammaParam && opts.compareTlm !== false && params.length > 1 && !stopped && gammaParam.lo <= 0 && gammaParam.hi >= 0) {
    const rest = params.filter((p) => p !== gammaParam);
    const tlmObjective = new FitObjective(build, matched, rest, { [gammaParam.name]: 0 }, provider);
    const tlm = await multiStartLm(tlmObjective, rest, values, opts, 'tlm');
    stopped = tlm.stopped;
    objective.count.runs += tlmObjective.count.runs;
    objective.count.solves += tlmObjective.count.solves;
    objective.count.factorizations += tlmObjective.count.factorizations;
    selection = compareNested(statistics, fitStatistics(rest, tlm.best.u, tlm.best.J, tlm.best.sse), tlmObjective.values(tlm.best.u), gammaParam.name);
  }
  const predictions = objective.predictions(main.best.u);
  return {
    params, values, statistics, warnings, matched, predictions, estimates, runs: main.runs, roles,
    ...(selection ? { selection } : {}),
    count: objective.count,
    iterations: main.runs.reduce((s, r) => s + r.iterations, 0),
    seconds: (performance.now() - started) / 1000,
    stopped,
    seed: opts.seed ?? 1,
  };
}
