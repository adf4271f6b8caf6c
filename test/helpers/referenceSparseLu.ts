/**
 * The straightforward SparseLu (src/numeric/sparseLu.ts) as it was before its refactor and
 * solves ran on a compiled schedule: a dense work column scattered from A, gathered into L and U
 * column by column. Kept only as the reference the scheduled one must match bit for bit (the same
 * floating-point operations in the same order); `factor` is the same code in both.
 */
import type { CscMatrix } from '../../src/numeric/csc.js';

/** Relative size a diagonal pivot must have against the largest candidate to be kept. */
const PIVOT_TOLERANCE = 1e-3;
/**
 * A candidate pivot below this fraction of the largest term that went into it (its entry in A or
 * an elimination update) is cancellation residue, i.e. zero; a column with no other candidate is
 * singular. Relative to the row's own terms, not the column's: a small pivot that is exact (the
 * branch row of a source across 1e-15 ohm, -1/(2G)) is kept, as ngspice keeps it.
 */
const SINGULAR_TOLERANCE = 1e-13;

export class ReferenceSparseLu {
  readonly n: number;
  private readonly a: CscMatrix;
  /** Column order: step k eliminates unknown q[k]. */
  readonly q: Int32Array;
  private lp: Int32Array;
  private li: Int32Array = new Int32Array(0);
  private lx: Float64Array = new Float64Array(0);
  private up: Int32Array;
  private ui: Int32Array = new Int32Array(0);
  private ux: Float64Array = new Float64Array(0);
  private readonly ud: Float64Array;
  /** prow[k]: row pivoted at step k; pinv[row]: its step (-1 while not pivotal). */
  private readonly prow: Int32Array;
  private readonly pinv: Int32Array;
  private readonly work: Float64Array;
  /** Per row: the largest magnitude of the terms summed into work[row] (cancellation test). */
  private readonly mag: Float64Array;
  private readonly z: Float64Array;
  private readonly mark: Int32Array;
  private readonly visit: Int32Array;
  private readonly stackRow: Int32Array;
  private readonly stackPos: Int32Array;
  private readonly reach: Int32Array;
  private readonly nzRows: Int32Array;
  /** A's entries in elimination order: for step k, rows aRow[aPtr[k]..] with values at aSrc. */
  private readonly aPtr: Int32Array;
  private readonly aRow: Int32Array;
  private readonly aSrc: Int32Array;
  /** Pivot row of each U entry (prow[ui[p]]), cached for the refactor loop. */
  private uiRow: Int32Array = new Int32Array(0);
  factored = false;
  /** Number of full (pivoting) factorisations and of numeric refactorisations, for statistics. */
  fullFactorizations = 0;
  refactorizations = 0;
  /** The matrix values the present factors are of: a refactor with the very same values is skipped. */
  private readonly factoredValues: Float64Array;
  /** Refactors (among `refactorizations`) skipped because the values had not changed (a linear circuit at a constant step). */
  reusedFactors = 0;

  constructor(a: CscMatrix, columnOrder: Int32Array) {
    const n = a.n;
    this.n = n;
    this.a = a;
    this.q = columnOrder;
    this.lp = new Int32Array(n + 1);
    this.up = new Int32Array(n + 1);
    this.ud = new Float64Array(n);
    this.prow = new Int32Array(n);
    this.pinv = new Int32Array(n);
    this.work = new Float64Array(n);
    this.mag = new Float64Array(n);
    this.z = new Float64Array(n);
    this.mark = new Int32Array(n);
    this.visit = new Int32Array(n);
    this.stackRow = new Int32Array(n);
    this.stackPos = new Int32Array(n);
    this.reach = new Int32Array(n);
    this.nzRows = new Int32Array(n);
    this.aPtr = new Int32Array(n + 1);
    this.aRow = new Int32Array(a.nnz);
    this.aSrc = new Int32Array(a.nnz);
    this.factoredValues = new Float64Array(a.nnz);
    let z = 0;
    for (let k = 0; k < n; k++) {
      const j = columnOrder[k]!;
      for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
        this.aRow[z] = a.rowIdx[p]!;
        this.aSrc[z++] = p;
      }
      this.aPtr[k + 1] = z;
    }
  }

  /** Entries in L and U (without the unit diagonal of L): the fill the ordering achieved. */
  get factorNnz(): number {
    return this.lp[this.n]! + this.up[this.n]! + this.n;
  }

  /**
   * Full factorisation with pivoting. Returns -1 on success, or the unknown (column) for which
   * no usable pivot exists: the matrix is singular there.
   */
  factor(values: Float64Array): number {
    const { n, a, q, prow, pinv, work: x, mag, mark, visit, stackRow, stackPos, reach, nzRows } = this;
    const { colPtr, rowIdx } = a;
    this.factored = false;
    this.fullFactorizations++;
    pinv.fill(-1);
    mark.fill(-1);
    visit.fill(-1);
    let lCap = Math.max(4 * a.nnz, 16);
    let uCap = lCap;
    let li = new Int32Array(lCap);
    let lx = new Float64Array(lCap);
    let ui = new Int32Array(uCap);
    let ux = new Float64Array(uCap);
    const lp = this.lp;
    const up = this.up;
    let lnz = 0;
    let unz = 0;
    lp[0] = 0;
    up[0] = 0;
    for (let k = 0; k < n; k++) {
      const j = q[k]!;
      // Symbolic: steps reachable from the pivotal rows of A(:, j) in the graph of L, in topological order.
      let top = 0; // reach filled as postorder
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
        const r0 = rowIdx[p]!;
        if (pinv[r0]! < 0 || visit[r0] === k) continue;
        let sp = 0;
        stackRow[0] = r0;
        stackPos[0] = lp[pinv[r0]!]!;
        visit[r0] = k;
        while (sp >= 0) {
          const r = stackRow[sp]!;
          const s = pinv[r]!;
          let pos = stackPos[sp]!;
          const end = lp[s + 1]!;
          let pushed = false;
          while (pos < end) {
            const c = li[pos++]!;
            if (pinv[c]! >= 0 && visit[c] !== k) {
              stackPos[sp] = pos;
              visit[c] = k;
              sp++;
              stackRow[sp] = c;
              stackPos[sp] = lp[pinv[c]!]!;
              pushed = true;
              break;
            }
          }
          if (!pushed) {
            reach[top++] = s;
            sp--;
          }
        }
      }
      // Numeric: scatter A(:, j) and apply the reached columns of L in topological order.
      let nnzRows = 0;
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
        const r = rowIdx[p]!;
        x[r] = values[p]!;
        mag[r] = Math.abs(values[p]!);
        if (mark[r] !== k) {
          mark[r] = k;
          nzRows[nnzRows++] = r;
        }
      }
      if (unz + top > uCap) {
        uCap = Math.max(2 * uCap, unz + top);
        ui = grow(ui, uCap);
        ux = growF(ux, uCap);
      }
      for (let t = top - 1; t >= 0; t--) {
        const s = reach[t]!;
        const xs = x[prow[s]!]!;
        ui[unz] = s;
        ux[unz++] = xs;
        // No skip on xs === 0: the pattern must hold every structural entry for later refactors.
        for (let p = lp[s]!; p < lp[s + 1]!; p++) {
          const r = li[p]!;
          if (mark[r] !== k) {
            mark[r] = k;
            nzRows[nnzRows++] = r;
            x[r] = 0;
            mag[r] = 0;
          }
          const d = lx[p]! * xs;
          x[r] = x[r]! - d;
          const ad = d < 0 ? -d : d;
          if (ad > mag[r]!) mag[r] = ad;
        }
      }
      up[k + 1] = unz;
      // Pivot: the diagonal if it is not much smaller than the largest candidate.
      let best = -1;
      let bestAbs = -1;
      let diagAbs = -1;
      for (let t = 0; t < nnzRows; t++) {
        const r = nzRows[t]!;
        if (pinv[r]! >= 0) continue;
        const v = Math.abs(x[r]!);
        if (v <= SINGULAR_TOLERANCE * mag[r]!) continue; // cancelled to (rounding) zero
        if (v > bestAbs) {
          bestAbs = v;
          best = r;
        }
        if (r === j) diagAbs = v;
      }
      if (best < 0 || bestAbs === 0 || !Number.isFinite(bestAbs)) {
        for (let t = 0; t < nnzRows; t++) x[nzRows[t]!] = 0;
        this.li = li;
        this.lx = lx;
        this.ui = ui;
        this.ux = ux;
        return j;
      }
      const piv = diagAbs >= PIVOT_TOLERANCE * bestAbs ? j : best;
      const pv = x[piv]!;
      this.ud[k] = pv;
      pinv[piv] = k;
      prow[k] = piv;
      if (lnz + nnzRows > lCap) {
        lCap = Math.max(2 * lCap, lnz + nnzRows);
        li = grow(li, lCap);
        lx = growF(lx, lCap);
      }
      for (let t = 0; t < nnzRows; t++) {
        const r = nzRows[t]!;
        if (pinv[r]! < 0) {
          li[lnz] = r;
          lx[lnz++] = x[r]! / pv;
        }
        x[r] = 0;
      }
      lp[k + 1] = lnz;
    }
    this.li = li;
    this.lx = lx;
    this.ui = ui;
    this.ux = ux;
    this.uiRow = new Int32Array(unz);
    for (let p = 0; p < unz; p++) this.uiRow[p] = prow[ui[p]!]!;
    const fv = this.factoredValues;
    for (let p = 0; p < fv.length; p++) fv[p] = values[p]!;
    this.factored = true;
    return -1;
  }

  /**
   * Numeric refactorisation on the patterns and pivots of the last full factorisation.
   * Returns false (and leaves the factors unusable) when a pivot has become too small.
   */
  refactor(values: Float64Array): boolean {
    if (!this.factored) return false;
    // Unchanged values (compared exactly, and copied from the first change on): the factors stand.
    const fv = this.factoredValues;
    const nnz = fv.length;
    let i = 0;
    while (i < nnz && fv[i] === values[i]) i++;
    // `refactorizations` counts the refactors asked for (a reused one gives the very same factors).
    this.refactorizations++;
    if (i === nnz) {
      this.reusedFactors++;
      return true;
    }
    for (; i < nnz; i++) fv[i] = values[i]!;
    const { n, prow, work: x, lp, li, lx, up, ui, ux, ud, aPtr, aRow, aSrc, uiRow } = this;
    for (let k = 0; k < n; k++) {
      for (let p = aPtr[k]!; p < aPtr[k + 1]!; p++) x[aRow[p]!] = values[aSrc[p]!]!;
      const u1 = up[k + 1]!;
      for (let p = up[k]!; p < u1; p++) {
        const r = uiRow[p]!;
        const xs = x[r]!;
        x[r] = 0;
        ux[p] = xs;
        if (xs === 0) continue;
        const s = ui[p]!;
        const l1 = lp[s + 1]!;
        for (let pl = lp[s]!; pl < l1; pl++) x[li[pl]!] -= lx[pl]! * xs;
      }
      const pr = prow[k]!;
      const pv = x[pr]!;
      x[pr] = 0;
      ud[k] = pv;
      const inv = 1 / pv;
      let cmax = 0;
      const l1 = lp[k + 1]!;
      for (let pl = lp[k]!; pl < l1; pl++) {
        const r = li[pl]!;
        const v = x[r]!;
        x[r] = 0;
        const av = v < 0 ? -v : v;
        if (av > cmax) cmax = av;
        lx[pl] = v * inv;
      }
      // A pivot that has become too small (or zero) needs new pivots: the caller refactors fully.
      if (!(Math.abs(pv) >= PIVOT_TOLERANCE * cmax) || pv === 0) {
        this.factored = false;
        return false;
      }
    }
    return true;
  }

  /** Solves A x = b. `b` (row-indexed, length >= n) is overwritten; `out` receives x by unknown. */
  solve(b: Float64Array, out: Float64Array): void {
    const { n, q, prow, lp, li, lx, up, ui, ux, ud, z } = this;
    for (let k = 0; k < n; k++) {
      const t = b[prow[k]!]!;
      z[k] = t;
      if (t === 0) continue;
      for (let p = lp[k]!; p < lp[k + 1]!; p++) b[li[p]!] -= lx[p]! * t;
    }
    for (let k = n - 1; k >= 0; k--) {
      const t = z[k]! / ud[k]!;
      z[k] = t;
      if (t === 0) continue;
      for (let p = up[k]!; p < up[k + 1]!; p++) z[ui[p]!] -= ux[p]! * t;
    }
    for (let k = 0; k < n; k++) out[q[k]!] = z[k]!;
  }
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function growF(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
