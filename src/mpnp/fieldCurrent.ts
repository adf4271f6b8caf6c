/** Cell-centred ionic current density (x, y) of a 2D state, averaged from the Scharfetter-Gummel face fluxes. */
import { bernoulli } from './bernoulli.js';
import { packing } from './species.js';
import type { MpnpSystem } from './system.js';

export function cellCurrentDensity(sys: MpnpSystem): { jx: Float64Array; jy: Float64Array } {
  const m = sys.mesh;
  const x = sys.x;
  const jx = new Float64Array(sys.n);
  const jy = new Float64Array(sys.n);
  const sp = sys.sp;
  const mu = (i: number): number => -Math.log(1 - packing(sp, x[3 * i + 1]!, x[3 * i + 2]!));
  for (let f = 0; f < m.faceA.length; f++) {
    const a = m.faceA[f]!;
    const b = m.faceB[f]!;
    const h = m.faceDist[f]!;
    const dphi = x[3 * b]! - x[3 * a]!;
    const dmu = mu(b) - mu(a);
    let j = 0;
    for (let s = 1; s <= 2; s++) {
      const z = s === 1 ? sp.zPlus : sp.zMinus;
      const q = s === 1 ? sp.qPlus : sp.qMinus;
      const dw = z * dphi + (s === 1 ? sp.stericPlus : sp.stericMinus) * dmu;
      j += (q * (s === 1 ? sys.k.dPlus : sys.k.dMinus) * (bernoulli(dw) * x[3 * a + s]! - bernoulli(-dw) * x[3 * b + s]!)) / h;
    }
    // a face between horizontally adjacent cells carries x-current, otherwise y-current
    const horizontal = Math.abs(m.cx[b]! - m.cx[a]!) > Math.abs(m.cy[b]! - m.cy[a]!);
    const target = horizontal ? jx : jy;
    target[a]! += 0.5 * j;
    target[b]! += 0.5 * j;
  }
  return { jx, jy };
}
