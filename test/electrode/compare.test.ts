import { describe, expect, it } from 'vitest';
import { asTlm, runComparison, slitTable } from '../../src/electrode/compare.js';
import { comparisonFiles } from '../../src/electrode/compareReport.js';
import { halfCellNetlist } from '../../src/electrode/netlistBuilder.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import { expectMeasured } from '../helpers/measured.js';

const load = (text: string) => elaborate(parseNetlist(text, { file: 'c.cir' }).ast).circuit!;
const ncm = load(halfCellNetlist({ electrode: { layers: 6, rc: 5, gamma: 0.9, cTotal: 0.08e-6 }, cv: { vVertex: 0.2, rate: 2e4, cycles: 2 } }));

describe('model comparison', () => {
  const cmp = runComparison([{ label: 'NCM', circuit: ncm }, { label: 'TLM', circuit: asTlm(ncm) }]);

  it('runs both on one protocol; the TLM loop is symmetric, the NCM one is not; charge is conserved per model', () => {
    expect(cmp.runs.map((r) => r.slits.map((s) => s.index))).toEqual([[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]);
    const [n, t] = cmp.runs;
    expect(t!.measures.asymmetryIndex).toBeLessThan(0.01);
    expectMeasured(n!.measures.asymmetryIndex, 0.11819, 1e-3); // measured; 0.1 % margin
    // At periodic steady state the charge returned equals the charge passed.
    for (const r of cmp.runs) {
      expect(r.measures.coulombicEfficiency).toBeCloseTo(1, 7);
    }
    // R_c + R_d: constant R_c in the TLM, between (1 - gamma) R_c and R_c in the NCM.
    expect(Math.min(...t!.slits[2]!.resistance!)).toBeCloseTo(5, 12);
    expect(Math.max(...t!.slits[2]!.resistance!)).toBeCloseTo(5, 12);
    expect(Math.min(...n!.slits[2]!.resistance!)).toBeGreaterThan(0.5 - 1e-6);
    expect(Math.min(...n!.slits[2]!.resistance!)).toBeLessThan(0.7);
  });

  it('per-slit table: the deepest slits gain charge under the NCM', () => {
    const rows = slitTable(cmp);
    expect(rows).toHaveLength(6);
    expectMeasured(rows[5]!.peak[0]! / rows[5]!.peak[1]!, 1.0774, 1e-3); // measured; 0.1 % margin
  });

  it('writes SVGs, CSVs and one self-contained HTML report', async () => {
    const files = await comparisonFiles(cmp, 'NCM vs TLM');
    expect([...files.keys()]).toEqual(['cv.svg', 'slit-peak-charge.svg', 'heatmap-1.svg', 'heatmap-2.svg', 'resistance.svg', 'measures.csv', 'slits.csv', 'report.html']);
    const html = files.get('report.html')!;
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html.match(/<svg/g)).toHaveLength(5);
    expect(files.get('slits.csv')!.split('\n')[0]).toBe('"slit","final q NCM (C)","peak q NCM (C)","final q TLM (C)","peak q TLM (C)","peak ratio TLM / NCM"');
    expect(files.get('measures.csv')!.trim().split('\n')).toHaveLength(3);
  });
});
