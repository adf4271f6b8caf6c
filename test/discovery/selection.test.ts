import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readNumericCsv, tableColumn } from '../../src/io/tableCsv.js';
import { discover } from '../../src/discovery/engine.js';
import { chooseBest, paretoFront, selectModel, type DiscoveredModel } from '../../src/discovery/model.js';
import { isLinearInIAndIQ, lawData } from '../../src/discovery/benchmarks/law.js';

const m = (complexity: number, error: number): DiscoveredModel => ({ complexity, error, text: `m${complexity}` }) as unknown as DiscoveredModel;

describe('the knee rule', () => {
  it('on the measured mPNP front (d = 1.5 nm, no units) picks the paper form, where a 1.5x window picks a long formula', () => {
    // complexity and SSE/SST of `ncm discover` on the d = 1.5 nm table (150 generations, seed 1):
    // 4: a I / cos(b I), 5: I (c0 + c1 Q), 6..27: log/cos corrections that trim the systematic residual.
    const front = paretoFront([m(1, 1.1834e-2), m(4, 3.8022e-3), m(5, 3.0633e-4), m(6, 2.2084e-4), m(7, 2.1684e-4), m(8, 2.0261e-4), m(9, 1.7041e-4), m(12, 1.6103e-4), m(13, 1.3882e-4), m(15, 1.1197e-4), m(17, 1.0228e-4), m(18, 8.616e-5), m(19, 7.5231e-5), m(22, 7.1702e-5), m(24, 6.4027e-5), m(27, 5.8084e-5)]);
    const s = selectModel(front);
    expect(s.model.complexity).toBe(5);
    expect(s.score).toBeCloseTo(Math.log(3.8022e-3 / 3.0633e-4), 12);
    expect(chooseBest(front, 1.5).complexity).toBe(18); // PySR's window
  });

  it('an exact model beats every larger one; noise-level gains do not buy terms', () => {
    expect(chooseBest(paretoFront([m(1, 0.03), m(7, 1e-20), m(9, 1e-31)])).complexity).toBe(7);
    expect(chooseBest(paretoFront([m(1, 0.03), m(5, 2.45e-4), m(8, 2.44e-4), m(20, 2.2e-4)])).complexity).toBe(5);
  });
});

const fixture = (d: string): string => fileURLToPath(new URL(`./fixtures/mpnp-d${d}-slit2.csv`, import.meta.url));

describe('the paper law on mPNP data, with units', () => {
  it('d = 1.5 nm: a short seeded search picks I (c0 + c1 Q)', () => {
    const t = readNumericCsv(fixture('1.5'));
    const data = { names: ['I_2', 'Q_2'], features: [tableColumn(t, 'I_2'), tableColumn(t, 'Q_2')], target: tableColumn(t, 'dphi_2') };
    const r = discover(data, { seed: 2, generations: 60, islands: 2, population: 100, units: { features: ['A', 'C'], target: 'V' } });
    expect(isLinearInIAndIQ(r.best, data)).toBe(true);
    expect(r.best.text).toMatch(/^I_2 \* \(0\.0816\d* \+ 5\.14\d*e6 \* Q_2\)$/);
    // nothing on the front puts a dimensioned quantity inside a function
    for (const f of r.front) expect(f.text).not.toMatch(/(exp|log|sin|cos|tanh)\(/);
  });

  it('synthetic law with 5% noise: the pick is the paper form', () => {
    const d = lawData(4, 0.05);
    const r = discover(d, { seed: 4, generations: 30, islands: 2, population: 100, units: { features: ['A', 'C'], target: 'V' } });
    expect(isLinearInIAndIQ(r.best, d)).toBe(true);
  });
});

describe('the simplest front model', () => {
  it('is scored against the mean of the target and wins when it is within 1.5x of the best', () => {
    // I.25.13 (q / C) at 1% noise: q / C, and q / C - 0.0016 whose intercept only fits the noise
    const s = selectModel(paretoFront([m(3, 3.5147e-4), m(7, 3.5014e-4)]));
    expect(s.model.complexity).toBe(3);
    expect(s.scores[0]).toBeCloseTo(-Math.log(3.5147e-4) / 3, 12);
  });
  it('but not from further away: the plain resistor at 5% noise (6x the best) loses to the law', () => {
    // the synthetic law at 5% noise, seed 1: b I, then I (c0 + c1 Q)
    expect(selectModel(paretoFront([m(1, 3.7e-2), m(5, 6.11e-3), m(9, 6.08e-3)])).model.complexity).toBe(5);
  });
});
