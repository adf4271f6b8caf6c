/**
 * The fixed sparsity pattern of the MNA matrix, built once per circuit. Devices ask for entries
 * during setup and receive handles (positions in the value array); every Newton iteration then
 * only writes numbers. Row or column -1 (ground) maps to a trash slot at index `nnz`, so stamping
 * code needs no branches for grounded terminals.
 */
import type { CscMatrix } from '../numeric/csc.js';

export type { CscMatrix };

export class PatternBuilder {
  private readonly rows: number[] = [];
  private readonly cols: number[] = [];

  constructor(readonly n: number) {
    // Every unknown gets its diagonal (pivot preference, gmin).
    for (let i = 0; i < n; i++) this.add(i, i);
  }

  /** Provisional handle of entry (row, col); -1 when either index is ground. */
  add(row: number, col: number): number {
    if (row < 0 || col < 0) return -1;
    if (row >= this.n || col >= this.n) throw new RangeError(`matrix entry (${row}, ${col}) outside ${this.n}x${this.n}`);
    this.rows.push(row);
    this.cols.push(col);
    return this.rows.length - 1;
  }

  /**
   * Compressed-column pattern plus the map from provisional handles to value positions
   * (-1 maps to the trash slot `nnz`).
   */
  build(): { matrix: CscMatrix; remap: (handle: number) => number; diag: Int32Array } {
    const m = this.rows.length;
    const order = new Int32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    const n = this.n;
    const key = (i: number): number => this.cols[i]! * n + this.rows[i]!;
    const sorted = Array.from(order).sort((a, b) => key(a) - key(b));
    const pos = new Int32Array(m);
    const rowIdx: number[] = [];
    const colPtr = new Int32Array(n + 1);
    let last = -1;
    for (const h of sorted) {
      const k = key(h);
      if (k !== last) {
        rowIdx.push(this.rows[h]!);
        colPtr[this.cols[h]! + 1]!++;
        last = k;
      }
      pos[h] = rowIdx.length - 1;
    }
    for (let j = 0; j < n; j++) colPtr[j + 1]! += colPtr[j]!;
    const nnz = rowIdx.length;
    const diag = new Int32Array(n);
    for (let i = 0; i < n; i++) diag[i] = pos[i]!;
    return {
      matrix: { n, nnz, colPtr, rowIdx: Int32Array.from(rowIdx) },
      remap: (h) => (h < 0 ? nnz : pos[h]!),
      diag,
    };
  }
}
