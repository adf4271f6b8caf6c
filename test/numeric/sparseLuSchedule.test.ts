import { describe, expect, it } from 'vitest';
import { Mna } from '../../src/engine/mna.js';
import { buildLadder } from '../../src/electrode/ladder.js';
import { PatternBuilder } from '../../src/engine/sparsePattern.js';
import type { CscMatrix } from '../../src/numeric/csc.js';
import { minimumDegreeOrder } from '../../src/numeric/ordering.js';
import { Rng } from '../../src/numeric/random.js';
import { SparseLu } from '../../src/numeric/sparseLu.js';
import { ReferenceSparseLu } from '../helpers/referenceSparseLu.js';

/**
 * The scheduled refactor and solves against the straightforward ones they replaced
 * (test/helpers/referenceSparseLu.ts): every solution must be the same double, sign of zero
 * included (Object.is), so every output of the project stays byte-identical.
 */

/** Entries of the two factorisations, then of the two solutions over a set of right-hand sides, that are not the very same double (Object.is). */
function solveMismatches(lu: SparseLu, ref: ReferenceSparseLu, rhs: Float64Array[]): number {
  const n = lu.n;
  const x = new Float64Array(n + 1);
  const xr = new Float64Array(n + 1);
  let bad = factorMismatches(lu, ref);
  for (const b of rhs) {
    x.fill(NaN);
    xr.fill(NaN);
    lu.solve(b.slice(), x);
    ref.solve(b.slice(), xr);
    for (let i = 0; i < n; i++) if (!Object.is(x[i], xr[i])) bad++;
  }
  return bad;
}

/** The factors' own layouts (private fields, read here only to compare them entry by entry). */
interface ScheduledFactors {
  f: Float64Array;
  cs: Int32Array;
  cd: Int32Array;
}
interface ReferenceFactors {
  up: Int32Array;
  ux: Float64Array;
  ud: Float64Array;
  lp: Int32Array;
  lx: Float64Array;
}

/** Entries of L, U and the pivots that are not the very same double in both (patterns and order are the same by construction). */
function factorMismatches(lu: SparseLu, ref: ReferenceSparseLu): number {
  const s = lu as unknown as ScheduledFactors;
  const r = ref as unknown as ReferenceFactors;
  let bad = 0;
  for (let k = 0; k < lu.n; k++) {
    const mine = Array.from(s.f.subarray(s.cs[k]!, s.cs[k + 1]!));
    const theirs = [...r.ux.subarray(r.up[k]!, r.up[k + 1]!), r.ud[k]!, ...r.lx.subarray(r.lp[k]!, r.lp[k + 1]!)];
    if (mine.length !== theirs.length) return Infinity;
    for (let i = 0; i < mine.length; i++) if (!Object.is(mine[i], theirs[i])) bad++;
  }
  return bad;
}

/** Right-hand sides: every unit vector (so every entry of A^-1 is compared), random ones, and ones with exact zeros. */
function rightHandSides(n: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n + 1);
    e[i] = 1;
    out.push(e);
  }
  // All -0, then -0 but for two entries: a skipped zero update is not the same as subtracting 0 from -0.
  const negZero = new Float64Array(n + 1).fill(-0);
  out.push(negZero, negZero.slice());
  out[out.length - 1]![0] = 1;
  out[out.length - 1]![n - 1] = -2;
  for (let k = 0; k < 4; k++) {
    const b = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) b[i] = k % 2 === 1 && rng.next() < 0.5 ? (rng.next() < 0.5 ? 0 : -0) : rng.next() * 2 - 1;
    out.push(b);
  }
  return out;
}

/** A seeded random sparse pattern with a non-zero diagonal except every third row (which forces off-diagonal pivots). */
function randomPattern(n: number, density: number, rng: Rng): { matrix: CscMatrix; diag: Int32Array } {
  const pb = new PatternBuilder(n);
  for (let i = 0; i < n; i++) {
    pb.add(i, i);
    for (let j = 0; j < n; j++) if (i !== j && rng.next() < density) pb.add(i, j);
    if (i % 3 === 0) pb.add(i, (i + 1) % n), pb.add((i + 1) % n, i);
  }
  const built = pb.build();
  return { matrix: built.matrix, diag: built.diag };
}

/** Values on the pattern: off-diagonals in (-1, 1), some exactly +-0 when `zeros`; diagonals 1..2, zero every third row. */
function randomValues(p: { matrix: CscMatrix; diag: Int32Array }, rng: Rng, zeros: boolean): Float64Array {
  const v = new Float64Array(p.matrix.nnz + 1);
  for (let k = 0; k < p.matrix.nnz; k++) v[k] = zeros && rng.next() < 0.15 ? (rng.next() < 0.5 ? 0 : -0) : rng.next() * 2 - 1;
  for (let i = 0; i < p.matrix.n; i++) v[p.diag[i]!] = i % 3 === 0 ? 0 : 1 + rng.next();
  v[p.matrix.nnz] = 12.5; // the ground slot the engine stamps into: never part of A
  return v;
}

describe('scheduled sparse LU refactor and solve', () => {
  for (const [n, density, seed] of [[12, 0.25, 11], [40, 0.08, 12], [90, 0.04, 13]] as const) {
    it(`are bit-identical to the straightforward ones on random matrices (n=${n}, seed ${seed})`, () => {
      const rng = new Rng(seed);
      const pattern = randomPattern(n, density, rng);
      const order = minimumDegreeOrder(pattern.matrix);
      const lu = new SparseLu(pattern.matrix, order);
      const ref = new ReferenceSparseLu(pattern.matrix, order);
      const v0 = randomValues(pattern, rng, false);
      expect(lu.factor(v0)).toBe(-1);
      expect(ref.factor(v0)).toBe(-1);
      expect(lu.factorNnz).toBe(ref.factorNnz);
      // Off-diagonal pivots were taken (the zero diagonals), and the factors have fill.
      expect(lu.factorNnz).toBeGreaterThan(pattern.matrix.nnz);
      const rhs = rightHandSides(n, rng);
      expect(solveMismatches(lu, ref, rhs)).toBe(0);
      let refactored = 0;
      let singular = 0;
      for (let round = 0; round < 8; round++) {
        // New values near the first ones (so the pivots mostly stay usable), with exact zeros from round 4 on.
        const v = v0.slice();
        for (let k = 0; k < pattern.matrix.nnz; k++) {
          if (v[k] === 0) continue; // a structurally zero diagonal stays zero: the pivots stay off it
          v[k] = round >= 4 && rng.next() < 0.1 ? (rng.next() < 0.5 ? 0 : -0) : v[k]! * (1 + 0.04 * (rng.next() - 0.5));
        }
        const ok = lu.refactor(v);
        expect(ref.refactor(v)).toBe(ok);
        if (ok) refactored++;
        else {
          // New pivots; exact zeros can make the matrix singular, at the same column in both.
          const col = lu.factor(v);
          expect(ref.factor(v)).toBe(col);
          if (col >= 0) {
            singular++;
            continue; // no factors to solve with (the callers stop here too)
          }
        }
        expect(solveMismatches(lu, ref, rhs)).toBe(0);
        // The very same values again: both reuse their factors.
        expect(lu.refactor(v)).toBe(ref.refactor(v));
        expect(lu.reusedFactors).toBe(ref.reusedFactors);
        expect(solveMismatches(lu, ref, rhs)).toBe(0);
      }
      // Every path was taken: refactors, pivots too small (new pivots), and for n >= 40 a singular matrix.
      expect(refactored).toBeGreaterThanOrEqual(4);
      expect(lu.fullFactorizations).toBeGreaterThanOrEqual(3);
      expect(singular > 0).toBe(n >= 40);
    });
  }

  it('skip an update by an exact zero as the straightforward ones do (the sign of zero kept)', () => {
    // [[2, 0, +0], [-1, 3, -0], [0, 0, 1]] in the identity order: U(0, 2) is +0 and L(1, 0) = -0.5, so
    // subtracting -0.5 * +0 = -0 from A(1, 2) = -0 would make U(1, 2) +0; skipping it keeps -0, and
    // b = (-0, -0, 1) shows it: x1 = (-0 - U(1, 2) * 1) / 3 is +0 with U(1, 2) = -0, -0 with +0.
    const pb = new PatternBuilder(3);
    const entries: Array<[number, number, number]> = [[0, 0, 2], [1, 0, -1], [1, 1, 3], [0, 2, 0], [1, 2, -0], [2, 2, 1]];
    const h = entries.map(([i, j]) => pb.add(i, j));
    const built = pb.build();
    const v = new Float64Array(built.matrix.nnz + 1);
    entries.forEach(([, , x], k) => (v[built.remap(h[k]!)] = x));
    const order = Int32Array.from([0, 1, 2]);
    const lu = new SparseLu(built.matrix, order);
    const ref = new ReferenceSparseLu(built.matrix, order);
    expect(lu.factor(v)).toBe(-1);
    ref.factor(v);
    const v2 = v.map((x) => (x === 2 ? 4 : x)); // a refactor with the same zeros
    expect(lu.refactor(v2)).toBe(true);
    expect(ref.refactor(v2)).toBe(true);
    const x = new Float64Array(4);
    lu.solve(Float64Array.from([-0, -0, 1, 0]), x);
    expect(Object.is(x[1], 0)).toBe(true);
    expect(solveMismatches(lu, ref, [Float64Array.from([-0, -0, 1, 0]), Float64Array.from([-0, -0, -0, 0])])).toBe(0);
  });

  it('report a pivot that has become too small as the straightforward refactor does, and recover by a full factor', () => {
    // [[d, 1], [1, 1]]: the diagonal pivot d is kept at factor time (d = 1) and too small at d = 1e-5.
    const pb = new PatternBuilder(2);
    const h = [pb.add(0, 0), pb.add(0, 1), pb.add(1, 0), pb.add(1, 1)];
    const built = pb.build();
    const values = (d: number) => {
      const v = new Float64Array(built.matrix.nnz + 1);
      [d, 1, 1, 1].forEach((x, k) => (v[built.remap(h[k]!)] += x));
      return v;
    };
    const order = Int32Array.from([0, 1]);
    const lu = new SparseLu(built.matrix, order);
    const ref = new ReferenceSparseLu(built.matrix, order);
    expect(lu.factor(values(2))).toBe(-1);
    ref.factor(values(2));
    expect(lu.refactor(values(0.5))).toBe(true);
    expect(ref.refactor(values(0.5))).toBe(true);
    expect(solveMismatches(lu, ref, [Float64Array.from([1, 0, 0]), Float64Array.from([0.3, -2, 0])])).toBe(0);
    expect(lu.refactor(values(1e-5))).toBe(false);
    expect(ref.refactor(values(1e-5))).toBe(false);
    expect(lu.factored).toBe(false);
    expect(lu.refactor(values(1e-5))).toBe(false); // unusable until a full factor
    expect(lu.factor(values(1e-5))).toBe(-1);
    ref.factor(values(1e-5));
    expect(solveMismatches(lu, ref, [Float64Array.from([1, 0, 0]), Float64Array.from([0.3, -2, 0])])).toBe(0);
  });

  for (const [model, gamma] of [['TLM', 0], ['NCM', 0.5]] as const) {
    it(`are bit-identical to the straightforward ones on the MNA matrices of a 25-layer ${model} ladder`, () => {
      const mna = new Mna(buildLadder({ layers: 25, rc: 5, cTotal: 8e-8, gamma, qmax: 8e-8 / 25 * 0.2, file: '<lu>' }));
      const n = mna.n;
      const lu = new SparseLu(mna.matrix, mna.lu.q);
      const ref = new ReferenceSparseLu(mna.matrix, mna.lu.q);
      const rng = new Rng(7);
      const rhs = rightHandSides(n, rng);
      const x = new Float64Array(n + 1);
      let changed = 0;
      for (let k = 0; k < 8; k++) {
        // Time steps from 0.1 to 20 ns (ag0 = 1/h) at node voltages up to 0.2 V: RDYN's conductance moves with them.
        mna.ag0 = 1 / (1e-10 * 1.9 ** k);
        for (let i = 0; i < n; i++) x[i] = 0.2 * rng.next();
        mna.assemble(x);
        const a = mna.a.slice();
        if (k === 0) {
          expect(lu.factor(a)).toBe(-1);
          expect(ref.factor(a)).toBe(-1);
        } else {
          expect(lu.refactor(a)).toBe(true);
          expect(ref.refactor(a)).toBe(true);
          changed++;
        }
        expect(solveMismatches(lu, ref, rhs)).toBe(0);
      }
      expect(lu.reusedFactors).toBe(0);
      expect(changed).toBe(7);
      // The ladder keeps its zero fill: L and U hold A's pattern plus at most one entry per layer.
      expect(lu.factorNnz).toBeLessThanOrEqual(mna.matrix.nnz + 25 + 3);
    });
  }
});
