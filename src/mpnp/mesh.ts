/**
 * Finite-volume mesh shared by the 1D and 2D models: cells with volumes, internal faces with
 * area and centre distance, and boundary faces of two kinds (a Stern wall at phi_m, or the
 * reservoir at phi = 0, c = c0). Faces that are not listed are mirror / no-flux boundaries.
 * Everything is dimensionless (lengths in lambda_D); in 1D an "area" is 1, in 2D a length.
 */
import { InputError } from '../diagnostics.js';
export const WALL = 0;
export const RESERVOIR = 1;

export interface FvMesh {
  nCells: number;
  volume: Float64Array;
  /** Cell centres (cy is 0 in 1D). */
  cx: Float64Array;
  cy: Float64Array;
  /** Internal faces, oriented from cell faceA to cell faceB. */
  faceA: Int32Array;
  faceB: Int32Array;
  faceArea: Float64Array;
  faceDist: Float64Array;
  /** Boundary faces: the cell, face area, distance from cell centre to the face, kind (WALL or RESERVOIR). */
  bCell: Int32Array;
  bArea: Float64Array;
  bDist: Float64Array;
  bKind: Uint8Array;
  /** Wall potential as a multiple of phi_m: 1 for the electrode, -1 for a counter electrode. */
  bSign: Float64Array;
  /** Largest |faceA - faceB| (bandwidth of the cell graph). */
  cellBandwidth: number;
}

export type EndKind = 'wall' | 'reservoir' | 'mirror';

/**
 * Nodes of a graded partition of [0, length]: spacing h0 at the refined end(s), growing by `growth`
 * up to hMax. `ends` = 'both' is symmetric with an odd number of cells, so that a cell centre sits
 * exactly at the middle; the middle cell continues the geometric progression.
 */
export function gradedNodes(length: number, h0: number, growth: number, hMax: number, ends: 'left' | 'right' | 'both' | 'none'): Float64Array {
  if (!(length > 0) || !(h0 > 0) || !(growth >= 1) || !(hMax >= h0)) throw new InputError('gradedNodes: bad arguments');
  let cells: number[];
  if (ends === 'none') {
    const n = Math.max(1, Math.ceil(length / hMax));
    cells = new Array<number>(n).fill(length / n);
  } else if (ends === 'both') {
    // half = s_1..s_m from the wall, then a middle cell s_{m+1}: 2 sum + s_{m+1} = length
    const half: number[] = [];
    let sum = 0;
    let h = h0;
    for (;;) {
      if (2 * sum + h >= length) {
        // stop here, or drop the last pair, whichever needs the smaller rescale
        const here = length / (2 * sum + h);
        if (half.length > 0) {
          const last = half[half.length - 1]!;
          const before = length / (2 * (sum - last) + last);
          if (Math.abs(before - 1) < Math.abs(here - 1)) {
            half.pop();
            h = last;
            sum -= last;
          }
        }
        break;
      }
      half.push(h);
      sum += h;
      h = Math.min(h * growth, hMax);
    }
    const k = length / (2 * sum + h);
    cells = [...half.map((v) => v * k), h * k, ...half.map((v) => v * k).reverse()];
  } else {
    const sp: number[] = [];
    let sum = 0;
    let h = h0;
    for (;;) {
      if (sum + h >= length) {
        // take the last cell or not, whichever needs the smaller rescale
        if (sum === 0 || Math.abs(length / (sum + h) - 1) < Math.abs(length / sum - 1)) {
          sp.push(h);
          sum += h;
        }
        break;
      }
      sp.push(h);
      sum += h;
      h = Math.min(h * growth, hMax);
    }
    cells = sp.map((v) => (v * length) / sum);
    if (ends === 'right') cells.reverse();
  }
  const nodes = new Float64Array(cells.length + 1);
  for (let i = 0; i < cells.length; i++) nodes[i + 1] = nodes[i]! + cells[i]!;
  nodes[cells.length] = length;
  return nodes;
}

/**
 * About the number of cells gradedNodes makes (within one or two), without building them: the
 * geometric part near the refined end(s) is summed, the uniform rest is counted. For the memory
 * estimate, which must not allocate a grid that would not fit.
 */
export function gradedCount(length: number, h0: number, growth: number, hMax: number, ends: 'left' | 'right' | 'both' | 'none'): number {
  if (!(length > 0) || !(h0 > 0) || !(growth >= 1) || !(hMax >= h0)) throw new InputError('gradedCount: bad arguments');
  if (ends === 'none') return Math.max(1, Math.ceil(length / hMax));
  const span = ends === 'both' ? length / 2 : length;
  let n = 0;
  let sum = 0;
  let h = h0;
  while (h < hMax && sum + h < span) {
    sum += h;
    n++;
    h = Math.min(h * growth, hMax);
  }
  if (sum < span) n += Math.max(1, Math.round((span - sum) / hMax));
  return ends === 'both' ? Math.max(1, 2 * n - 1) : Math.max(1, n);
}

/** A 1D mesh on the given nodes with the given end conditions (per unit area); a right wall sits at rightSign * phi_m. */
export function mesh1d(nodes: Float64Array, left: EndKind, right: EndKind, rightSign = 1): FvMesh {
  const n = nodes.length - 1;
  const volume = new Float64Array(n);
  const cx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    volume[i] = nodes[i + 1]! - nodes[i]!;
    cx[i] = 0.5 * (nodes[i + 1]! + nodes[i]!);
  }
  const faceA = new Int32Array(n - 1);
  const faceB = new Int32Array(n - 1);
  const faceArea = new Float64Array(n - 1).fill(1);
  const faceDist = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    faceA[i] = i;
    faceB[i] = i + 1;
    faceDist[i] = cx[i + 1]! - cx[i]!;
  }
  const b: Array<[number, number, number, number]> = [];
  if (left !== 'mirror') b.push([0, cx[0]! - nodes[0]!, left === 'wall' ? WALL : RESERVOIR, 1]);
  if (right !== 'mirror') b.push([n - 1, nodes[n]! - cx[n - 1]!, right === 'wall' ? WALL : RESERVOIR, rightSign]);
  return {
    nCells: n,
    volume,
    cx,
    cy: new Float64Array(n),
    faceA,
    faceB,
    faceArea,
    faceDist,
    bCell: Int32Array.from(b.map((e) => e[0])),
    bArea: new Float64Array(b.length).fill(1),
    bDist: Float64Array.from(b.map((e) => e[1])),
    bKind: Uint8Array.from(b.map((e) => e[2])),
    bSign: Float64Array.from(b.map((e) => e[3])),
    cellBandwidth: 1,
  };
}
