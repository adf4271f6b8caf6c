import { describe, expect, it } from 'vitest';
import { generateLadderSeries } from '../../src/extract/syntheticSeries.js';
import { discover } from '../../src/discovery/engine.js';
import { sindy, monomials } from '../../src/discovery/sindy.js';
import { predictModel, type DiscoveredModel } from '../../src/discovery/model.js';
import { linearLeastSquares } from '../../src/numeric/leastSquares.js';
import { lawData, isLinearInIAndIQ } from '../../src/discovery/benchmarks/law.js';

describe('the paper law from synthetic series with 1% noise', () => {
  it('evolution chooses a model equivalent to c0 I + c1 I Q', () => {
    const d = lawData(11);
    const r = discover(d, { seed: 11, generations: 60 });
    expect(isLinearInIAndIQ(r.best, d)).toBe(true);
    // and the coefficients give R_c and gamma within 2% (Q^max from the noise-free peak here)
    const pred = predictModel(r.best, d.features);
    const [I, Q] = d.features as [Float64Array, Float64Array];
    const fit = linearLeastSquares([I, Float64Array.from(I, (v, k) => v * Q[k]!)], pred);
    expect(Math.abs(fit.coef[0]! / 5 - 1)).toBeLessThan(0.02);
    expect(Math.abs((-fit.coef[1]! * d.qmax) / fit.coef[0]! / 0.5 - 1)).toBeLessThan(0.02);
  });

  it('a model that is not linear in {I, IQ} is told apart', () => {
    const d = lawData(2);
    const fake = { tokens: [1000, 1000, 1001, 0 /* + */, 2 /* * */], consts: [], a: 0, b: 1, featureScales: [1, 1], targetScale: 1 } as unknown as DiscoveredModel;
    expect(isLinearInIAndIQ(fake, d)).toBe(false); // I * (I + Q)
  });

  it('SINDy keeps exactly the I and I*Q terms', () => {
    const d = lawData(3);
    const r = sindy(d);
    expect(isLinearInIAndIQ(r.best, d)).toBe(true);
    expect(r.best.consts).toHaveLength(2);
  });

  it('the monomial library has every term up to the degree once', () => {
    expect(monomials(2, 2)).toEqual([[0, 0], [0, 1], [1, 0], [0, 2], [1, 1], [2, 0]]);
    expect(monomials(3, 3)).toHaveLength(20);
  });
});

describe('synthetic law data', () => {
  it('is deterministic per seed and noisy at the 1% level', () => {
    const a = lawData(5);
    const b = lawData(5);
    expect(Array.from(a.target)).toEqual(Array.from(b.target));
    const clean = generateLadderSeries({ noise: 0 }).series;
    const cI = clean.current[1]!;
    let s = 0;
    let r = 0;
    for (let k = 0; k < cI.length; k++) {
      s += (a.features[0]![k]! - cI[k]!) ** 2;
      r += cI[k]! ** 2;
    }
    expect(Math.sqrt(s / r)).toBeGreaterThan(0.007);
    expect(Math.sqrt(s / r)).toBeLessThan(0.013);
  });
});
