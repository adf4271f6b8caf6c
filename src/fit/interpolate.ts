/** Linear interpolation of a sampled signal at query points (both axes increasing); clamps at the ends. */
export function interpolateAt(x: ArrayLike<number>, y: ArrayLike<number>, xq: ArrayLike<number>, out = new Float64Array(xq.length)): Float64Array {
  const n = x.length;
  let k = 1;
  for (let q = 0; q < xq.length; q++) {
    const t = xq[q]!;
    if (t <= x[0]!) {
      out[q] = y[0]!;
      continue;
    }
    if (t >= x[n - 1]!) {
      out[q] = y[n - 1]!;
      continue;
    }
    // Queries usually increase: walk on from the last bracket, restart when one goes back.
    if (x[k - 1]! > t) k = 1;
    while (k < n - 1 && x[k]! < t) k++;
    const x0 = x[k - 1]!, x1 = x[k]!;
    const s = x1 > x0 ? (t - x0) / (x1 - x0) : 1;
    out[q] = y[k - 1]! + s * (y[k]! - y[k - 1]!);
  }
  return out;
}
