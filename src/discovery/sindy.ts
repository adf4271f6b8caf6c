/**
 * Sparse-regression baseline (SINDy, Brunton et al. 2016): sequentially thresholded least squares
 * over a library of monomials of the features up to a degree. Each threshold of a log-spaced sweep
 * gives one sparse model; the models form the same complexity-error front as the evolution and the
 * same rule picks the best one. The law of the paper is linear in {I, I Q}, so it is in the library.
 */
import { linearLeastSquares } from '../numeric/leastSquares.js';
import type { DiscoveryData, DiscoveryResult } from './engine.js';
import { targetStats } from './fitness.js';
import { SELECTION_WINDOW, paretoFront, selectModel, toModel, type DiscoveredModel } from './model.js';
import { CONST_BASE, OP, VAR_BASE } from './operators.js';
import { Program } from './program.js';

export interface SindyOptions {
  /** Highest total degree of the monomials (the constant term is included). */
  degree: number;
  /** Thresholds on |coefficient| of unit-RMS columns against a unit-RMS target. */
  thresholds: number[];
  normalize: boolean;
  iterations: number;
  /** Window of the knee rule (model.ts, selectModel). */
  selectionWindow: number;
}

export const DEFAULT_SINDY: SindyOptions = {
  degree: 2,
  thresholds: Array.from({ length: 25 }, (_, k) => 10 ** (-5 + (5 * k) / 24)),
  normalize: true,
  selectionWindow: SELECTION_WINDOW,
  iterations: 10,
};

/** Exponent vectors of all monomials up to `degree` in `vars` variables, constant first. */
export function monomials(vars: number, degree: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], left: number): void => {
    if (prefix.length === vars) {
      out.push(prefix);
      return;
    }
    for (let e = 0; e <= left; e++) rec([...prefix, e], left - e);
  };
  rec([], degree);
  return out.sort((a, b) => a.reduce((s, v) => s + v, 0) - b.reduce((s, v) => s + v, 0));
}

function rms(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  const r = Math.sqrt(s / a.length);
  return r > 0 ? r : 1;
}

/** STLSQ for one threshold: the active set and its coefficients (zeros elsewhere). */
export function stlsq(columns: Float64Array[], y: Float64Array, threshold: number, iterations: number): number[] {
  let active = columns.map((_, k) => k);
  let coef = new Array<number>(columns.length).fill(0);
  for (let it = 0; it <= iterations; it++) {
    if (active.length === 0) return new Array<number>(columns.length).fill(0);
    const fit = linearLeastSquares(active.map((k) => columns[k]!), y);
    coef = new Array<number>(columns.length).fill(0);
    active.forEach((k, j) => (coef[k] = fit.coef[j]!));
    const keep = active.filter((k) => Math.abs(coef[k]!) >= threshold);
    if (keep.length === active.length) break;
    active = keep;
  }
  return coef;
}

export function sindy(data: DiscoveryData, options: Partial<SindyOptions> = {}): DiscoveryResult {
  const o = { ...DEFAULT_SINDY, ...options };
  const start = performance.now();
  const nv = data.features.length;
  const featureScales = data.features.map((f) => (o.normalize ? rms(f) : 1));
  const targetScale = o.normalize ? rms(data.target) : 1;
  const xs = data.features.map((f, j) => Float64Array.from(f, (v) => v / featureScales[j]!));
  const y = Float64Array.from(data.target, (v) => v / targetScale);
  const n = y.length;
  const terms = monomials(nv, o.degree);
  const columns = terms.map((e) => {
    const c = new Float64Array(n).fill(1);
    e.forEach((p, j) => {
      for (let k = 0; k < p; k++) for (let i = 0; i < n; i++) c[i] = c[i]! * xs[j]![i]!;
    });
    return c;
  });
  // Unit-RMS columns so that one threshold means the same for every term.
  const colScale = columns.map(rms);
  const unit = columns.map((c, k) => Float64Array.from(c, (v) => v / colScale[k]!));
  const sst = targetStats(y).sst;
  const maxLength = terms.length * (2 * o.degree + 2) + 4;
  const models: DiscoveredModel[] = [];
  const seen = new Set<string>();
  let evaluations = 0;
  for (const t of o.thresholds) {
    const c = stlsq(unit, y, t, o.iterations);
    evaluations++;
    const key = c.map((v) => (v === 0 ? 0 : 1)).join('');
    if (seen.has(key) || !c.some((v) => v !== 0)) continue;
    seen.add(key);
    // As a program: sum of c_k * monomial_k in postfix, constants in the pool.
    const p = new Program({ maxLength, maxDepth: 99, maxConstants: terms.length });
    let len = 0;
    let nc = 0;
    let termsWritten = 0;
    c.forEach((v, k) => {
      if (v === 0) return;
      p.consts[nc] = v / colScale[k]!;
      p.tokens[len++] = CONST_BASE + nc++;
      terms[k]!.forEach((pw, j) => {
        for (let q = 0; q < pw; q++) {
          p.tokens[len++] = VAR_BASE + j;
          p.tokens[len++] = OP['*'];
        }
      });
      if (termsWritten++ > 0) p.tokens[len++] = OP['+'];
    });
    p.length = len;
    p.constCount = nc;
    p.a = 0;
    p.b = 1;
    let sse = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      c.forEach((v, k) => (f += v * unit[k]![i]!));
      sse += (y[i]! - f) ** 2;
    }
    p.error = sse / sst;
    models.push(toModel(p, data.names, featureScales, targetScale, false));
  }
  const front = paretoFront(models);
  const selection = selectModel(front, o.selectionWindow);
  return {
    front,
    best: selection.model,
    selection,
    generations: 0,
    evaluations,
    nodeEvaluations: 0,
    elapsedSeconds: (performance.now() - start) / 1000,
    stoppedBy: 'generations',
  };
}
