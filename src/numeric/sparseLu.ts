/**
 * Sparse LU in the manner of KLU: the column order is fixed once (minimum degree); the first
 * factorisation is left-looking Gilbert-Peierls with threshold partial pivoting (preferring the
 * diagonal) and discovers the patterns of L and U; every later `refactor` reuses those patterns
 * and pivots and only recomputes numbers, allocating nothing. A refactor whose pivot has become
 * too small reports failure and the caller falls back to a full `factor` (new pivots).
 *
 * The refactor and the solves run on a schedule compiled at each full factorisation: the factors
 * in one array, step by step, and the eliminations as a flat list of positions in it, so a step
 * costs no loop set-up over pattern arrays and no scatter into (and gather from) a dense work
 * column. They make the very floating-point operations, in the same order, of the plain
 * left-looking refactor and substitutions (test/numeric/sparseLuSchedule.test.ts checks the bits).
 */
import { ColumnReach } from './columnReach.js';
import type { CscMatrix } from './csc.js';

/** Relative size a diagonal pivot must have against the largest candidate to be kept. */
const PIVOT_TOLERANCE = 1e-3;
/**
 * A candidate pivot below this fraction of the largest term that went into it (its entry in A or
 * an elimination update) is cancellation residue, i.e. zero; a column with no other candidate is
 * singular. Relative to the row's own terms, not the column's: a small pivot that is exact (the
 * branch row of a source across 1e-15 ohm, -1/(2G)) is kept, as ngspice keeps it.
 */
const SINGULAR_TOLERANCE = 1e-13;

export class SparseLu {
  readonly n: number;
  private readonly a: CscMatrix;
  /** Column order: step k eliminates unknown q[k]. */
  readonly q: Int32Array;
  /** Column pointers of L and U as `factor` builds them (its own L and U live only while it runs; then f holds them). */
  private lp: Int32Array;
  private up: Int32Array;
  private readonly ud: Float64Array;
  /** prow[k]: row pivoted at step k; pinv[row]: its step (-1 while not pivotal). */
  private readonly prow: Int32Array;
  private readonly pinv: Int32Array;
  private readonly work: Float64Array;
  /** Per row: the largest magnitude of the terms summed into work[row] (cancellation test). */
  private readonly mag: Float64Array;
  private readonly z: Float64Array;
  private readonly mark: Int32Array;
  private readonly columnReach: ColumnReach;
  private readonly nzRows: Int32Array;
  /**
   * The factors, step by step in elimination order, as the numeric refactor and the solves read
   * them: for step k its U entries (in the topological order the factorisation met them), its
   * pivot, then its L entries: U(:, k) = f[cs[k] .. cd[k]), pivot f[cd[k]], L(:, k) = f[cd[k] + 1
   * .. cs[k + 1]). fIdx gives each entry's other index: a U entry's row as its step, an L entry's
   * row (the forward solve runs on b by row, the backward on z by step).
   */
  private f: Float64Array = new Float64Array(0);
  private fIdx: Int32Array = new Int32Array(0);
  private readonly cs: Int32Array;
  private readonly cd: Int32Array;
  /**
   * Where each entry of f starts from: its value's position in A (CSC), or for fill nnz(A) + 1,
   * the slot of `factoredValues` that stays zero. The refactor gathers f in order from there.
   */
  private fSrc: Int32Array = new Int32Array(0);
  /**
   * The refactor's eliminations, one array read front to back. Per U entry of f in order: the
   * start in f of the L column it applies, that column's length c, then c destinations in f (the
   * entries of the U entry's own step that the column's rows land on).
   */
  private ops: Int32Array = new Int32Array(0);
  factored = false;
  /** Number of full (pivoting) factorisations and of numeric refactorisations, for statistics. */
  fullFactorizations = 0;
  refactorizations = 0;
  /**
   * The matrix values the present factors are of: a refactor with the very same values is
   * skipped. Entry nnz(A) + 1 is always zero (the source of the fill entries of f).
   */
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
    this.columnReach = new ColumnReach(n);
    this.nzRows = new Int32Array(n);
    this.cs = new Int32Array(n + 1);
    this.cd = new Int32Array(n);
    // A's values, then the slot after them (the ground entry of the engine's array) and a zero.
    this.factoredValues = new Float64Array(a.nnz + 2);
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
    const { n, a, q, prow, pinv, work: x, mag, mark, columnReach, nzRows } = this;
    const { colPtr, rowIdx } = a;
    this.factored = false;
    this.fullFactorizations++;
    pinv.fill(-1);
    mark.fill(-1);
    columnReach.reset();
    // Room for A's pattern in each factor; they grow by doubling on fill. (These arrays live only
    // while factor runs: the schedule keeps the factors, so a large guess is only garbage.)
    let lCap = Math.max(a.nnz, 16);
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
      // Symbolic: the earlier steps that update column j (their reverse postorder is topological).
      const top = columnReach.find(k, j, colPtr, rowIdx, pinv, lp, li);
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
        const s = columnReach.steps[t]!;
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
    this.buildSchedule(li, lx, ui, ux);
    const fv = this.factoredValues;
    for (let p = 0; p < a.nnz; p++) fv[p] = values[p]!;
    this.factored = true;
    return -1;
  }

  /**
   * Numeric refactorisation on the patterns and pivots of the last full factorisation.
   * Returns false (and leaves the factors unusable) when a pivot has become too small.
   */
  refactor(values: Float64Array): boolean {
    if (!this.factored) return false;
    // Unchanged values (compared exactly, ===): the factors stand.
    const fv = this.factoredValues;
    const nnz = this.a.nnz;
    let i = 0;
    while (i < nnz && fv[i] === values[i]) i++;
    // `refactorizations` counts the refactors asked for (a reused one gives the very same factors).
    this.refactorizations++;
    if (i === nnz) {
      this.reusedFactors++;
      return true;
    }
    // A copy of the values (the very bits: a value equal under === may differ in the sign of zero),
    // then gathered into f in its order, the fill from the zero slot.
    if (values.length <= nnz + 1) fv.set(values);
    else for (let p = 0; p < nnz; p++) fv[p] = values[p]!;
    const { n, f, cs, cd, fSrc, ops } = this;
    for (let e = 0; e < f.length; e++) f[e] = fv[fSrc[e]!]!;
    // Left-looking elimination on the schedule: f is at once the work column and the factors.
    let o = 0;
    let p = 0;
    for (let k = 0; k < n; k++) {
      const d = cd[k]!;
      for (; p < d; p++) {
        const xs = f[p]!;
        const ls = ops[o]!;
        const c = ops[o + 1]!;
        o += 2;
        if (xs === 0) {
          o += c;
        } else if (c === 1) {
          f[ops[o++]!] -= f[ls]! * xs;
        } else if (c === 2) {
          f[ops[o]!] -= f[ls]! * xs;
          f[ops[o + 1]!] -= f[ls + 1]! * xs;
          o += 2;
        } else {
          for (let t = 0; t < c; t++) f[ops[o + t]!] -= f[ls + t]! * xs;
          o += c;
        }
      }
      const pv = f[d]!;
      const inv = 1 / pv;
      let cmax = 0;
      const l1 = cs[k + 1]!;
      for (p = d + 1; p < l1; p++) {
        const v = f[p]!;
        const av = v < 0 ? -v : v;
        if (av > cmax) cmax = av;
        f[p] = v * inv;
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
    const { n, q, prow, f, fIdx, cs, cd, z } = this;
    // Forward on b by row (L's entries carry their rows), gathered into z by step as it goes.
    for (let k = 0; k < n; k++) {
      const t = b[prow[k]!]!;
      z[k] = t;
      if (t === 0) continue;
      const l1 = cs[k + 1]!;
      for (let p = cd[k]! + 1; p < l1; p++) b[fIdx[p]!] -= f[p]! * t;
    }
    // Back on z by step (U's entries carry their steps), each unknown written out when final.
    for (let k = n - 1; k >= 0; k--) {
      const d = cd[k]!;
      const t = z[k]! / f[d]!;
      out[q[k]!] = t;
      if (t === 0) continue;
      for (let p = cs[k]!; p < d; p++) z[fIdx[p]!] -= f[p]! * t;
    }
  }

  /**
   * Lays the factors of `factor` out in f and compiles the refactor's schedule from their
   * patterns: where each entry of f starts from (a value of A, or zero for fill) and, per U entry,
   * the destinations of its L column's updates. Runs once per full factorisation.
   */
  private buildSchedule(li: Int32Array, lx: Float64Array, ui: Int32Array, ux: Float64Array): void {
    const { n, a, q, prow, lp, up, ud, cs, cd } = this;
    const size = lp[n]! + up[n]! + n;
    const f = new Float64Array(size);
    const fIdx = new Int32Array(size);
    const slot = this.mark; // row -> entry of f within the step being laid out (factor refills mark)
    let nOps = 0;
    for (let p = 0; p < up[n]!; p++) nOps += 2 + lp[ui[p]! + 1]! - lp[ui[p]!]!;
    const ops = new Int32Array(nOps);
    const fSrc = new Int32Array(size).fill(a.nnz + 1);
    let pos = 0;
    let o = 0;
    for (let k = 0; k < n; k++) {
      cs[k] = pos;
      for (let p = up[k]!; p < up[k + 1]!; p++) {
        const s = ui[p]!;
        slot[prow[s]!] = pos;
        fIdx[pos] = s;
        f[pos++] = ux[p]!;
      }
      cd[k] = pos;
      slot[prow[k]!] = pos;
      fIdx[pos] = k;
      f[pos++] = ud[k]!;
      for (let p = lp[k]!; p < lp[k + 1]!; p++) {
        const r = li[p]!;
        slot[r] = pos;
        fIdx[pos] = r;
        f[pos++] = lx[p]!;
      }
      for (let p = up[k]!; p < up[k + 1]!; p++) {
        const s = ui[p]!;
        ops[o++] = cd[s]! + 1;
        ops[o++] = lp[s + 1]! - lp[s]!;
        for (let pl = lp[s]!; pl < lp[s + 1]!; pl++) ops[o++] = slot[li[pl]!]!;
      }
      const j = q[k]!;
      for (let p = a.colPtr[j]!; p < a.colPtr[j + 1]!; p++) {
        fSrc[slot[a.rowIdx[p]!]!] = p;
      }
    }
    cs[n] = pos;
    this.f = f;
    this.fIdx = fIdx;
    this.ops = ops;
    this.fSrc = fSrc;
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
