import { describe, expect, it } from 'vitest';
import { fitNetlist } from '../../src/fit/fit.js';
import { cvData, ncm6, TRUTH } from './synthetic.js';

// The 40-cases-each-way count is in the bench (bench/fit.ts); here one seeded case each way.
describe('NCM vs TLM (gamma = 0 nested) picks the generating model', () => {
  it.each([
    { gamma: 0, seed: 2, verdict: 'tlm' },
    { gamma: 0.3, seed: 3, verdict: 'ncm' },
  ])('data from gamma = $gamma -> $verdict', async ({ gamma, seed, verdict }) => {
    const ast = ncm6();
    const out = await fitNetlist(ast, [cvData(ast, { ...TRUTH, gamma }, seed, 60)], { starts: 0, lmRuns: 1 });
    const s = out.selection!;
    expect(s.verdict).toBe(verdict);
    // Nested fits: the TLM can never fit better than the NCM that contains it.
    expect(s.tlm.sse).toBeGreaterThanOrEqual(s.ncm.sse * (1 - 1e-9));
    expect(s.tlm.k).toBe(s.ncm.k - 1);
    expect(s.lrStatistic).toBeCloseTo(60 * Math.log(s.tlm.sse / s.ncm.sse), 9);
    // Measured: 2 ln Lambda = 1.6 (gamma = 0, seed 2) and 177 (gamma = 0.3, seed 3); chi2(1) 99 % point 6.63.
    if (verdict === 'tlm') expect(s.lrStatistic).toBeLessThan(6.63);
    else expect(s.lrStatistic).toBeGreaterThan(6.63);
  });
});
