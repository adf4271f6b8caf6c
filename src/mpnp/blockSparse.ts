/**
 * The mPNP Jacobian as a sparse matrix: full 3x3 blocks (phi, c+, c-) on the cell graph (a cell and
 * the cells it shares a face with), factorised by the shared sparse LU (src/numeric) under a
 * minimum-degree order of the cells (each cell's 3x3 block is eliminated together). Same interface
 * as BandMatrix (zero, add, get, factor, solve), so the Newton code does not care which one it
 * holds. The band costs n (3 n_y)^2 per factorisation; on the paper-regime grid (37k unknowns) the
 * sparse LU is 6x faster to factorise and 25x faster to refactorise (docs/mpnp.md, Speed). A
 * geometric nested dissection of the tensor grid was tried and left 1.8x more fill.
 */
import type { CscMatrix } from '../numeric/csc.js';
import { SparseLu } from '../numeric/sparseLu.js';
import { minimumDegreeOrder } from '../numeric/ordering.js';
import type { FvMesh } from './mesh.js';

export class BlockSparseMatrix {
  readonly n: number;
  /** Values in the CSC layout of `pattern`. */
  readonly values: Float64Array;
  readonly pattern: CscMatrix;
  /** Neighbour cells of each cell (itself included), ascending: nbr[nbrPtr[c]..nbrPtr[c+1]). */
  private readonly nbrPtr: Int32Array;
  private readonly nbr: Int32Array;
  private readonly lu: SparseLu;
  private readonly rhs: Float64Array;
  /** Full (pivoting) factorisations and numeric refactorisations on the kept pivots. */
  get fullFactorizations(): number {
    return this.lu.fullFactorizations;
  }
  get refactorizations(): number {
    return this.lu.refactorizations;
  }
  /** Entries of L + U: the fill the ordering left. */
  get factorNnz(): number {
    return this.lu.factorNnz;
  }

  constructor(mesh: FvMesh) {
    const nc = mesh.nCells;
    this.n = 3 * nc;
    const sets: number[][] = [];
    for (let c = 0; c < nc; c++) sets.push([c]);
    for (let f = 0; f < mesh.faceA.length; f++) {
      const a = mesh.faceA[f]!;
      const b = mesh.faceB[f]!;
      sets[a]!.push(b);
      sets[b]!.push(a);
    }
    this.nbrPtr = new Int32Array(nc + 1);
    for (let c = 0; c < nc; c++) {
      const s = Array.from(new Set(sets[c]!)).sort((p, q) => p - q);
      sets[c] = s;
      this.nbrPtr[c + 1] = this.nbrPtr[c]! + s.length;
    }
    this.nbr = new Int32Array(this.nbrPtr[nc]!);
    for (let c = 0; c < nc; c++) this.nbr.set(sets[c]!, this.nbrPtr[c]!);
    // column 3J+s holds rows 3I..3I+2 of every neighbour I of J, in ascending order
    const n = this.n;
    const colPtr = new Int32Array(n + 1);
    for (let J = 0; J < nc; J++) {
      const len = 3 * (this.nbrPtr[J + 1]! - this.nbrPtr[J]!);
      for (let s = 0; s < 3; s++) colPtr[3 * J + s + 1] = colPtr[3 * J + s]! + len;
    }
    const nnz = colPtr[n]!;
    const rowIdx = new Int32Array(nnz);
    for (let j = 0; j < n; j++) {
      const J = (j / 3) | 0;
      let p = colPtr[j]!;
      for (let q = this.nbrPtr[J]!; q < this.nbrPtr[J + 1]!; q++) {
        const I = this.nbr[q]!;
        rowIdx[p++] = 3 * I;
        rowIdx[p++] = 3 * I + 1;
        rowIdx[p++] = 3 * I + 2;
      }
    }
    this.pattern = { n, nnz, colPtr, rowIdx };
    this.values = new Float64Array(nnz);
    // the cell graph is symmetric, so its CSC pattern is the neighbour lists
    const cells = minimumDegreeOrder({ n: nc, nnz: this.nbr.length, colPtr: this.nbrPtr, rowIdx: this.nbr });
    const q = new Int32Array(n);
    for (let k = 0; k < nc; k++) for (let s = 0; s < 3; s++) q[3 * k + s] = 3 * cells[k]! + s;
    this.lu = new SparseLu(this.pattern, q);
    this.rhs = new Float64Array(n);
  }

  zero(): void {
    this.values.fill(0);
  }

  private position(i: number, j: number): number {
    const I = (i / 3) | 0;
    const J = (j / 3) | 0;
    const p0 = this.nbrPtr[J]!;
    const p1 = this.nbrPtr[J + 1]!;
    for (let q = p0; q < p1; q++) {
      if (this.nbr[q] === I) return this.pattern.colPtr[j]! + 3 * (q - p0) + (i - 3 * I);
    }
    return -1;
  }

  /** Adds v to entry (i, j); (i, j) must couple a cell with itself or a face neighbour. */
  add(i: number, j: number, v: number): void {
    const p = this.position(i, j);
    if (p < 0) throw new RangeError(`matrix entry (${i}, ${j}) outside the cell graph`);
    this.values[p]! += v;
  }

  get(i: number, j: number): number {
    const p = this.position(i, j);
    return p < 0 ? 0 : this.values[p]!;
  }

  /**
   * LU of the current values: a numeric refactorisation on the kept pivots when they are still
   * good, else a full factorisation with new pivots. Throws if the matrix is singular.
   */
  factor(): void {
    if (this.lu.refactor(this.values)) return;
    const bad = this.lu.factor(this.values);
    if (bad >= 0) throw new Error(`singular matrix at unknown ${bad}`);
  }

  /** Solves A x = b after factor(); b is overwritten by x. */
  solve(b: Float64Array): void {
    this.rhs.set(b);
    this.lu.solve(this.rhs, b);
  }
}
