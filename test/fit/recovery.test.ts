/**
 * The fastest cases of the recovery matrix (bench/recovery.ts, NCM_BENCH=recovery, runs all six
 * from the default starts): synthetic NCM data with 1 % noise, written in vendor layouts, fitted
 * from the start read off the data; R_c, gamma, C_total and R_open back within 2 %.
 */
import { describe, expect, it } from 'vitest';
import { fitNetlist } from '../../src/fit/fit.js';
import { cvData, eisData, ncm, ncm6, TRUTH } from './synthetic.js';

const rel = (v: number, t: number): number => Math.abs(v / t - 1);
const FOUR = ['rc', 'gamma', 'ctotal', 'ropen'] as const;

describe('fit recovers the generating NCM (1 % noise, start from the data)', () => {
  it('N = 20 from one CV at 100 mV/us, 4000 points: all four within 2 %', async () => {
    const ast = ncm(20);
    const out = await fitNetlist(ast, [cvData(ast, TRUTH, 11, 4000, 100000)], { starts: 0, lmRuns: 1, compareTlm: false });
    expect(out.matched[0]!.analysis).toMatchObject({ kind: 'cv', vStart: 0, rate: 100000, cycles: 1 });
    expect(Math.abs(out.matched[0]!.analysis.kind === 'cv' ? out.matched[0]!.analysis.vVertex - 0.2 : 1)).toBeLessThan(1e-9);
    // Measured (seed 11): rc +0.04 %, gamma +0.07 %, ctotal -0.05 %, ropen -0.91 % (standard error 0.79 %);
    // the same data and start at N = 6 give ropen -0.59 % (0.72 %), in the bench.
    for (const k of FOUR) expect(rel(out.values[k]!, TRUTH[k]), k).toBeLessThan(0.02);
    expect(out.warnings).toEqual([]);
    expect(out.stopped).toBe(false);
  });

  it('N = 6 from CV + EIS jointly: all four within 2 %', async () => {
    const ast = ncm6();
    const out = await fitNetlist(ast, [cvData(ast, TRUTH, 7, 400), eisData(ast, TRUTH, 8)], { starts: 0, lmRuns: 1, compareTlm: false });
    // Measured (seeds 7, 8): rc +0.42 %, gamma +0.37 %, ctotal -0.01 %, ropen -0.60 %.
    for (const k of FOUR) expect(rel(out.values[k]!, TRUTH[k]), k).toBeLessThan(0.02);
    expect(out.matched.map((m) => m.weightNote)).toEqual([
      expect.stringMatching(/^current residual \/ rms of the measured current/),
      'modulus weighting: re and im residuals / |Z| measured at that frequency',
    ]);
  });
});
