/**
 * Fill-reducing elimination orders of the cells of a finite-volume mesh (each cell carries a 3x3
 * block, so ordering the cell graph orders the matrix). `nested-dissection` is geometric: on a
 * tensor grid every line of cell centres separates the cells on its two sides, so a set is split at
 * its median line across the direction with more lines, the halves are ordered recursively and the
 * line goes last (George 1973). `minimum-degree` is the engine's ordering on the cell graph.
 */
import { minimumDegreeOrder } from '../numeric/ordering.js';
import type { FvMesh } from './mesh.js';

export type CellOrdering = 'nested-dissection' | 'minimum-degree' | 'natural';

/** Sets this small are ordered as they come: splitting them further saves nothing. */
const LEAF = 16;

export function cellOrder(mesh: FvMesh, nbrPtr: Int32Array, nbr: Int32Array, kind: CellOrdering): Int32Array {
  const n = mesh.nCells;
  if (kind === 'natural') return Int32Array.from({ length: n }, (_, i) => i);
  if (kind === 'minimum-degree') return minimumDegreeOrder({ n, nnz: nbr.length, colPtr: nbrPtr, rowIdx: nbr });
  const out = new Int32Array(n);
  let k = 0;
  const dissect = (set: Int32Array): void => {
    if (set.length <= LEAF) {
      for (const c of set) out[k++] = c;
      return;
    }
    const distinct = (coord: Float64Array): number => new Set(Array.from(set, (c) => coord[c]!)).size;
    const nx = distinct(mesh.cx);
    const ny = distinct(mesh.cy);
    // split across the direction with more lines: the separator is then the shorter line
    const coord = nx >= ny ? mesh.cx : mesh.cy;
    if (Math.max(nx, ny) < 3) {
      for (const c of set) out[k++] = c;
      return;
    }
    const sorted = Array.from(set).sort((a, b) => coord[a]! - coord[b]!);
    const mid = coord[sorted[sorted.length >> 1]!]!;
    const left: number[] = [];
    const right: number[] = [];
    const sep: number[] = [];
    for (const c of sorted) {
      const v = coord[c]!;
      if (v < mid) left.push(c);
      else if (v > mid) right.push(c);
      else sep.push(c);
    }
    dissect(Int32Array.from(left));
    dissect(Int32Array.from(right));
    for (const c of sep) out[k++] = c;
  };
  dissect(Int32Array.from({ length: n }, (_, i) => i));
  return out;
}
