/**
 * Stage 2: the cross-section of one slit of width d between two Stern walls at phi_m, in
 * equilibrium with the reservoir at 0 V (overlapping double layers).
 * C_slit = |Q| / (phi_m - phi_mid) with Q the ionic charge per unit area of one wall.
 */
import { solveEquilibrium, equilibriumDensity } from './equilibrium.js';
import { gradedNodes, mesh1d, type FvMesh } from './mesh.js';
import { type MpnpPhysics, scalesOf, type Scales } from './params.js';
import { type GridSpec, DEFAULT_GRID, modelConstants } from './halfCell.js';

export interface SlitEquilibrium {
  /** Ionic charge per unit wall area (both double layers), C/m^2. */
  charge: number;
  /** Potential at the slit middle, V. */
  phiMid: number;
  /** |Q| / (phi_m - phi_mid), F/m^2. */
  capacitance: number;
  mesh: FvMesh;
  /** Potential (kT/e) per cell. */
  phi: Float64Array;
  scales: Scales;
}

export function slitMesh(physics: MpnpPhysics, width: number, grid: GridSpec = DEFAULT_GRID): FvMesh {
  const s = scalesOf(physics);
  return mesh1d(gradedNodes(width / s.lambdaD, grid.wall, grid.growth, grid.max, 'both'), 'wall', 'wall');
}

/** Equilibrium of a slit of the given width (m) at sheet potential phiM (V). */
export function slitEquilibrium(physics: MpnpPhysics, width: number, phiM: number, grid: GridSpec = DEFAULT_GRID): SlitEquilibrium {
  const s = scalesOf(physics);
  const mesh = slitMesh(physics, width, grid);
  const k = modelConstants(s);
  // continuation in phi_m keeps Newton in its basin at large potentials
  const steps = Math.max(1, Math.ceil(Math.abs(phiM / s.thermalVoltage) / 2));
  let phi: Float64Array | undefined;
  for (let j = 1; j <= steps; j++) phi = solveEquilibrium(mesh, k, (phiM / s.thermalVoltage) * (j / steps), phi);
  const p = phi!;
  let q = 0;
  for (let i = 0; i < mesh.nCells; i++) {
    const c = equilibriumDensity(p[i]!, s.species);
    q += mesh.volume[i]! * (s.species.qPlus * c.plus + s.species.qMinus * c.minus);
  }
  const mid = (mesh.nCells - 1) / 2; // odd cell count: a centre sits on the middle
  const phiMid = p[mid]! * s.thermalVoltage;
  const charge = q * s.surfaceCharge;
  return { charge, phiMid, capacitance: Math.abs(charge) / (phiM - phiMid), mesh, phi: p, scales: s };
}
