import { describe, expect, it } from 'vitest';
import { fitNetlist } from '../../src/fit/fit.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { NCM6, TRUTH, cvData } from './synthetic.js';

describe('identifiability', () => {
  it('warns that gamma (and R_c with it) cannot be told from one slow CV, and names the data that would', async () => {
    // 0.2 mV/us is ~1000x slower than window / tau: the slits follow the sweep and R_c (1 - gamma q/Qmax) barely matters.
    const ast = parseNetlist(NCM6.replace('rate=20mV/us', 'rate=0.2mV/us'), { file: 'slow.cir' }).ast;
    const out = await fitNetlist(ast, [cvData(ast, TRUTH, 21, 100)], { starts: 0, lmRuns: 1, compareTlm: false, free: ['rc', 'gamma', 'ctotal'], maxIterations: 8 });
    const gamma = out.warnings.find((w) => w.parameter === 'gamma');
    // with the engine's exact Jacobian gamma slides along the R_c (1 - gamma) valley to its bound
    expect(gamma?.reason).toMatch(/^standard error \d+ % of its range; correlation -(0\.99\d|1) with rc(; the optimum sits on its bound -?0\.95)?$/);
    expect(gamma?.remedy).toMatch(/^CVs at several scan rates \(now 200 V\/s\) reaching window\/tau = \d+ V\/s/);
    expect(out.warnings.find((w) => w.parameter === 'rc')?.remedy).toMatch(/^an EIS spectrum down to f = 1\/\(2 pi tau\)/);
    // The capacitance is what a slow CV does measure.
    expect(out.warnings.some((w) => w.parameter === 'ctotal')).toBe(false);
    expect(Math.abs(out.values.ctotal! / TRUTH.ctotal - 1)).toBeLessThan(0.01);
  });
});
