/**
 * The size of an mPNP model before it is built: grid cells, unknowns and the memory of the
 * factorised Jacobian, so that a run that cannot fit (a bare `slitWidth: 3`, read as 3 m before
 * units were required, built a grid of 10^10 cells and died in V8) is refused up front.
 */
import { InputError } from '../diagnostics.js';
import { gradedCount } from './mesh.js';
import { networkCellCount } from './network.js';
import { scalesOf } from './params.js';
import type { MpnpConfig } from './run.js';

export interface MpnpSize {
  cells: number;
  unknowns: number;
  /** Estimated peak memory of the model and its factorised Jacobian, bytes. */
  bytes: number;
}

/** Default memory budget of a run (the CLI passes half the machine's memory). */
export const DEFAULT_MEMORY_BUDGET = 4e9;

export function estimateMpnpSize(cfg: MpnpConfig): MpnpSize {
  const lambdaD = scalesOf(cfg.physics).lambdaD;
  const g = cfg.geometry;
  if (g.kind === 'halfcell') {
    const cells = gradedCount(g.length / lambdaD, cfg.grid.wall, cfg.grid.growth, cfg.grid.max, 'left');
    // banded LU of a 3-point stencil with 3 unknowns per cell: a few dozen numbers per unknown
    return { cells, unknowns: 3 * cells, bytes: 3 * cells * 40 * 8 + cells * 400 };
  }
  const cells = networkCellCount(g, lambdaD, cfg.grid);
  const unknowns = 3 * cells;
  // sparse LU with minimum-degree ordering on a 2D grid: L + U held 5 log2(n) entries per unknown
  // (measured: 64 at 13.6k, 76 at 37.5k unknowns), 12 bytes each, arrays grown up to 2x; plus
  // about 400 bytes per cell of state, residual, Jacobian and mesh
  const fill = 5 * Math.log2(Math.max(unknowns, 2));
  return { cells, unknowns, bytes: unknowns * fill * 24 + cells * 400 };
}

const gb = (b: number): string => `${(b / 1e9).toPrecision(3)} GB`;

/** Throws when the estimated memory exceeds `budget` bytes, with the estimate and what to check. */
export function checkMpnpSize(cfg: MpnpConfig, budget: number = DEFAULT_MEMORY_BUDGET): MpnpSize {
  const size = estimateMpnpSize(cfg);
  if (size.bytes > budget) {
    const g = cfg.geometry;
    const dims =
      g.kind === 'halfcell'
        ? `length ${g.length} m`
        : `slitWidth ${g.slitWidth} m, sheetLength ${g.sheetLength} m, openSpace ${g.openSpace} m, ${g.sheets} sheets`;
    throw new InputError(
      `mpnp: this model would need about ${gb(size.bytes)} of memory (${size.cells.toPrecision(3)} grid cells, ${size.unknowns.toPrecision(3)} unknowns), ` +
        `more than the ${gb(budget)} allowed; check the lengths (${dims}) and the grid (wall ${cfg.grid.wall}, max ${cfg.grid.max} Debye lengths)`,
    );
  }
  return size;
}
