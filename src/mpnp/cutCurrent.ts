/**
 * Charge current through a set of internal faces (a cut), oriented from faceA to faceB, split into
 * diffusion and steric parts (central face formulas), migration (the Scharfetter-Gummel total minus
 * those two, so the parts add up exactly) and the electric-field flux whose time derivative gives
 * the displacement current. Dimensionless; no allocation.
 */
import { bernoulli } from './bernoulli.js';
import { packing } from './species.js';
import type { MpnpSystem } from './system.js';

export interface CutCurrent {
  total: number;
  migration: number;
  diffusion: number;
  steric: number;
  /** sum A E_n: the displacement current is 2 d/dt of it. */
  fieldFlux: number;
}

export function cutCurrent(sys: MpnpSystem, faces: Int32Array, out: CutCurrent): CutCurrent {
  const m = sys.mesh;
  const x = sys.x;
  const { dPlus, dMinus } = sys.k;
  const sp = sys.sp;
  // per-species weights of the charge current (q_i D_i) and of its steric part (q_i s_i D_i)
  const qdP = sp.qPlus * dPlus;
  const qdM = sp.qMinus * dMinus;
  const qsdP = sp.qPlus * sp.stericPlus * dPlus;
  const qsdM = sp.qMinus * sp.stericMinus * dMinus;
  let total = 0;
  let diff = 0;
  let ster = 0;
  let field = 0;
  for (let k = 0; k < faces.length; k++) {
    const f = faces[k]!;
    const a = m.faceA[f]!;
    const b = m.faceB[f]!;
    const g = m.faceArea[f]! / m.faceDist[f]!;
    const pa = x[3 * a]!;
    const pb = x[3 * b]!;
    const cpa = x[3 * a + 1]!;
    const cpb = x[3 * b + 1]!;
    const cma = x[3 * a + 2]!;
    const cmb = x[3 * b + 2]!;
    const mua = -Math.log(1 - packing(sp, cpa, cma));
    const mub = -Math.log(1 - packing(sp, cpb, cmb));
    const dwp = sp.zPlus * (pb - pa) + sp.stericPlus * mub - sp.stericPlus * mua;
    const dwm = sp.zMinus * (pb - pa) + sp.stericMinus * mub - sp.stericMinus * mua;
    const fp = qdP * g * (bernoulli(dwp) * cpa - bernoulli(-dwp) * cpb);
    const fm = qdM * g * (bernoulli(dwm) * cma - bernoulli(-dwm) * cmb);
    total += fp + fm;
    diff += -g * (qdP * (cpb - cpa) + qdM * (cmb - cma));
    ster += -g * (qsdP * 0.5 * (cpa + cpb) + qsdM * 0.5 * (cma + cmb)) * (mub - mua);
    field += -g * (pb - pa);
  }
  out.total = total;
  out.diffusion = diff;
  out.steric = ster;
  out.migration = total - diff - ster;
  out.fieldFlux = field;
  return out;
}
