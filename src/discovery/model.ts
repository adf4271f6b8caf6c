/**
 * A discovered model in the user's units, the final polish of archived programs (constants, and
 * whether the outer intercept and scale are worth their parameters), the Pareto front, and the rule
 * that picks the "best" model.
 */
import { fromPostfix, scaleVariables, simplify, toLatex, toText, type Expr } from './expression.js';
import { Fitness } from './fitness.js';
import { Program, type ProgramLimits } from './program.js';
import { restore, type Snapshot } from './island.js';
import { Interpreter } from './interpreter.js';

export interface DiscoveredModel {
  /** Tokens of the program (postfix) in normalised variables, as stored; see `featureScales`. */
  tokens: number[];
  consts: number[];
  /** Outer scaling in normalised units: y / targetScale = a + b f(x / featureScales). */
  a: number;
  b: number;
  featureScales: number[];
  targetScale: number;
  /** Program length (tokens), the complexity axis of the front. */
  complexity: number;
  /** Normalised mean squared error SSE / SST on all rows. */
  error: number;
  /** Fitted parameters: program constants plus a and b when they are kept. */
  parameters: number;
  expression: Expr;
  text: string;
  latex: string;
}

/** Loss floor: below this normalised error a model is exact to rounding, and ties go to the simpler. */
export const LOSS_FLOOR = 1e-12;

function bic(sse: number, sst: number, n: number, k: number): number {
  return n * Math.log(Math.max(sse, LOSS_FLOOR * sst) / n) + k * Math.log(n);
}

/**
 * Polishes one archived program on the full data: a longer constant optimisation, then the outer
 * scaling is reduced to (a, b), (0, b), (a, 1) or (0, 1), whichever has the lowest BIC (so an intercept
 * that only fits noise is dropped).
 */
export function polish(s: Snapshot, fitness: Fitness, limits: ProgramLimits, linearScaling: boolean): Program {
  const p = new Program(limits);
  restore(p, s);
  fitness.evaluate(p);
  fitness.optimiseConstants(p, 60);
  if (!linearScaling || !Number.isFinite(p.error)) return p;
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
  const options: Array<{ a: number; b: number; k: number }> = [
    { a: p.a, b: p.b, k: k + 2 },
    { a: 0, b: sff > 0 ? sfy / sff : 0, k: k + 1 },
    { a: my - mf, b: 1, k: k + 1 },
    { a: 0, b: 1, k },
  ];
  let best = options[0]!;
  let bestScore = bic(sseOf(best.a, best.b), sst, n, best.k);
  for (const o of options.slice(1)) {
    const sc = bic(sseOf(o.a, o.b), sst, n, o.k);
    if (sc < bestScore - 1e-9) {
      best = o;
      bestScore = sc;
    }
  }
  p.a = best.a;
  p.b = best.b;
  p.error = sseOf(best.a, best.b) / sst;
  return p;
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
    complexity: p.length,
    error: p.error,
    parameters: p.constCount + (linearScaling ? kept : 0),
    expression: shown,
    text: toText(shown),
    latex: toLatex(shown),
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
    if (m.error < bestErr && Math.max(m.error, LOSS_FLOOR) < Math.max(bestErr, LOSS_FLOOR) * (1 - 1e-9)) {
      front.push(m);
      bestErr = m.error;
    }
  }
  return front;
}

/**
 * The "best" model rule (after PySR): with losses floored at LOSS_FLOOR, consider the front models
 * whose loss is at most 1.5 times the smallest; among them take the one with the largest score
 * -d ln(loss) / d complexity against its simpler neighbour on the front (ties: the simpler). An exact
 * model thus wins over every larger one, and a noisy fit is not traded for extra terms that only fit
 * the noise.
 */
export function chooseBest(front: readonly DiscoveredModel[]): DiscoveredModel {
  if (front.length === 0) throw new Error('empty front');
  const loss = (m: DiscoveredModel): number => Math.max(m.error, LOSS_FLOOR);
  const minLoss = Math.min(...front.map(loss));
  let best = front[0]!;
  let bestScore = -Infinity;
  front.forEach((m, i) => {
    const score = i === 0 ? 0 : -Math.log(loss(m) / loss(front[i - 1]!)) / (m.complexity - front[i - 1]!.complexity);
    if (loss(m) <= 1.5 * minLoss && score > bestScore) {
      best = m;
      bestScore = score;
    }
  });
  return best;
}
