import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { lineFit, scanRateStudy } from '../../src/analyses/scanRate.js';
import { renderSvg } from '../../src/io/plots.js';
import { runDataFiles } from '../../src/io/runDataFiles.js';
import { formatRunSummary } from '../../src/io/runSummary.js';
import { runPlotSpecs } from '../../src/io/scanRatePlots.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';

// R = 1 ohm, C = 1 uF: RC = 1 us, while a half cycle lasts 0.2 V / v >= 20 ms. The current is
// capacitive, I = C v (1 - 2 exp(-t/RC)) after each reversal, so the peak of the second cycle is C v
// (to exp(-20000)) and I_peak = C v^1: slope b = 1, prefactor C. The integrator's steps near the
// reversal put the measured peaks up to 5.4e-4 above C v.
const NETLIST = `RC at three scan rates
V1 in 0 DC 0
R1 in a 1
C1 a 0 1u
.cv V1 0 0.2 rate=0.1V/s cycles=2
.cv V1 0 0.2 rate=1V/s cycles=2
.cv V1 0 0.2 rate=10V/s cycles=2
.end
`;

function run(text = NETLIST) {
  const { ast, diagnostics } = parseNetlist(text, { file: 'rates.cir' });
  const el = elaborate(ast);
  expect([...diagnostics, ...el.diagnostics].filter((d) => d.severity === 'error')).toEqual([]);
  return runCircuit(el.circuit!);
}

describe('peak current vs scan rate over several .cv analyses', () => {
  it('least-squares line of a hand example', () => {
    // x mean 1, y mean 5/6; Sxy = 1.5, Sxx = 2: slope 0.75, intercept 5/6 - 0.75 = 1/12
    const f = lineFit([0, 1, 2], [0, 1, 1.5]);
    expect(f.slope).toBeCloseTo(0.75, 14);
    expect(f.intercept).toBeCloseTo(1 / 12, 14);
    expect(f.r2).toBeCloseTo((1.5 * 1.5) / (2 * (1 / 36 * 25 + 1 / 36 + 4 / 9)), 12);
  });

  it('a pure RC gives b = 1 and a = C; summary.json, the console and the two plots carry it', async () => {
    const r = run();
    const s = scanRateStudy(r.results)!;
    expect(s.points.map((p) => [p.analysis, p.rateVPerS])).toEqual([['cv1', 0.1], ['cv2', 1], ['cv3', 10]]);
    // measured: peaks within 5.4e-4 of C v (the step just after the reversal), b - 1 = -7.5e-5
    for (const p of s.points) expect(Math.abs(p.peakAnodicCurrent / (1e-6 * p.rateVPerS) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(s.slope - 1)).toBeLessThan(2e-4);
    expect(Math.abs(s.prefactor / 1e-6 - 1)).toBeLessThan(1e-3);
    expect(s.regime).toBe('capacitive');
    // b between successive rates: log(I2/I1) / log(v2/v1), each a decade apart
    expect(s.localSlopes.map((l) => [l.from, l.to])).toEqual([['cv1', 'cv2'], ['cv2', 'cv3']]);
    for (const [k, l] of s.localSlopes.entries()) expect(l.slope).toBeCloseTo(Math.log10(s.points[k + 1]!.peakAnodicCurrent / s.points[k]!.peakAnodicCurrent), 12);
    const json = JSON.parse(runDataFiles(r).get('summary.json')!) as { scanRate: { slope: number; regime: string; points: unknown[] } };
    expect(json.scanRate.slope).toBe(s.slope);
    expect(json.scanRate.points).toHaveLength(3);
    const text = formatRunSummary(r);
    expect(text).toContain('\n[cv1, cv2, cv3] peak anodic current vs scan rate (last cycle of each)\n  cv1     v = 100.0 mV/s   I_pa = 100.1 nA\n');
    expect(text).toContain(`\n  log-log slope b = 1.000 (R^2 1.0000): capacitive (b = 1 capacitive, 0.5 diffusion-limited)\n`);
    const specs = runPlotSpecs(r.results, r.circuit.title);
    expect([...specs.keys()]).toEqual(['cv-overlay.svg', 'cv-peak-vs-rate.svg']);
    const overlay = await renderSvg(specs.get('cv-overlay.svg')!);
    for (const label of ['cv1 (100.0 mV/s)', 'cv2 (1.000 V/s)', 'cv3 (10.00 V/s)', 'I / v (nF)']) expect(overlay).toContain(label);
    const peak = await renderSvg(specs.get('cv-peak-vs-rate.svg')!);
    expect(peak).toContain('b = 1.000 (R^2 = 1.0000): capacitive');
    // log axes in engineering notation
    expect(peak).toContain('>100m</text>');
    expect(peak).toContain('>1µ</text>');
  });

  it('one .cv: no study and no cross-analysis plots', () => {
    const r = run(NETLIST.replace(/\.cv V1 0 0\.2 rate=(1|10)V\/s cycles=2\n/g, ''));
    expect(scanRateStudy(r.results)).toBeUndefined();
    expect(runPlotSpecs(r.results, 'x').size).toBe(0);
    expect(JSON.parse(runDataFiles(r).get('summary.json')!)).not.toHaveProperty('scanRate');
  });
});
