/**
 * Exact recovery as SRBench judges it (La Cava et al. 2021): after rounding the model's constants to
 * 3 decimals, the model is a symbolic solution when model - truth or model / truth is a constant.
 * SRBench asks SymPy; here the same question is answered by evaluation: the rounded display form
 * (the canonical expression people read, `DiscoveredModel.expression`) and the truth are compared on
 * many random points of the problem's domain, and the difference or the ratio must not vary beyond
 * rounding (1e-8 relative). Two different closed forms agree on a few hundred random real points only
 * on a set of measure zero, so this is the symbolic test up to that probability.
 */
import { evaluateExpr, type Expr } from '../expression.js';
import type { DiscoveredModel } from '../model.js';

/** Every number rounded to `decimals` decimal places (SRBench: 3). */
export function roundConstants(e: Expr, decimals = 3): Expr {
  const k = 10 ** decimals;
  if (e.kind === 'num') return { kind: 'num', value: Math.round(e.value * k) / k };
  if (e.kind === 'var') return e;
  return { kind: 'op', op: e.op, args: e.args.map((a) => roundConstants(a, decimals)) };
}

/** Relative spread of a series around its mean: max |v - mean| / scale. */
function spread(v: readonly number[], scale: number): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.max(...v.map((x) => Math.abs(x - m))) / scale;
}

/**
 * True when the model, its constants rounded, differs from the truth by a constant or a constant
 * factor on every given point (points where the truth is not finite are skipped).
 */
export function symbolicSolution(m: DiscoveredModel, truth: (x: readonly number[]) => number, points: readonly number[][], tolerance = 1e-8): boolean {
  const e = roundConstants(m.expression);
  const diff: number[] = [];
  const ratio: number[] = [];
  let scale = 0;
  for (const x of points) {
    const t = truth(x);
    if (!Number.isFinite(t)) continue;
    const v = evaluateExpr(e, x);
    if (!Number.isFinite(v)) return false;
    diff.push(v - t);
    if (t !== 0) ratio.push(v / t);
    scale = Math.max(scale, Math.abs(t));
  }
  if (diff.length < points.length / 2) return false;
  if (spread(diff, Math.max(scale, 1e-300)) <= tolerance) return true;
  const meanRatio = ratio.reduce((a, b) => a + b, 0) / ratio.length;
  return ratio.length === diff.length && meanRatio !== 0 && spread(ratio, Math.abs(meanRatio)) <= tolerance;
}
