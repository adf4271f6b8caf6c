/**
 * C_slit of every slit from a run's series, as the extraction does it (shared docs/mpnp.md):
 * C_slit = sum |Q_i| V_i / sum V_i^2 with V_i = |phi_m - phi_i|, skipping V_i below 2% of its
 * maximum; per unit area of one sheet face (sheet length times depth).
 */
import type { SlitSeries } from '../series/slitSeries.js';
import type { NetworkMesh } from './network.js';

export function slitCapacitanceOf(q: Float64Array, phi: Float64Array, phiM: Float64Array): number {
  let vMax = 0;
  for (let k = 0; k < q.length; k++) vMax = Math.max(vMax, Math.abs(phiM[k]! - phi[k]!));
  let num = 0;
  let den = 0;
  for (let k = 0; k < q.length; k++) {
    const v = Math.abs(phiM[k]! - phi[k]!);
    if (v < 0.02 * vMax) continue;
    num += Math.abs(q[k]!) * v;
    den += v * v;
  }
  return den > 0 ? num / den : NaN;
}

/** Per slit, F/m^2 of one wall (the charge of slit i over sheetLength x depth). */
export function slitCapacitances(s: SlitSeries, net: NetworkMesh): number[] {
  const area = net.geometry.sheetLength * net.geometry.depth;
  return s.charge.map((q, i) => slitCapacitanceOf(q, s.phi[i]!, s.phiM) / area);
}
