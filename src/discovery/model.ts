/**
 * A discovered model in the user's units, the final polish of archived programs (constants, and
 * whether the outer intercept and scale are worth their parameters), the Pareto front, and the rule
 * that picks the "best" model.
 */
import { fromPostfix, scaleVariables, toLatex, toSympy, toText, type Expr } from './expression.js';
import { simplify } from './simplify.js';
import { Fitness } from './fitness.js';
import { Program, type ProgramLimits } from './program.js';
import { restore, type Snapshot } from './island.js';
import { Interpreter } from './interpreter.js';
import { LOSS_FLOOR, SELECTION_WINDOW } from './defaults.js';

export interface DiscoveredModel {
  /** Tokens of the program (postfix) in normalised variables, as stored; see `featureScales`. */
  tokens: number[];
  consts: number[];
  /** Outer scaling in normalised units: y / targetScale = a + b f(x / featureScales). */
  a: number;
  b: number;
  featureScales: number[];
  targetScale: number;
  /** Program length (tokens), plus 2 when the intercept a is kept (`+ a`): the complexity axis of the front. */
  complexity: number;
  /** Normalised mean squared error SSE / SST on all rows. */
  error: number;
  /** Fitted parameters: program constants plus a and b when they are kept. */
  parameters: number;
  expression: Expr;
  text: string;
  latex: string;
  /** SymPy input (parse with the feature names as symbols, see `toSympy`). */
  sympy: string;
}

export { LOSS_FLOOR, SELECTION_WINDOW } from './defaults.js';

function bic(sse: number, sst: number, n: number, k: number): number {
  return n * Math.log(Math.max(sse, LOSS_FLOOR * sst) / n) + k * Math.log(n);
}

/**
 * Polishes one archived program on the full data: a longer constant optimisation, then its outer
 * scaling without the intercept a and, when BIC `n ln(SSE/n) + k ln n` prefers it, also with it (the
 * intercept costs 2 in complexity, as `+ a` does when printed, so the front and the selection rule
 * decide whether it is worth it). With the intercept the scale b is kept or set to 1, without it b is
 * fitted or set to 1, by the lower BIC.
 */
export function polish(s: Snapshot, fitness: Fitness, limits: ProgramLimits, linearScaling: boolean): Program[] {
  const p = new Program(limits);
  restore(p, s);
  fitness.evaluate(p);
  fitness.optimiseConstants(p, 60);
  if (!linearScaling || !Number.isFinite(p.error)) return [p];
  const y = fitness.target;
  const f = new Float64Array(fitness.interp.evaluate(p.tokens, p.length, p.consts) ?? new Float64Array(y.length).fill(fitness.interp.scalarResult));
  const n = y.length;
  const sst = fitness.sst;
  const sseOf = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i]! - a - b * f[i]!) ** 2;
    return s;
  };
  let sff = 0;
  let sfy = 0;
  let my = 0;
  let mf = 0;
  for (let i = 0; i < n; i++) {
    sff += f[i]! * f[i]!;
    sfy += f[i]! * y[i]!;
    my += y[i]!;
    mf += f[i]!;
  }
  my /= n;
  mf /= n;
  const k = p.constCount;
  const lower = (x: { a: number; b: number; k: number }, z: { a: number; b: number; k: number }): { a: number; b: number; k: number } =>
    bic(sseOf(z.a, z.b), sst, n, z.k) < bic(sseOf(x.a, x.b), sst, n, x.k) - 1e-9 ? z : x;
  const withIntercept = lower({ a: p.a, b: p.b, k: k + 2 }, { a: my - mf, b: 1, k: k + 1 });
  const without = lower({ a: 0, b: sff > 0 ? sfy / sff : 0, k: k + 1 }, { a: 0, b: 1, k });
  // The intercept is offered only when BIC supports it: a noise-level offset (q / C - 0.0016 at 1%
  // noise) would otherwise sit on the front and win the knee rule against the law without it.
  const offered = lower(without, withIntercept) === withIntercept ? [withIntercept, without] : [without];
  return offered.map((o) => {
    const q = new Program(limits);
    q.copyFrom(p);
    q.a = o.a;
    q.b = o.b;
    q.error = sseOf(o.a, o.b) / sst;
    return q;
  });
}

export function toModel(p: Program, names: readonly string[], featureScales: readonly number[], targetScale: number, linearScaling: boolean): DiscoveredModel {
  const raw = fromPostfix(p.tokens.subarray(0, p.length), p.consts, names);
  // In user units: y = ts (a + b f(x / s)).
  let e: Expr = scaleVariables(raw, featureScales.map((s) => 1 / s));
  e = { kind: 'op', op: '*', args: [{ kind: 'num', value: targetScale * p.b }, e] };
  if (p.a !== 0) e = { kind: 'op', op: '+', args: [e, { kind: 'num', value: targetScale * p.a }] };
  const shown = simplify(e);
  const kept = (p.a !== 0 ? 1 : 0) + (p.b !== 1 ? 1 : 0);
  return {
    tokens: Array.from(p.tokens.subarray(0, p.length)),
    consts: Array.from(p.consts.subarray(0, p.constCount)),
    a: p.a,
    b: p.b,
    featureScales: [...featureScales],
    targetScale,
    complexity: p.length + (p.a !== 0 ? 2 : 0),
    error: p.error,
    parameters: p.constCount + (linearScaling ? kept : 0),
    expression: shown,
    text: toText(shown),
    latex: toLatex(shown),
    sympy: toSympy(shown),
  };
}

/** Evaluates a model on columns in user units (exactly the stored program, not the display form). */
export function predictModel(m: DiscoveredModel, columns: readonly Float64Array[]): Float64Array {
  const n = columns[0]!.length;
  const scaled = columns.map((c, j) => Float64Array.from(c, (v) => v / m.featureScales[j]!));
  const interp = new Interpreter(scaled, m.tokens.length);
  const f = interp.evaluate(Int32Array.from(m.tokens), m.tokens.length, Float64Array.from(m.consts));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = m.targetScale * (m.a + m.b * (f === null ? interp.scalarResult : f[i]!));
  return out;
}

/** Models not dominated in (complexity, error): the best model at each size that beats every simpler one. */
export function paretoFront(models: readonly DiscoveredModel[]): DiscoveredModel[] {
  const sorted = [...models].sort((x, y) => x.complexity - y.complexity || x.error - y.error);
  const front: DiscoveredModel[] = [];
  let bestErr = Infinity;
  for (const m of sorted) {
    // A model no better than the mean of the target explains nothing.
    if (!(m.error < 1)) continue;
    if (m.error < bestErr && Math.max(m.error, LOSS_FLOOR) < Math.max(bestErr, LOSS_FLOOR) * (1 - 1e-9)) {
      front.push(m);
      bestErr = m.error;
    }
  }
  return front;
}

/** The simplest front model (scored against the mean) is a candidate only within this factor of the best. */
export const FIRST_MODEL_WINDOW = 1.5;

/** Why a model was picked: its score and the rule's window. */
export interface Selection {
  model: DiscoveredModel;
  /** -d ln(loss) / d complexity against the next simpler model on the front (the simplest: against the mean). */
  score: number;
  /** Every front model's score, in front order. */
  scores: number[];
  /** Candidates had loss <= window * smallest loss. */
  window: number;
  minLoss: number;
}

/** -d ln(loss) / d complexity of each front model against its simpler neighbour (losses floored); the simplest against the mean (loss 1). */
export function frontScores(front: readonly DiscoveredModel[]): number[] {
  const loss = (m: DiscoveredModel): number => Math.max(m.error, LOSS_FLOOR);
  // The simplest model has no simpler neighbour: it is scored against the mean of the target (loss 1).
  return front.map((m, i) => (i === 0 ? -Math.log(loss(m)) / m.complexity : -Math.log(loss(m) / loss(front[i - 1]!)) / (m.complexity - front[i - 1]!.complexity)));
}

/**
 * The knee rule (PySR's score with a wider window, docs/discovery.md "Model selection"): with losses
 * floored at LOSS_FLOOR, the candidates are the front models whose loss is at most `window` times the
 * smallest; among them the one with the largest score -d ln(loss) / d complexity against its simpler
 * neighbour wins (ties: the simpler). An exact model thus beats every larger one, and a model at the
 * sharp drop of the error beats longer ones that only trim a systematic residual or the noise.
 */
export function selectModel(front: readonly DiscoveredModel[], window = SELECTION_WINDOW): Selection {
  if (front.length === 0) throw new Error('empty front');
  const loss = (m: DiscoveredModel): number => Math.max(m.error, LOSS_FLOOR);
  const minLoss = Math.min(...front.map(loss));
  const scores = frontScores(front);
  let best = -1;
  // Every first drop from the mean is large, so the simplest model competes only within PySR's 1.5x
  // of the best: at 5% noise the plain resistor b I (6x the best) would otherwise beat the paper's law.
  front.forEach((m, i) => {
    const w = i === 0 ? Math.min(window, FIRST_MODEL_WINDOW) : window;
    if (loss(m) <= w * minLoss && (best < 0 || scores[i]! > scores[best]!)) best = i;
  });
  return { model: front[best]!, score: scores[best]!, scores, window, minLoss };
}

/** The model `selectModel` picks. */
export function chooseBest(front: readonly DiscoveredModel[], window = SELECTION_WINDOW): DiscoveredModel {
  return selectModel(front, window).model;
}
