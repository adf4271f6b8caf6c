/**
 * Grand-canonical equilibrium with the reservoir (phi = 0, c = c0): the ions follow the Bikerman
 * distribution c+- / c0 = exp(-+phi) / (1 - nu + nu cosh phi), and only Poisson is solved, on the
 * same finite-volume mesh and with the same Stern walls as the mPNP system. Because the
 * Scharfetter-Gummel fluxes vanish exactly on this distribution, the result is also a discrete
 * steady state of mPNP (used for slits that exchange ions with a reservoir out of plane).
 */
import { BandMatrix } from './bandLu.js';
import { RESERVOIR, WALL, type FvMesh } from './mesh.js';
import type { ModelConstants } from './system.js';
import { ConvergenceError } from '../diagnostics.js';

export function bikermanConcentrations(phi: number, nu: number): { plus: number; minus: number } {
  const den = 1 - nu + nu * Math.cosh(phi);
  return { plus: Math.exp(-phi) / den, minus: Math.exp(phi) / den };
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
  const nu = k.nu;
  for (let it = 0; it < 100; it++) {
    A.zero();
    for (let i = 0; i < n; i++) {
      const p = phi[i]!;
      const den = 1 - nu + nu * Math.cosh(p);
      const rho = (-2 * Math.sinh(p)) / den;
      const drho = (-2 * (1 - nu) * Math.cosh(p) - 2 * nu) / (den * den);
      res[i] = 0.5 * mesh.volume[i]! * rho;
      A.add(i, i, 0.5 * mesh.volume[i]! * drho);
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
