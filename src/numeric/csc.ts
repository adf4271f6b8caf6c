/** A square sparse matrix pattern in compressed-column form (values live in a separate array). */
export interface CscMatrix {
  n: number;
  nnz: number;
  colPtr: Int32Array;
  rowIdx: Int32Array;
}
