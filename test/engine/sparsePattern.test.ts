import { describe, expect, it } from 'vitest';
import { PatternBuilder } from '../../src/engine/sparsePattern.js';
import { Rng } from '../../src/numeric/random.js';

describe('PatternBuilder.build', () => {
  it('compresses repeated, unordered entries into sorted unique columns and maps every handle to its own entry', () => {
    const r = new Rng(11);
    for (const n of [1, 9, 400]) {
      const pb = new PatternBuilder(n);
      const asked: Array<[number, number, number]> = [];
      for (let k = 0; k < 5 * n; k++) {
        // a dense rail column 0 (like an electrode rail) and random entries, with repeats
        const row = Math.floor(r.next() * n);
        const col = k % 4 === 0 ? 0 : Math.floor(r.next() * n);
        asked.push([pb.add(row, col), row, col]);
      }
      expect(pb.add(-1, 0)).toBe(-1);
      const { matrix, remap, diag } = pb.build();
      const { colPtr, rowIdx, nnz } = matrix;
      const unique = new Set(asked.map(([, i, j]) => `${i},${j}`));
      for (let i = 0; i < n; i++) unique.add(`${i},${i}`);
      expect(nnz).toBe(unique.size);
      for (let j = 0; j < n; j++) for (let p = colPtr[j]! + 1; p < colPtr[j + 1]!; p++) expect(rowIdx[p]!).toBeGreaterThan(rowIdx[p - 1]!);
      const colOf = (p: number): number => {
        let j = 0;
        while (colPtr[j + 1]! <= p) j++;
        return j;
      };
      for (const [h, i, j] of asked) {
        const p = remap(h);
        expect([rowIdx[p], colOf(p)]).toEqual([i, j]);
      }
      for (let i = 0; i < n; i++) expect([rowIdx[diag[i]!], colOf(diag[i]!)]).toEqual([i, i]);
      expect(remap(-1)).toBe(nnz);
    }
  });
});
