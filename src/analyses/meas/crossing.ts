/**
 * Where a sampled signal crosses a level, and its value at a point: linear interpolation between
 * recorded points, as ngspice's `.meas` does.
 */

/** y interpolated at x = at; undefined outside [x0, xEnd]. x must be non-decreasing. */
export function interpolateAt(x: ArrayLike<number>, y: ArrayLike<number>, at: number): number | undefined {
  const n = x.length;
  if (n === 0 || !(at >= x[0]! && at <= x[n - 1]!)) return undefined;
  // Last index with x[lo] <= at (binary search; runs can have 10^5 points).
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  if (x[lo]! === at || lo === n - 1) return y[lo]!;
  const x0 = x[lo]!;
  const x1 = x[lo + 1]!;
  if (x1 === x0) return y[lo + 1]!;
  return y[lo]! + ((y[lo + 1]! - y[lo]!) * (at - x0)) / (x1 - x0);
}

export interface CrossingQuery {
  level: number;
  edge: 'rise' | 'fall' | 'cross';
  /** 1-based count, or the last crossing. */
  n: number | 'last';
  /** Crossings at x < delay are not counted. */
  delay: number;
}

/**
 * The x of the n-th crossing of `level`. A rise goes from below the level to at or above it
 * between two consecutive points (a fall the other way), so a signal that touches the level and
 * turns back counts once, not twice.
 */
export function findCrossing(x: ArrayLike<number>, y: ArrayLike<number>, q: CrossingQuery): number | undefined {
  let count = 0;
  let last: number | undefined;
  for (let k = 1; k < x.length; k++) {
    const y0 = y[k - 1]! - q.level;
    const y1 = y[k]! - q.level;
    const rise = y0 < 0 && y1 >= 0;
    const fall = y0 > 0 && y1 <= 0;
    if (!(q.edge === 'rise' ? rise : q.edge === 'fall' ? fall : rise || fall)) continue;
    const xc = x[k - 1]! + ((x[k]! - x[k - 1]!) * -y0) / (y1 - y0);
    if (xc < q.delay) continue;
    count++;
    if (q.n === 'last') last = xc;
    else if (count === q.n) return xc;
  }
  return q.n === 'last' ? last : undefined;
}
