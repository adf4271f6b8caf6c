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

/** Entries of the two solutions that are not the very same double (Object.is), over a set of right-hand sides. */
function solveMismatches(lu: SparseLu, ref: ReferenceSparseLu, rhs: Float64Array[]): number {
  const n = lu.n;
  const x = new Float64Array(n + 1);
  const xr = new Float64Array(n + 1);
  let bad = 0;
  for (const b of rhs) {
    x.fill(NaN);
    xr.fill(NaN);
    lu.solve(b.slice(), x);
    ref.solve(b.slice(), xr);
    for (let i = 0; i < n; i++) if (!Object.is(x[i], xr[i])) bad++;
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
