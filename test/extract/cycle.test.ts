import { describe, expect, it } from 'vitest';
import { NcmError } from '../../src/diagnostics.js';
import { cvPeriod, cvShape, selectCycle } from '../../src/extract/cycle.js';
import { triangleWave } from '../../src/mpnp/waveform.js';
import { extractParameters } from '../../src/extract/extractParameters.js';
import { generateLadderSeries } from '../../src/extract/syntheticSeries.js';

describe('choosing a CV cycle of a series', () => {
  const s = generateLadderSeries({ slits: 4, pointsPerCycle: 200 }).series; // 2 cycles, 0 -> 0.2 V at 2e4 V/s
  it('finds the period from the triangle and cuts cycle k with both ends', () => {
    expect(cvPeriod(s)).toBeCloseTo(20e-6, 12);
    const c = selectCycle(s, 2);
    expect(c).toMatchObject({ cycle: 2, cycles: 2 });
    expect(c.series.time[0]).toBeCloseTo(20e-6, 12);
    expect(c.series.time[c.series.time.length - 1]).toBeCloseTo(40e-6, 12);
    expect(c.series.phiM[0]).toBeCloseTo(0, 12);
    expect(c.series.charge[2]!.length).toBe(c.series.time.length);
    expect(selectCycle(s, 'last').cycle).toBe(2);
  });
  it('reads the sharp triangle under vertices rounded as the mPNP smooths them (protocol.smoothing)', () => {
    // rounding over w = 1 us lowers the far extreme by rate w / 2 = 10 mV: 2 |far - v0| / rate would be 19 us
    const wave = triangleWave({ from: 0, to: 0.2, rate: 2e4, cycles: 3, smoothing: 1e-6 });
    const smoothed = { ...s, phiM: Float64Array.from(s.time, (t) => wave.at(t)) };
    const shape = cvShape(smoothed);
    expect(shape.period).toBeCloseTo(20e-6, 15);
    expect(shape.vertex).toBeCloseTo(0.2, 12);
    expect(shape.rate).toBeCloseTo(2e4, 6);
    // cycle 2 starts on a rounded vertex (phi_m = 10 mV there): its triangle still starts at 0 V
    const c = selectCycle(smoothed, 2);
    expect(c.series.phiM[0]).toBeCloseTo(0.01, 12);
    expect(extractParameters(c.series).cv).toMatchObject({ v0: expect.closeTo(0, 12), vmax: expect.closeTo(0.2, 12), rate: expect.closeTo(2e4, 6) });
  });
  it('names the cycles the series holds when asked for another', () => {
    expect(() => selectCycle(s, 3)).toThrow(NcmError);
    expect(() => selectCycle(s, 3)).toThrow('cycle 3: the series holds 2 complete CV cycles (1..2, or last)');
  });
});

describe('extraction warnings', () => {
  it('warns when the trans-slit resistances differ (e.g. phi_i read at unlike places), not otherwise', () => {
    const s = generateLadderSeries({ slits: 4, pointsPerCycle: 200 }).series;
    expect(extractParameters(s).warnings).toEqual([]);
    // triple dphi_2 = phi_3 - phi_2 by shifting phi_3 and phi_4 alike: R_2 becomes 3 R_c
    const phi = s.phi.map((p) => Float64Array.from(p));
    for (let r = 0; r < s.time.length; r++) {
      const extra = 2 * (s.phi[2]![r]! - s.phi[1]![r]!);
      phi[2]![r]! += extra;
      phi[3]![r]! += extra;
    }
    const w = extractParameters({ ...s, phi }).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^the trans-slit resistances differ across the electrode \(R_c = .* ohm, spread \d+% > 20%\)/);
  });
});
