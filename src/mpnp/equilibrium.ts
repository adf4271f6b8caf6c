/**
 * Grand-canonical equilibrium with the reservoir (phi = 0, c = c0): the ions follow the Bikerman
 * distribution c+- / c0 = exp(-+phi) / (1 - nu + nu cosh phi) (1:1, one size), in general the
 * lattice-gas distribution of species.ts, and only Poisson is solved, on the
 * same finite-volume mesh and with the same Stern walls as the mPNP system. Because the
 * Scharfetter-Gummel fluxes vanish exactly on this distribution, the result is also a discrete
 * steady state of mPNP (used for slits that exchange ions with a reservoir out of plane).
 */
import { BandMatrix } from './bandLu.js';
import { RESERVOIR, WALL, type FvMesh } from './mesh.js';
import { symmetricSpecies, type SpeciesConstants } from './species.js';
import type { ModelConstants } from './system.js';
import { ConvergenceError } from '../diagnostics.js';

export function bikermanConcentrations(phi: number, nu: number): { plus: number; minus: number } {
  const den = 1 - nu + nu * Math.cosh(phi);
  return { plus: Math.exp(-phi) / den, minus: Math.exp(phi) / den };
}

/** Equilibrium concentrations (c / c_bulk) at potential psi (kT/e), the charge density rho = q+ c+ + q- c- and d rho / d psi. */
export interface EquilibriumDensity {
  plus: number;
  minus: number;
  rho: number;
  drho: number;
  /** t = ln((1 - phi) / (1 - phi_bulk)), the solvent's log share relative to the bulk. */
  t: number;
}

/**
 * The lattice-gas (generalised Bikerman) distribution: c_i = exp(-z_i psi) u^{s_i} with
 * u = (1 - phi) / (1 - phi_bulk) the solvent's share, which solves
 * F(t) = (1 - phi_b) e^t + sum_i p_i exp(-z_i psi) e^{s_i t} - 1 = 0, t = ln u. F is increasing and
 * convex in t, so Newton from the smallest single-term root (where F >= 0) falls monotonically
 * onto the root. One size (all s_i = 1) has the closed form e^-t = 1 - phi_b + sum_i p_i exp(-z_i psi).
 */
export function equilibriumDensity(psi: number, sp: SpeciesConstants): EquilibriumDensity {
  if (sp.symmetric) {
    const nu = 2 * sp.packPlus;
    const den = 1 - nu + nu * Math.cosh(psi);
    return {
      plus: Math.exp(-psi) / den,
      minus: Math.exp(psi) / den,
      rho: (-2 * Math.sinh(psi)) / den,
      drho: (-2 * (1 - nu) * Math.cosh(psi) - 2 * nu) / (den * den),
      t: -Math.log(den),
    };
  }
  const free = 1 - sp.packPlus - sp.packMinus;
  // F written with expm1 (the bulk terms cancel exactly): t keeps its relative precision for tiny ions
  const yp = -sp.zPlus * psi;
  const ym = -sp.zMinus * psi;
  let t: number;
  if (sp.stericPlus === 1 && sp.stericMinus === 1) t = -Math.log1p(sp.packPlus * Math.expm1(yp) + sp.packMinus * Math.expm1(ym));
  else {
    t = -Math.log(free);
    if (sp.packPlus > 0) t = Math.min(t, -(Math.log(sp.packPlus) + yp) / sp.stericPlus);
    if (sp.packMinus > 0) t = Math.min(t, -(Math.log(sp.packMinus) + ym) / sp.stericMinus);
    for (let it = 0; it < 200; it++) {
      const bp = sp.packPlus * Math.exp(yp + sp.stericPlus * t);
      const bm = sp.packMinus * Math.exp(ym + sp.stericMinus * t);
      const f = free * Math.expm1(t) + sp.packPlus * Math.expm1(yp + sp.stericPlus * t) + sp.packMinus * Math.expm1(ym + sp.stericMinus * t);
      const dt = f / (free * Math.exp(t) + sp.stericPlus * bp + sp.stericMinus * bm);
      t -= dt;
      // relative to t itself: with tiny ions t is tiny and (phi - phi_b + t) / v_0 needs all its digits
      if (Math.abs(dt) <= 4e-16 * Math.abs(t)) break;
    }
  }
  const plus = Math.exp(yp + sp.stericPlus * t);
  const minus = Math.exp(ym + sp.stericMinus * t);
  // dt/dpsi from F(t(psi), psi) = 0
  const tp = (sp.packPlus * sp.zPlus * plus + sp.packMinus * sp.zMinus * minus) / (free * Math.exp(t) + sp.packPlus * sp.stericPlus * plus + sp.packMinus * sp.stericMinus * minus);
  const dPlus = plus * (-sp.zPlus + sp.stericPlus * tp);
  const dMinus = minus * (-sp.zMinus + sp.stericMinus * tp);
  return { plus, minus, rho: sp.qPlus * plus + sp.qMinus * minus, drho: sp.qPlus * dPlus + sp.qMinus * dMinus, t };
}

/**
 * Solves the Poisson-Bikerman equilibrium at electrode potential phiM (kT/e). Returns phi per cell
 * (dimensionless); throws if Newton does not converge.
 */
export function solveEquilibrium(mesh: FvMesh, k: ModelConstants, phiM: number, start?: Float64Array): Float64Array {
  const n = mesh.nCells;
  const phi = start ? Float64Array.from(start) : new Float64Array(n);
  const res = new Float64Array(n);
  const A = new BandMatrix(n, mesh.cellBandwidth, mesh.cellBandwidth);
  const sp = k.species ?? symmetricSpecies(k.nu);
  for (let it = 0; it < 100; it++) {
    A.zero();
    for (let i = 0; i < n; i++) {
      const d = equilibriumDensity(phi[i]!, sp);
      res[i] = 0.5 * mesh.volume[i]! * d.rho;
      A.add(i, i, 0.5 * mesh.volume[i]! * d.drho);
    }
    for (let f = 0; f < mesh.faceA.length; f++) {
      const a = mesh.faceA[f]!;
      const b = mesh.faceB[f]!;
      const g = mesh.faceArea[f]! / mesh.faceDist[f]!;
      res[a]! += g * (phi[b]! - phi[a]!);
      res[b]! -= g * (phi[b]! - phi[a]!);
      A.add(a, a, -g);
      A.add(a, b, g);
      A.add(b, b, -g);
      A.add(b, a, g);
    }
    for (let f = 0; f < mesh.bCell.length; f++) {
      const a = mesh.bCell[f]!;
      const wall = mesh.bKind[f] === WALL;
      const g = mesh.bArea[f]! / (mesh.bDist[f]! + (wall ? k.lambdaS : 0));
      const target = mesh.bKind[f] === RESERVOIR ? 0 : mesh.bSign[f]! * phiM;
      res[a]! += g * (target - phi[a]!);
      A.add(a, a, -g);
    }
    for (let i = 0; i < n; i++) res[i] = -res[i]!;
    A.factor();
    A.solve(res);
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(res[i]!));
    const alpha = big > 2 ? 2 / big : 1;
    for (let i = 0; i < n; i++) phi[i]! += alpha * res[i]!;
    if (alpha === 1 && big < 1e-13 * Math.max(1, Math.abs(phiM))) return phi;
  }
  throw new ConvergenceError(`Poisson-Bikerman equilibrium at phi_m = ${phiM} kT/e did not converge`);
}
