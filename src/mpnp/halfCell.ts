/** Stage 1: the 1D half cell, a planar Stern electrode at x = 0 facing the reservoir at x = length. */
import { gradedNodes, mesh1d } from './mesh.js';
import { type MpnpPhysics, type Scales, scalesOf } from './params.js';
import { MpnpSystem, type ModelConstants } from './system.js';

/** Graded grid: spacing wall at the refined boundaries, growing by growth up to max (all in units of lambda_D). */
export interface GridSpec {
  wall: number;
  growth: number;
  max: number;
  /** Network only: spacing at the sheet edges and largest spacing along y (default 3 wall, 2 max). */
  alongWall?: number;
  alongMax?: number;
  /** Network only: least number of cells across half an edge gap (default 8). */
  gapCells?: number;
}

export const DEFAULT_GRID: GridSpec = { wall: 0.01, growth: 1.05, max: 0.25 };

export interface Model {
  sys: MpnpSystem;
  scales: Scales;
}

export function modelConstants(s: Scales): ModelConstants {
  return { dPlus: s.dPlus, dMinus: s.dMinus, nu: s.nu, lambdaS: s.lambdaS, species: s.species };
}

/** Half cell of the given length (m): Stern wall at 0, reservoir (phi = 0, c = c0) at the far end. */
export function halfCell(physics: MpnpPhysics, length: number, grid: GridSpec = DEFAULT_GRID): Model {
  const scales = scalesOf(physics);
  const nodes = gradedNodes(length / scales.lambdaD, grid.wall, grid.growth, grid.max, 'left');
  return { sys: new MpnpSystem(mesh1d(nodes, 'wall', 'reservoir'), modelConstants(scales)), scales };
}

/** A closed cell between an electrode at +phi_m and a counter electrode at -phi_m (no reservoir). */
export function closedBox(physics: MpnpPhysics, width: number, grid: GridSpec = DEFAULT_GRID): Model {
  const scales = scalesOf(physics);
  const nodes = gradedNodes(width / scales.lambdaD, grid.wall, grid.growth, grid.max, 'both');
  return { sys: new MpnpSystem(mesh1d(nodes, 'wall', 'wall', -1), modelConstants(scales)), scales };
}
