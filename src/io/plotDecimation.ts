/**
 * Line-plot data decimated to the picture's resolution. A 20,000-row series drawn 560 pixels wide
 * puts dozens of points in each pixel column, and vega's rendering time grows with the rows. The
 * points are mapped to the plot's pixels and simplified by simplify-js (a radial-distance pass,
 * then Ramer-Douglas-Peucker): every dropped point lies within 2 x PLOT_TOLERANCE_PX of the drawn
 * line, so the picture is the same to well under the 1.2-1.5 pixel stroke. The CSVs stay whole.
 * Works on any curve, including CV loops whose x goes back and forth.
 */
import simplify from 'simplify-js';
import { PLOT_FRAME } from './plotFrame.js';

/** Tolerance of each of simplify-js's two passes, in pixels of the plot (so at most 0.4 px in all). */
export const PLOT_TOLERANCE_PX = 0.2;
/**
 * Points of one plot handed to the simplification at most (evenly spaced beyond that): its
 * point objects cost memory. Runs up to this many steps are decimated from every point.
 */
const MAX_CANDIDATES = 400_000;

export interface Extent {
  min: number;
  max: number;
}

/** Range of the finite values of `cols` (every row): the data part of the plot's axis domain. */
export function extentOf(cols: readonly ArrayLike<number>[]): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (const c of cols) {
    for (let k = 0; k < c.length; k++) {
      const v = c[k]!;
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : { min: 0, max: 1 };
}

interface Pt {
  x: number;
  y: number;
  k: number;
}

/**
 * Rows of one line (indices from..to of `x`, `y`, in order) that draw the same picture at the
 * plot's size, given the extents of its axes (vega's domain contains them, and is often wider,
 * which only makes a pixel hold more data). `lines` is the number of lines sharing the plot: it
 * divides the budget of candidate points. Non-finite points are left out (vega-lite drops them).
 */
export function lineIndices(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number, xs: Extent, ys: Extent, lines = 1): number[] {
  const n = to - from + 1;
  if (n <= 0) return [];
  // Pixels per data unit; a flat axis maps to one pixel.
  const sx = PLOT_FRAME.width / (xs.max - xs.min || 1);
  const sy = PLOT_FRAME.height / (ys.max - ys.min || 1);
  const budget = Math.max(20_000, Math.floor(MAX_CANDIDATES / Math.max(1, lines)));
  const stride = n <= budget ? 1 : (n - 1) / (budget - 1);
  const pts: Pt[] = [];
  let last = -1;
  for (let j = 0; ; j++) {
    const k = stride === 1 ? from + j : from + Math.round(j * stride);
    if (k > to) break;
    if (k === last) continue;
    last = k;
    const xv = x[k]!;
    const yv = y[k]!;
    if (Number.isFinite(xv) && Number.isFinite(yv)) pts.push({ x: (xv - xs.min) * sx, y: (yv - ys.min) * sy, k });
    if (k === to) break;
  }
  if (pts.length <= 2) return pts.map((p) => p.k);
  // simplify-js returns a subset of the very objects it is given (its types say only Point).
  const kept = new Set((simplify(pts, PLOT_TOLERANCE_PX) as Pt[]).map((p) => p.k));
  // vega takes the axis domains from the rows: keep each line's extreme points so they stay the same.
  let [x0, x1, y0, y1] = [pts[0]!, pts[0]!, pts[0]!, pts[0]!];
  for (const p of pts) {
    if (p.x < x0.x) x0 = p;
    if (p.x > x1.x) x1 = p;
    if (p.y < y0.y) y0 = p;
    if (p.y > y1.y) y1 = p;
  }
  for (const p of [x0, x1, y0, y1]) kept.add(p.k);
  return [...kept].sort((a, b) => a - b);
}
