import { describe, expect, it } from 'vitest';
import { discover } from '../../src/discovery/engine.js';
import { Rng } from '../../src/numeric/random.js';

describe('discovery on data near the largest double', () => {
  it('finds dphi = 0.9 I for I in [1e307, 1.7e308] (was: internal error "empty front", the scale overflowed)', () => {
    const rng = new Rng(1);
    const I = Float64Array.from({ length: 40 }, () => rng.uniform(1e307, 1.7e308));
    const dphi = I.map((v) => 0.9 * v);
    const r = discover({ names: ['I'], features: [I], target: dphi }, { generations: 5, seed: 1 });
    expect(r.best.error).toBeLessThan(1e-10);
    expect(r.best.text).toBe('0.9 * I');
  });
});
