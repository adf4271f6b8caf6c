/**
 * Plot decimation (src/io/plotDecimation.ts): the kept rows draw the same line at the plot's size.
 * Every dropped point must lie within 2 x PLOT_TOLERANCE_PX pixels of the drawn polyline (the bound
 * of simplify-js's radial pass followed by Ramer-Douglas-Peucker), and the extremes that set vega's
 * axis domains must be kept.
 */
import { describe, expect, it } from 'vitest';
import { extentOf, lineIndices, PLOT_TOLERANCE_PX } from '../../src/io/plotDecimation.js';
import { PLOT_FRAME } from '../../src/io/plotFrame.js';

/** Largest pixel distance from any point from..to to the polyline through the kept points. */
function worstDeviation(x: ArrayLike<number>, y: ArrayLike<number>, kept: number[], xs: { min: number; max: number }, ys: { min: number; max: number }): number {
  const sx = PLOT_FRAME.width / (xs.max - xs.min);
  const sy = PLOT_FRAME.height / (ys.max - ys.min);
  const px = (k: number): [number, number] => [(x[k]! - xs.min) * sx, (y[k]! - ys.min) * sy];
  let worst = 0;
  for (let s = 0; s + 1 < kept.length; s++) {
    const [ax, ay] = px(kept[s]!);
    const [bx, by] = px(kept[s + 1]!);
    for (let k = kept[s]! + 1; k < kept[s + 1]!; k++) {
      const [cx, cy] = px(k);
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const u = len2 > 0 ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2)) : 0;
      worst = Math.max(worst, Math.hypot(cx - (ax + u * dx), cy - (ay + u * dy)));
    }
  }
  return worst;
}

describe('plot decimation to the picture', () => {
  it('keeps a 20,000-point transient within 0.4 px with a few hundred points, ends and extremes kept', () => {
    const n = 20_000;
    const t = Float64Array.from({ length: n }, (_, k) => (k / (n - 1)) * 40e-6);
    // charging curve with a tiny undershoot at the start, as the CV charge plot has
    const q = t.map((s) => 2.6e-9 * (1 - Math.exp(-s / 4e-6)) * Math.abs(Math.sin((Math.PI * s) / 20e-6)) - (s < 1e-7 ? 1e-12 : 0));
    const xs = extentOf([t]);
    const ys = extentOf([q]);
    const kept = lineIndices(t, q, 0, n - 1, xs, ys);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(n - 1);
    expect(kept.length).toBeLessThan(n / 20);
    expect(worstDeviation(t, q, kept, xs, ys)).toBeLessThanOrEqual(2 * PLOT_TOLERANCE_PX);
    let argMin = 0;
    let argMax = 0;
    for (let k = 0; k < n; k++) {
      if (q[k]! < q[argMin]!) argMin = k;
      if (q[k]! > q[argMax]!) argMax = k;
    }
    expect(kept).toContain(argMin);
    expect(kept).toContain(argMax);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('decimates a closed CV loop whose x goes back (a parametric curve), within 0.4 px', () => {
    const n = 8000;
    const E = new Float64Array(n);
    const I = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const phase = k / (n - 1); // 0 -> 0.2 V -> 0
      E[k] = phase < 0.5 ? 0.4 * phase : 0.4 * (1 - phase);
      const rising = phase < 0.5;
      const s = rising ? phase * 2 : (phase - 0.5) * 2;
      I[k] = (rising ? 1 : -1) * 1.8e-3 * (1 - Math.exp(-s * 20));
    }
    const xs = extentOf([E]);
    const ys = extentOf([I]);
    const kept = lineIndices(E, I, 0, n - 1, xs, ys);
    expect(kept.length).toBeLessThan(n / 10);
    expect(worstDeviation(E, I, kept, xs, ys)).toBeLessThanOrEqual(2 * PLOT_TOLERANCE_PX);
  });

  it('leaves out non-finite points (vega-lite drops them) and keeps a straight line as its ends', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [0, 1, Number.NaN, 3, 4, 5];
    expect(lineIndices(x, y, 0, 5, extentOf([x]), extentOf([y]))).toEqual([0, 5]);
    expect(extentOf([[Number.NaN, 2, Number.POSITIVE_INFINITY, -1]])).toEqual({ min: -1, max: 2 });
    expect(lineIndices(x, y, 3, 2, extentOf([x]), extentOf([y]))).toEqual([]);
  });
});
