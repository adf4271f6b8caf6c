import { describe, expect, it } from 'vitest';
import { fromPostfix } from '../../src/discovery/expression.js';
import { simplify } from '../../src/discovery/simplify.js';
import { roundConstants, symbolicSolution } from '../../src/discovery/benchmarks/judge.js';
import { FEYNMAN, feynmanData } from '../../src/discovery/benchmarks/feynman.js';
import { OP, VAR_BASE as V, CONST_BASE as C } from '../../src/discovery/operators.js';
import type { DiscoveredModel } from '../../src/discovery/model.js';
import { Rng } from '../../src/numeric/random.js';

const model = (tokens: number[], consts: number[], names: string[]): DiscoveredModel => ({ expression: simplify(fromPostfix(tokens, consts, names)) }) as DiscoveredModel;
const I_12_4 = FEYNMAN.find((p) => p.name === 'I.12.4')!;
const rng = new Rng(8);
const points = Array.from({ length: 300 }, () => I_12_4.ranges.map(([lo, hi]) => rng.uniform(lo, hi)));
// c * q1 / (epsilon * r^2)
const coulomb = (c: number): DiscoveredModel => model([C, V, OP['*'], V + 1, V + 2, OP.square, OP['*'], OP['/']], [c], ['q1', 'epsilon', 'r']);

describe('exact recovery, SRBench rule', () => {
  it('a constant factor or offset is allowed; constants inside the law are rounded to 3 decimals', () => {
    expect(symbolicSolution(coulomb(0.0795775), I_12_4.f, points)).toBe(true);
    expect(symbolicSolution(coulomb(12.3), I_12_4.f, points)).toBe(true);
    // q1 / (epsilon r^2.0004): the exponent rounds to 2 (pow with a constant exponent)
    const m = model([V, V + 1, V + 2, C, OP.pow, OP['*'], OP['/']], [2.0004], ['q1', 'epsilon', 'r']);
    expect(symbolicSolution(m, I_12_4.f, points)).toBe(true);
    expect(roundConstants(fromPostfix([C], [2.0004], [])).kind === 'num' && (roundConstants(fromPostfix([C], [2.0004], [])) as { value: number }).value).toBe(2);
  });
  it('a different law is not a solution, however well it fits', () => {
    const m = model([V, V + 1, V + 2, C, OP.pow, OP['*'], OP['/']], [2.01], ['q1', 'epsilon', 'r']);
    expect(symbolicSolution(m, I_12_4.f, points)).toBe(false);
    const plus = model([C, V, OP['*'], V + 1, V + 2, OP.square, OP['*'], OP['/'], C + 1, V, OP['*'], OP['+']], [0.0795775, 0.001], ['q1', 'epsilon', 'r']);
    expect(symbolicSolution(plus, I_12_4.f, points)).toBe(false);
  });
  it('Feynman data: seeded, in range, with noise relative to the RMS of the target', () => {
    const a = feynmanData(I_12_4, 2000, 3, 0.1);
    const b = feynmanData(I_12_4, 2000, 3, 0.1);
    expect(Array.from(a.target)).toEqual(Array.from(b.target));
    let s = 0;
    let r = 0;
    a.target.forEach((v, i) => {
      s += (v - a.clean[i]!) ** 2;
      r += a.clean[i]! ** 2;
    });
    expect(Math.sqrt(s / r)).toBeGreaterThan(0.095);
    expect(Math.sqrt(s / r)).toBeLessThan(0.105);
    for (const x of a.features[2]!) expect(x >= 1 && x <= 5).toBe(true);
  });
});
