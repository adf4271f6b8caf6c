/**
 * Integral quantities of a discrete state (dimensionless): electrode charge, ionic charge, and the
 * charge flux through the reservoir boundary. They satisfy the discrete Gauss law
 * Q_el + Q_ion - 2 Phi_res = 0 exactly (sum of the Poisson rows).
 */
import { bernoulli } from './bernoulli.js';
import { RESERVOIR, WALL } from './mesh.js';
import { packing } from './species.js';
import type { MpnpSystem } from './system.js';

/**
 * Electrode charge 2 sum A (phi_m - phi)/(lambda_S + h/2) over the Stern walls at +phi_m (sign 1) or
 * at -phi_m (sign -1, a counter electrode), in units of e N_A c0 lambda_D.
 */
export function electrodeCharge(sys: MpnpSystem, sign: 1 | -1 = 1): number {
  const m = sys.mesh;
  let q = 0;
  for (let f = 0; f < m.bCell.length; f++) {
    if (m.bKind[f] !== WALL || m.bSign[f] !== sign) continue;
    q += (2 * m.bArea[f]! * (sign * sys.phiM - sys.x[3 * m.bCell[f]!]!)) / sys.wallDistance(f);
  }
  return q;
}

/** Net ionic charge sum V (q+ c+ + q- c-) (sum V (c+ - c-) for a z:z salt). */
export function ionicCharge(sys: MpnpSystem, cells?: ArrayLike<number>): number {
  const m = sys.mesh;
  let q = 0;
  const n = cells ? cells.length : m.nCells;
  for (let k = 0; k < n; k++) {
    const i = cells ? cells[k]! : k;
    q += m.volume[i]! * (sys.sp.qPlus * sys.x[3 * i + 1]! + sys.sp.qMinus * sys.x[3 * i + 2]!);
  }
  return q;
}

/** Outward electric-field flux through the reservoir boundary, sum A phi / (h/2). */
export function reservoirFieldFlux(sys: MpnpSystem): number {
  const m = sys.mesh;
  let s = 0;
  for (let f = 0; f < m.bCell.length; f++) {
    if (m.bKind[f] !== RESERVOIR) continue;
    s += (m.bArea[f]! * sys.x[3 * m.bCell[f]!]!) / m.bDist[f]!;
  }
  return s;
}

/** Ionic charge current leaving through the reservoir boundary (SG fluxes, as in the residual). */
export function reservoirIonCurrent(sys: MpnpSystem): number {
  const m = sys.mesh;
  const sp = sys.sp;
  let s = 0;
  for (let f = 0; f < m.bCell.length; f++) {
    if (m.bKind[f] !== RESERVOIR) continue;
    const a = m.bCell[f]!;
    const g = m.bArea[f]! / m.bDist[f]!;
    const pa = sys.x[3 * a]!;
    const mua = -Math.log(1 - packing(sp, sys.x[3 * a + 1]!, sys.x[3 * a + 2]!));
    for (let k = 1; k <= 2; k++) {
      const z = k === 1 ? sp.zPlus : sp.zMinus;
      const q = k === 1 ? sp.qPlus : sp.qMinus;
      const st = k === 1 ? sp.stericPlus : sp.stericMinus;
      const kf = g * (k === 1 ? sys.k.dPlus : sys.k.dMinus);
      const dw = -z * pa + st * sys.muBulk - st * mua;
      s += q * kf * (bernoulli(dw) * sys.x[3 * a + k]! - bernoulli(-dw));
    }
  }
  return s;
}

/** Ion content sum V c for species 1 (cation) or 2 (anion). */
export function ionContent(sys: MpnpSystem, species: 1 | 2): number {
  let s = 0;
  for (let i = 0; i < sys.n; i++) s += sys.mesh.volume[i]! * sys.x[3 * i + species]!;
  return s;
}
