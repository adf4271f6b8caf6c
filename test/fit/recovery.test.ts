import { describe, expect, it } from 'vitest';
import { fitNetlist } from '../../src/fit/fit.js';
import { cvData, eisData, ncm6, TRUTH } from './synthetic.js';

const rel = (v: number, t: number): number => Math.abs(v / t - 1);

describe('fit recovers the generating NCM (N = 6, 1 % noise, default starts)', () => {
  it('from one CV: R_c, gamma, C_total within 2 %; R_open, weakly seen by one CV, within 3 standard errors', async () => {
    const ast = ncm6();
    const out = await fitNetlist(ast, [cvData(ast, TRUTH, 11, 400)], { starts: 0, lmRuns: 1, compareTlm: false });
    expect(out.matched[0]!.analysis).toMatchObject({ kind: 'cv', vStart: 0, rate: 20000, cycles: 1 });
    expect(Math.abs(out.matched[0]!.analysis.kind === 'cv' ? out.matched[0]!.analysis.vVertex - 0.2 : 1)).toBeLessThan(1e-9);
    // Measured (seed 11): rc 0.00 %, gamma -0.93 %, ctotal -0.02 %, ropen -2.6 % (stderr 2.0 %).
    expect(rel(out.values.rc!, TRUTH.rc)).toBeLessThan(0.02);
    expect(rel(out.values.gamma!, TRUTH.gamma)).toBeLessThan(0.02);
    expect(rel(out.values.ctotal!, TRUTH.ctotal)).toBeLessThan(0.02);
    const ropen = out.statistics.estimates.find((e) => e.name === 'ropen')!;
    expect(Math.abs(ropen.value - TRUTH.ropen)).toBeLessThan(3 * ropen.stdErr);
    expect(out.stopped).toBe(false);
  });

  it('from CV + EIS jointly: all four within 2 %', async () => {
    const ast = ncm6();
    const out = await fitNetlist(ast, [cvData(ast, TRUTH, 7, 400), eisData(ast, TRUTH, 8)], { starts: 0, lmRuns: 1, compareTlm: false });
    // Measured (seeds 7, 8): rc +0.42 %, gamma +0.37 %, ctotal -0.01 %, ropen -0.60 %.
    for (const k of ['rc', 'gamma', 'ctotal', 'ropen'] as const) expect(rel(out.values[k]!, TRUTH[k])).toBeLessThan(0.02);
    expect(out.matched.map((m) => m.weightNote)).toEqual([
      expect.stringMatching(/^current residual \/ rms of the measured current/),
      'modulus weighting: re and im residuals / |Z| measured at that frequency',
    ]);
  });
});
