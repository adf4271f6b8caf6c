/**
 * Complex sparse LU for the small-signal system (G + j omega C) x = b, in the manner of SparseLu
 * (src/numeric/sparseLu.ts) with the numbers held as separate real and imaginary Float64Arrays.
 * The column order is given (the engine's minimum-degree order of the same MNA pattern, so no
 * second ordering is computed); the first `factor` is left-looking Gilbert-Peierls with threshold
 * partial pivoting on the modulus (preferring the diagonal) and records the patterns of L and U;
 * every later frequency calls `refactor`, which refills only the numbers on those patterns and
 * pivots, allocating nothing. On an electrode ladder the factors keep the MNA's zero fill: L and U
 * have the entries of the real LU, one complex number each (the real 2n form needs four reals per
 * entry and a 2n ordering).
 */
import { ColumnReach } from './columnReach.js';
import type { CscMatrix } from './csc.js';

/** Relative modulus a diagonal pivot must have against the largest candidate to be kept (as SparseLu). */
const PIVOT_TOLERANCE = 1e-3;
/** A candidate below this fraction of the largest term summed into it is cancellation residue (as SparseLu). */
const SINGULAR_TOLERANCE = 1e-13;
const PIVOT_TOLERANCE2 = PIVOT_TOLERANCE * PIVOT_TOLERANCE;
const SINGULAR_TOLERANCE2 = SINGULAR_TOLERANCE * SINGULAR_TOLERANCE;

export class ComplexSparseLu {
  readonly n: number;
  private readonly a: CscMatrix;
  /** Column order: step k eliminates unknown q[k]. */
  readonly q: Int32Array;
  private readonly lp: Int32Array;
  private li = new Int32Array(0);
  private lr = new Float64Array(0);
  private lm = new Float64Array(0);
  private readonly up: Int32Array;
  private ui = new Int32Array(0);
  private ur = new Float64Array(0);
  private um = new Float64Array(0);
  /** Reciprocals of the pivots (solves multiply instead of dividing). */
  private readonly dr: Float64Array;
  private readonly dm: Float64Array;
  private readonly prow: Int32Array;
  private readonly pinv: Int32Array;
  private readonly xr: Float64Array;
  private readonly xm: Float64Array;
  /** Per row: the largest squared modulus of the terms summed into x[row] (cancellation test). */
  private readonly mag: Float64Array;
  private readonly zr: Float64Array;
  private readonly zm: Float64Array;
  private readonly mark: Int32Array;
  private readonly columnReach: ColumnReach;
  private readonly nzRows: Int32Array;
  /** A's entries in elimination order: for step k, rows aRow[aPtr[k]..] with values at aSrc. */
  private readonly aPtr: Int32Array;
  private readonly aRow: Int32Array;
  private readonly aSrc: Int32Array;
  /** Pivot row of each U entry, cached for the refactor loop. */
  private uiRow = new Int32Array(0);
  factored = false;
  fullFactorizations = 0;
  refactorizations = 0;

  constructor(a: CscMatrix, columnOrder: Int32Array) {
    const n = a.n;
    this.n = n;
    this.a = a;
    this.q = columnOrder;
    this.lp = new Int32Array(n + 1);
    this.up = new Int32Array(n + 1);
    this.dr = new Float64Array(n);
    this.dm = new Float64Array(n);
    this.prow = new Int32Array(n);
    this.pinv = new Int32Array(n);
    this.xr = new Float64Array(n);
    this.xm = new Float64Array(n);
    this.mag = new Float64Array(n);
    this.zr = new Float64Array(n);
    this.zm = new Float64Array(n);
    this.mark = new Int32Array(n);
    this.columnReach = new ColumnReach(n);
    this.nzRows = new Int32Array(n);
    this.aPtr = new Int32Array(n + 1);
    this.aRow = new Int32Array(a.nnz);
    this.aSrc = new Int32Array(a.nnz);
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

  /** Entries in L and U (without the unit diagonal of L). */
  get factorNnz(): number {
    return this.lp[this.n]! + this.up[this.n]! + this.n;
  }

  /**
   * Full factorisation with pivoting of the matrix with entries re + j im (on the pattern).
   * Returns -1 on success, or the unknown (column) for which no usable pivot exists.
   */
  factor(re: Float64Array, im: Float64Array): number {
    const { n, a, q, prow, pinv, xr, xm, mag, mark, columnReach, nzRows } = this;
    const { colPtr, rowIdx } = a;
    this.factored = false;
    this.fullFactorizations++;
    pinv.fill(-1);
    mark.fill(-1);
    columnReach.reset();
    let lCap = Math.max(2 * a.nnz, 16);
    let uCap = lCap;
    let li = new Int32Array(lCap);
    let lr = new Float64Array(lCap);
    let lm = new Float64Array(lCap);
    let ui = new Int32Array(uCap);
    let ur = new Float64Array(uCap);
    let um = new Float64Array(uCap);
    const { lp, up } = this;
    let lnz = 0;
    let unz = 0;
    const keep = (): void => {
      this.li = li;
      this.lr = lr;
      this.lm = lm;
      this.ui = ui;
      this.ur = ur;
      this.um = um;
    };
    for (let k = 0; k < n; k++) {
      const j = q[k]!;
      // Symbolic: the earlier steps that update column j (their reverse postorder is topological).
      const top = columnReach.find(k, j, colPtr, rowIdx, pinv, lp, li);
      // Numeric: scatter A(:, j), apply the reached columns of L in topological order.
      let nnzRows = 0;
      for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
        const r = rowIdx[p]!;
        const vr = re[p]!;
        const vm = im[p]!;
        xr[r] = vr;
        xm[r] = vm;
        mag[r] = vr * vr + vm * vm;
        if (mark[r] !== k) {
          mark[r] = k;
          nzRows[nnzRows++] = r;
        }
      }
      if (unz + top > uCap) {
        uCap = Math.max(2 * uCap, unz + top);
        ui = grow(ui, uCap);
        ur = growF(ur, uCap);
        um = growF(um, uCap);
      }
      for (let t = top - 1; t >= 0; t--) {
        const s = columnReach.steps[t]!;
        const pr = prow[s]!;
        const sr = xr[pr]!;
        const sm = xm[pr]!;
        ui[unz] = s;
        ur[unz] = sr;
        um[unz++] = sm;
        // No skip on a zero: the pattern must hold every structural entry for later refactors.
        for (let p = lp[s]!; p < lp[s + 1]!; p++) {
          const r = li[p]!;
          if (mark[r] !== k) {
            mark[r] = k;
            nzRows[nnzRows++] = r;
            xr[r] = 0;
            xm[r] = 0;
            mag[r] = 0;
          }
          const dr = lr[p]! * sr - lm[p]! * sm;
          const dm = lr[p]! * sm + lm[p]! * sr;
          xr[r] = xr[r]! - dr;
          xm[r] = xm[r]! - dm;
          const ad = dr * dr + dm * dm;
          if (ad > mag[r]!) mag[r] = ad;
        }
      }
      up[k + 1] = unz;
      // Pivot: the diagonal if its modulus is not much below the largest candidate's.
      let best = -1;
      let bestAbs = -1;
      let diagAbs = -1;
      for (let t = 0; t < nnzRows; t++) {
        const r = nzRows[t]!;
        if (pinv[r]! >= 0) continue;
        const v = xr[r]! * xr[r]! + xm[r]! * xm[r]!;
        if (v <= SINGULAR_TOLERANCE2 * mag[r]!) continue;
        if (v > bestAbs) {
          bestAbs = v;
          best = r;
        }
        if (r === j) diagAbs = v;
      }
      if (best < 0 || bestAbs === 0 || !Number.isFinite(bestAbs)) {
        for (let t = 0; t < nnzRows; t++) {
          xr[nzRows[t]!] = 0;
          xm[nzRows[t]!] = 0;
        }
        keep();
        return j;
      }
      const piv = diagAbs >= PIVOT_TOLERANCE2 * bestAbs ? j : best;
      reciprocal(xr[piv]!, xm[piv]!, this.dr, this.dm, k);
      const ir = this.dr[k]!;
      const iim = this.dm[k]!;
      pinv[piv] = k;
      prow[k] = piv;
      if (lnz + nnzRows > lCap) {
        lCap = Math.max(2 * lCap, lnz + nnzRows);
        li = grow(li, lCap);
        lr = growF(lr, lCap);
        lm = growF(lm, lCap);
      }
      for (let t = 0; t < nnzRows; t++) {
        const r = nzRows[t]!;
        if (pinv[r]! < 0) {
          const vr = xr[r]!;
          const vm = xm[r]!;
          li[lnz] = r;
          lr[lnz] = vr * ir - vm * iim;
          lm[lnz++] = vr * iim + vm * ir;
        }
        xr[r] = 0;
        xm[r] = 0;
      }
      lp[k + 1] = lnz;
    }
    keep();
    this.uiRow = new Int32Array(unz);
    for (let p = 0; p < unz; p++) this.uiRow[p] = prow[ui[p]!]!;
    this.factored = true;
    return -1;
  }

  /**
   * Numeric refactorisation on the patterns and pivots of the last full factorisation. Returns
   * false (the factors are then unusable) when a pivot has become too small against its column.
   */
  refactor(re: Float64Array, im: Float64Array): boolean {
    if (!this.factored) return false;
    const { n, prow, xr, xm, lp, li, lr, lm, up, ui, ur, um, dr, dm, aPtr, aRow, aSrc, uiRow } = this;
    this.refactorizations++;
    for (let k = 0; k < n; k++) {
      for (let p = aPtr[k]!; p < aPtr[k + 1]!; p++) {
        const r = aRow[p]!;
        xr[r] = re[aSrc[p]!]!;
        xm[r] = im[aSrc[p]!]!;
      }
      const u1 = up[k + 1]!;
      for (let p = up[k]!; p < u1; p++) {
        const r = uiRow[p]!;
        const sr = xr[r]!;
        const sm = xm[r]!;
        xr[r] = 0;
        xm[r] = 0;
        ur[p] = sr;
        um[p] = sm;
        if (sr === 0 && sm === 0) continue;
        const s = ui[p]!;
        const l1 = lp[s + 1]!;
        for (let pl = lp[s]!; pl < l1; pl++) {
          const t = li[pl]!;
          const ar = lr[pl]!;
          const am = lm[pl]!;
          xr[t] -= ar * sr - am * sm;
          xm[t] -= ar * sm + am * sr;
        }
      }
      const pr = prow[k]!;
      const pvr = xr[pr]!;
      const pvm = xm[pr]!;
      xr[pr] = 0;
      xm[pr] = 0;
      const d2 = pvr * pvr + pvm * pvm;
      reciprocal(pvr, pvm, dr, dm, k);
      const ir = dr[k]!;
      const iim = dm[k]!;
      let cmax = 0;
      const l1 = lp[k + 1]!;
      for (let pl = lp[k]!; pl < l1; pl++) {
        const r = li[pl]!;
        const vr = xr[r]!;
        const vm = xm[r]!;
        xr[r] = 0;
        xm[r] = 0;
        const av = vr * vr + vm * vm;
        if (av > cmax) cmax = av;
        lr[pl] = vr * ir - vm * iim;
        lm[pl] = vr * iim + vm * ir;
      }
      if (!(d2 >= PIVOT_TOLERANCE2 * cmax) || d2 === 0) {
        this.factored = false;
        return false;
      }
    }
    return true;
  }

  /** Solves A x = b; bRe/bIm (row-indexed, length >= n) are overwritten; x by unknown into outRe/outIm. */
  solve(bRe: Float64Array, bIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const { n, q, prow, lp, li, lr, lm, up, ui, ur, um, dr, dm, zr, zm } = this;
    for (let k = 0; k < n; k++) {
      const p0 = prow[k]!;
      const tr = bRe[p0]!;
      const tm = bIm[p0]!;
      zr[k] = tr;
      zm[k] = tm;
      if (tr === 0 && tm === 0) continue;
      for (let p = lp[k]!; p < lp[k + 1]!; p++) {
        const r = li[p]!;
        bRe[r] -= lr[p]! * tr - lm[p]! * tm;
        bIm[r] -= lr[p]! * tm + lm[p]! * tr;
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      const sr = zr[k]!;
      const sm = zm[k]!;
      const tr = sr * dr[k]! - sm * dm[k]!;
      const tm = sr * dm[k]! + sm * dr[k]!;
      zr[k] = tr;
      zm[k] = tm;
      if (tr === 0 && tm === 0) continue;
      for (let p = up[k]!; p < up[k + 1]!; p++) {
        const s = ui[p]!;
        zr[s] -= ur[p]! * tr - um[p]! * tm;
        zm[s] -= ur[p]! * tm + um[p]! * tr;
      }
    }
    for (let k = 0; k < n; k++) {
      outRe[q[k]!] = zr[k]!;
      outIm[q[k]!] = zm[k]!;
    }
  }
}

/** 1 / (pr + j pm) into (outR[k], outM[k]), by Smith's scaling (no overflow of the squared modulus). */
function reciprocal(pr: number, pm: number, outR: Float64Array, outM: Float64Array, k: number): void {
  if (Math.abs(pr) >= Math.abs(pm)) {
    const r = pm / pr;
    const den = pr + pm * r;
    outR[k] = 1 / den;
    outM[k] = -r / den;
  } else {
    const r = pr / pm;
    const den = pr * r + pm;
    outR[k] = r / den;
    outM[k] = -1 / den;
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
