import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { PatternBuilder } from '../../src/engine/sparsePattern.js';
import { minimumDegreeOrder } from '../../src/numeric/ordering.js';
import { SparseLu } from '../../src/numeric/sparseLu.js';
import { Rng } from '../../src/numeric/random.js';

/** The project's seeded generator, as a function of no arguments. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

function randomSystem(n: number, density: number, seed: number, zeroDiag: boolean) {
  const rand = rng(seed);
  const dense = Matrix.zeros(n, n);
  const pb = new PatternBuilder(n);
  const entries: Array<[number, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const d = zeroDiag && i % 3 === 0 ? 0 : 1 + rand();
    entries.push([i, i, d]);
    for (let j = 0; j < n; j++) {
      if (i !== j && rand() < density) entries.push([i, j, rand() * 2 - 1]);
    }
    // a connection that keeps zero-diagonal rows non-singular
    if (zeroDiag && i % 3 === 0) entries.push([i, (i + 1) % n, 1], [(i + 1) % n, i, 1]);
  }
  const handles = entries.map(([i, j]) => pb.add(i, j));
  const built = pb.build();
  const values = new Float64Array(built.matrix.nnz + 1);
  entries.forEach(([i, j, v], k) => {
    values[built.remap(handles[k]!)] += v;
    dense.set(i, j, dense.get(i, j) + v);
  });
  return { built, values, dense };
}

describe('sparse LU', () => {
  for (const [n, seed, zeroDiag] of [[8, 1, false], [40, 2, true], [120, 3, true]] as const) {
    it(`matches ml-matrix's dense solve (n=${n}, zero diagonals: ${zeroDiag})`, () => {
      const { built, values, dense } = randomSystem(n, 0.08, seed, zeroDiag);
      const lu = new SparseLu(built.matrix, minimumDegreeOrder(built.matrix));
      expect(lu.factor(values)).toBe(-1);
      const rand = rng(seed + 100);
      const b = Array.from({ length: n }, () => rand() - 0.5);
      const ref = solve(dense, Matrix.columnVector(b)).to1DArray();
      const x = new Float64Array(n);
      lu.solve(Float64Array.from(b), x);
      for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(ref[i]!, 9);
      // Numeric refactor with new values on the same pattern gives the new solution.
      for (let p = 0; p < values.length - 1; p++) values[p] *= 1 + 0.01 * Math.sin(p);
      const dense2 = Matrix.zeros(n, n);
      const { colPtr, rowIdx } = built.matrix;
      for (let j = 0; j < n; j++) for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) dense2.set(rowIdx[p]!, j, values[p]!);
      expect(lu.refactor(values)).toBe(true);
      lu.solve(Float64Array.from(b), x);
      const ref2 = solve(dense2, Matrix.columnVector(b)).to1DArray();
      for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(ref2[i]!, 9);
    });
  }

  it('reports the singular column', () => {
    // rows 0 and 1 identical: column 1 or 0 has no pivot after elimination
    const pb = new PatternBuilder(3);
    const h = [pb.add(0, 0), pb.add(0, 1), pb.add(1, 0), pb.add(1, 1), pb.add(2, 2)];
    const built = pb.build();
    const v = new Float64Array(built.matrix.nnz + 1);
    [1, 1, 1, 1, 2].forEach((x, k) => (v[built.remap(h[k]!)] += x));
    const lu = new SparseLu(built.matrix, minimumDegreeOrder(built.matrix));
    expect([0, 1]).toContain(lu.factor(v));
  });

  it('keeps fill linear on a ladder with a rail (minimum degree)', () => {
    for (const N of [100, 1000]) {
      // unknowns: rail 0, slits 1..N, like the electrode ladder
      const pb = new PatternBuilder(N + 1);
      for (let k = 1; k <= N; k++) {
        pb.add(0, k);
        pb.add(k, 0);
        if (k > 1) {
          pb.add(k, k - 1);
          pb.add(k - 1, k);
        }
      }
      const built = pb.build();
      const vals = new Float64Array(built.matrix.nnz + 1).fill(-0.1);
      for (let i = 0; i <= N; i++) vals[built.diag[i]!] = 4 + (i === 0 ? N : 0);
      const lu = new SparseLu(built.matrix, minimumDegreeOrder(built.matrix));
      expect(lu.factor(vals)).toBe(-1);
      expect(lu.factorNnz).toBeLessThanOrEqual(built.matrix.nnz + 2 * N);
    }
  });
});
