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
    const n = this.n;
    const { rows, cols } = this;
    // Handles in (column, row) order: a counting sort by row, then a stable one by column (linear in
    // the entries; a comparison sort of 10^5 handles cost a large share of setting up a big ladder).
    const byRow = countingSort(m, n, (h) => rows[h]!, null);
    const sorted = countingSort(m, n, (h) => cols[h]!, byRow);
    const pos = new Int32Array(m);
    const rowIdx = new Int32Array(m);
    const colPtr = new Int32Array(n + 1);
    let nnz = 0;
    let lastRow = -1;
    let lastCol = -1;
    for (let k = 0; k < m; k++) {
      const h = sorted[k]!;
      const r = rows[h]!;
      const c = cols[h]!;
      if (r !== lastRow || c !== lastCol) {
        rowIdx[nnz++] = r;
        colPtr[c + 1]!++;
        lastRow = r;
        lastCol = c;
      }
      pos[h] = nnz - 1;
    }
    for (let j = 0; j < n; j++) colPtr[j + 1]! += colPtr[j]!;
    const diag = new Int32Array(n);
    for (let i = 0; i < n; i++) diag[i] = pos[i]!;
    return {
      matrix: { n, nnz, colPtr, rowIdx: rowIdx.slice(0, nnz) },
      remap: (h) => (h < 0 ? nnz : pos[h]!),
      diag,
    };
  }
}

/** Stable counting sort of the handles `order` (default 0..m-1) by `key(h)` in [0, n). */
function countingSort(m: number, n: number, key: (h: number) => number, order: Int32Array | null): Int32Array {
  const next = new Int32Array(n + 1);
  for (let h = 0; h < m; h++) next[key(h) + 1]!++;
  for (let j = 0; j < n; j++) next[j + 1]! += next[j]!;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const h = order ? order[k]! : k;
    out[next[key(h)]!++] = h;
  }
  return out;
}
