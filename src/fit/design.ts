/** Space-filling starting points: a Latin hypercube in [0, 1]^d, the best of a few by maximin distance. */
import { Rng } from '../numeric/random.js';

function latinHypercube(n: number, d: number, rng: Rng): number[][] {
  const pts = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const perm = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) {
      const r = rng.int(k + 1);
      [perm[k], perm[r]] = [perm[r]!, perm[k]!];
    }
    for (let k = 0; k < n; k++) pts[k]![j] = (perm[k]! + rng.next()) / n;
  }
  return pts;
}

function minDistance(pts: number[][]): number {
  let m = Infinity;
  for (let a = 0; a < pts.length; a++) {
    for (let b = a + 1; b < pts.length; b++) {
      let s = 0;
      for (let j = 0; j < pts[a]!.length; j++) s += (pts[a]![j]! - pts[b]![j]!) ** 2;
      m = Math.min(m, s);
    }
  }
  return m;
}

/** n points in [0,1]^d from the seed: the most spread of 20 Latin hypercubes. */
export function spaceFillingDesign(n: number, d: number, seed: number): number[][] {
  const rng = new Rng(seed);
  let best = latinHypercube(n, d, rng);
  let bestD = minDistance(best);
  for (let k = 1; k < 20; k++) {
    const c = latinHypercube(n, d, rng);
    const m = minDistance(c);
    if (m > bestD) [best, bestD] = [c, m];
  }
  return best;
}
