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

/** The rows holding each axis's smallest and largest value: vega takes the axis domains from the rows. */
class Extremes {
  private readonly v = Float64Array.of(Infinity, -Infinity, Infinity, -Infinity);
  private readonly k = Int32Array.of(-1, -1, -1, -1);
  consider(x: number, y: number, k: number): void {
    const { v, k: at } = this;
    if (x < v[0]!) {
      v[0] = x;
      at[0] = k;
    }
    if (x > v[1]!) {
      v[1] = x;
      at[1] = k;
    }
    if (y < v[2]!) {
      v[2] = y;
      at[2] = k;
    }
    if (y > v[3]!) {
      v[3] = y;
      at[3] = k;
    }
  }
  /** `kept` with the extreme rows added, sorted (the time order). */
  with(kept: number[]): number[] {
    const all = new Set(kept);
    for (const k of this.k) if (k >= 0) all.add(k);
    return [...all].sort((a, b) => a - b);
  }
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
  const ext = new Extremes();
  const budget = Math.max(20_000, Math.floor(MAX_CANDIDATES / Math.max(1, lines)));
  const stride = n <= budget ? 1 : (n - 1) / (budget - 1);
  // simplify-js's radial-distance pass, done here on the numbers: a point object is made only for
  // the points it keeps (a run's rows are mostly dropped), then simplify-js runs Douglas-Peucker.
  const tol2 = PLOT_TOLERANCE_PX * PLOT_TOLERANCE_PX;
  const pts: Pt[] = [];
  let prev: Pt | undefined;
  let lastK = -1;
  let lastX = 0;
  let lastY = 0;
  let k = -1;
  for (let j = 0; k < to; j++) {
    const next = stride === 1 ? from + j : from + Math.round(j * stride);
    if (next === k) continue;
    k = next;
    const xv = x[k]!;
    const yv = y[k]!;
    if (!(Number.isFinite(xv) && Number.isFinite(yv))) continue;
    lastX = (xv - xs.min) * sx;
    lastY = (yv - ys.min) * sy;
    lastK = k;
    ext.consider(lastX, lastY, k); // every point, kept or not
    if (prev === undefined || (lastX - prev.x) ** 2 + (lastY - prev.y) ** 2 > tol2) {
      prev = { x: lastX, y: lastY, k };
      pts.push(prev);
    }
  }
  // the line's last point is always kept (as simplify-js's radial pass does)
  if (prev !== undefined && prev.k !== lastK) pts.push({ x: lastX, y: lastY, k: lastK });
  if (pts.length <= 2) return ext.with(pts.map((p) => p.k));
  // simplify-js returns a subset of the very objects it is given (its types say only Point);
  // highQuality: its own radial pass is the one above.
  const kept = new Set((simplify(pts, PLOT_TOLERANCE_PX, true) as Pt[]).map((p) => p.k));
  return ext.with([...kept]);
}
