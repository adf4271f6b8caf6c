import { describe, expect, it } from 'vitest';
import { extractParameters, smoothedPeak } from '../../src/extract/extractParameters.js';
import { generateLadderSeries, trianglePotential } from '../../src/extract/syntheticSeries.js';
import { ncmNetlist } from '../../src/extract/ncmNetlist.js';
import { chargeRelation } from '../../src/circuit/chargeRelation.js';
import { openSpace } from '../../src/extract/openSpace.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import { Rng } from '../../src/numeric/random.js';

describe('synthetic ladder', () => {
  const run = generateLadderSeries({ slits: 4, pointsPerCycle: 200 });
  const s = run.series;
  it('drives phi_m with the triangle and obeys Q_i = -C_slit (phi_m - phi_i)', () => {
    expect(trianglePotential(5e-6, 0, 0.2, 2e4)).toBeCloseTo(0.1, 15);
    expect(trianglePotential(15e-6, 0, 0.2, 2e4)).toBeCloseTo(0.1, 15);
    for (let r = 0; r < s.time.length; r += 17) expect(s.charge[2]![r]).toBeCloseTo(-1e-8 * (s.phiM[r]! - s.phi[2]![r]!), 20);
  });
  it('conserves charge: dQ_i/dt equals the net trans-slit inflow I_i - I_{i-1}', () => {
    // Slit 2 (index 1) of 4: inflow of positive charge from slit 3 is I_2, outflow toward slit 1 is I_1.
    // Q_2(t) - Q_2(0) must equal the time integral (trapezoid rule on a fine grid) of I_2 - I_1.
    const f = generateLadderSeries({ slits: 4, pointsPerCycle: 8000 }).series;
    const i = 1;
    let integral = 0;
    let worst = 0;
    let peak = 0;
    for (let r = 1; r < f.time.length; r++) {
      const dt = f.time[r]! - f.time[r - 1]!;
      integral += 0.5 * dt * (f.current[i]![r]! - f.current[i - 1]![r]! + f.current[i]![r - 1]! - f.current[i - 1]![r - 1]!);
      worst = Math.max(worst, Math.abs(f.charge[i]![r]! - f.charge[i]![0]! - integral));
      peak = Math.max(peak, Math.abs(f.charge[i]![r]!));
    }
    expect(worst / peak).toBeLessThan(1e-4);
  });
  it('satisfies the law with the self-consistent Q^max (peak of each slit charge)', () => {
    expect(run.fixedPointIterations).toBeLessThan(60);
    for (let i = 0; i < 3; i++) {
      const qmax = -run.qmax[i + 1]!;
      let peak = 0;
      for (const q of s.charge[i]!) peak = Math.min(peak, q);
      expect(peak / qmax).toBeCloseTo(1, 9);
      for (let r = 0; r < s.time.length; r += 13) {
        const dphi = s.phi[i + 1]![r]! - s.phi[i]![r]!;
        expect(dphi).toBeCloseTo(s.current[i]![r]! * 5 * (1 - (0.5 * s.charge[i]![r]!) / qmax), 12);
      }
    }
  });
});

describe('extraction', () => {
  it('recovers rc, gamma and C_slit from exact data', () => {
    const ex = extractParameters(generateLadderSeries({ pointsPerCycle: 400 }).series);
    expect(ex.capacitance.value / 1e-8).toBeCloseTo(1, 10);
    expect(ex.capacitance.perSlit.every((c) => c.r2 > 0.999999)).toBe(true);
    expect(Math.abs(ex.resistance.pooled.rc / 5 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(ex.resistance.pooled.gamma / 0.5 - 1)).toBeLessThan(3e-3);
    expect(ex.cv.vmax).toBeCloseTo(0.2, 12);
    expect(ex.cv.rate / 2e4).toBeCloseTo(1, 9);
    // R(t) spans about rc (1 - gamma) .. rc.
    expect(ex.transSlits[2]!.rDynamic.max).toBeLessThan(5.01);
    expect(ex.transSlits[2]!.rDynamic.min).toBeLessThan(2.6);
  });

  it('recovers rc and gamma within 2% from series with 1% noise, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const ex = extractParameters(generateLadderSeries({ noise: 0.01, seed }).series);
      expect(Math.abs(ex.resistance.pooled.rc / 5 - 1)).toBeLessThan(0.02);
      expect(Math.abs(ex.resistance.pooled.gamma / 0.5 - 1)).toBeLessThan(0.02);
      // The quoted uncertainty is consistent with the actual error (within 4 standard errors).
      expect(Math.abs(ex.resistance.pooled.gamma - 0.5)).toBeLessThan(4 * ex.resistance.pooled.gammaStdErr + 2e-3);
    }
  });

  it('smoothed peak is not biased by noise the way the raw maximum is', () => {
    const rng = new Rng(9);
    const n = 2000;
    const q = Float64Array.from({ length: n }, (_, i) => -Math.sin((Math.PI * i) / (n - 1)) + 0.01 * rng.normal());
    let raw = 0;
    for (const v of q) raw = Math.min(raw, v);
    const smooth = smoothedPeak(q, -1, 20);
    expect(Math.abs(smooth + 1)).toBeLessThan(0.004);
    expect(raw).toBeLessThan(-1.02); // the raw extremum overshoots by ~3 sigma
  });

  it('writes the netlist in the NCM form with values and their origin', () => {
    const s = generateLadderSeries({ slits: 3, pointsPerCycle: 200 }).series;
    const ex = extractParameters(s);
    const { open, warning } = openSpace(s, ex);
    expect(warning).toBeUndefined();
    const text = ncmNetlist(ex, open, 'demo.csv');
    const lines = text.trim().split('\n').filter((l) => !l.startsWith('*'));
    expect(lines[0]).toBe('NCM electrode of 3 nanoslits extracted from demo.csv');
    expect(lines[1]).toMatch(/^\.param rc=5(\.\d+)? gamma=0\.49\d* cs=1e-8 ropen=2 copen=1e-8$/);
    expect(lines.slice(2)).toEqual([
      'Vm m 0 DC 0',
      'Ropen 0 s0 {ropen}',
      'Copen m s0 {copen}',
      'RDYN1 s0 s1 RC={rc} GAMMA={gamma} Q=Copen QMAX=peak',
      'Cslit1 m s1 {cs}',
      'RDYN2 s1 s2 RC={rc} GAMMA={gamma} Q=Cslit1 QMAX=peak',
      'Cslit2 m s2 {cs}',
      'RDYN3 s2 s3 RC={rc} GAMMA={gamma} Q=Cslit2 QMAX=peak',
      'Cslit3 m s3 {cs}',
      '.cv Vm 0 0.2 rate=20000V/s cycles=2',
      '.end',
    ]);
    expect(text).toContain('* ropen, copen: ropen from series metadata, copen from series metadata');
  });

  it('splits each slit into n lumps of R/n and C/n on request, the RDYN chain controlled by the lump upstream', () => {
    const s = generateLadderSeries({ slits: 3, pointsPerCycle: 200 }).series;
    const ex = extractParameters(s);
    const { open } = openSpace(s, ex);
    const text = ncmNetlist(ex, open, 'demo.csv', { lumps: 2 });
    const lines = text.trim().split('\n').filter((l) => !l.startsWith('*') && /^(RDYN|Cslit)/.test(l));
    expect(lines).toEqual([
      'RDYN1_1 s0 s1_1 RC={rc/2} GAMMA={gamma} Q=Copen QMAX=peak',
      'Cslit1_1 m s1_1 {cs/2}',
      'RDYN1_2 s1_1 s1 RC={rc/2} GAMMA={gamma} Q=Cslit1_1 QMAX=peak',
      'Cslit1_2 m s1 {cs/2}',
      'RDYN2_1 s1 s2_1 RC={rc/2} GAMMA={gamma} Q=Cslit1_2 QMAX=peak',
      'Cslit2_1 m s2_1 {cs/2}',
      'RDYN2_2 s2_1 s2 RC={rc/2} GAMMA={gamma} Q=Cslit2_1 QMAX=peak',
      'Cslit2_2 m s2 {cs/2}',
      'RDYN3_1 s2 s3_1 RC={rc/2} GAMMA={gamma} Q=Cslit2_2 QMAX=peak',
      'Cslit3_1 m s3_1 {cs/2}',
      'RDYN3_2 s3_1 s3 RC={rc/2} GAMMA={gamma} Q=Cslit3_1 QMAX=peak',
      'Cslit3_2 m s3 {cs/2}',
    ]);
    // the totals are those of the one-lump netlist: the elaborated capacitances add up to 3 cs + copen
    const { ast } = parseNetlist(text, { file: 'lumps.cir' });
    const c = elaborate(ast).circuit!;
    const total = c.elements.reduce((a, e) => a + (e.kind === 'C' ? e.capacitance : 0), 0);
    expect(total).toBeCloseTo(3 * ex.capacitance.value + open.copen, 20);
    const tlm = elaborate(parseNetlist(ncmNetlist(ex, open, 'demo.csv', { lumps: 4, tlm: { resistance: 3, source: 'test' } }), { file: 't.cir' }).ast).circuit!;
    expect(tlm.elements.reduce((a, e) => a + (e.kind === 'R' && e.name !== 'Ropen' ? e.resistance : 0), 0)).toBeCloseTo(9, 12);
  });

  it('writes the C(V) slit as a nonlinear Cslit (Q={...}) in series with E that its RDYN reads, and .cv smooth= on request', () => {
    const s = generateLadderSeries({ slits: 2, pointsPerCycle: 200 }).series;
    const ex = extractParameters(s);
    const { open } = openSpace(s, ex);
    const offset = { kind: 'polynomial' as const, coefficients: [0.9, 0.1, -1.5] as [number, number, number], beta: 0.08, source: 'test', fitError: 1e-4, points: 8 };
    const text = ncmNetlist(ex, open, 'demo.csv', { offset, lumps: 2, smooth: 5e-7 });
    const lines = text.trim().split('\n').filter((l) => /^(RDYN2_1|Cslit1_2|Eoff1_2|\.cv|\.param)/.test(l));
    expect(lines.slice(1)).toEqual([
      'Cslit1_2 m p1_2 Q={cs/2*(c1*V + c2*V^2 + c3*V^3)}',
      'Eoff1_2 p1_2 s1 m 0 {beta}',
      'RDYN2_1 s1 s2_1 RC={rc/2} GAMMA={gamma} Q=Cslit1_2 QMAX=peak',
      `.cv Vm 0 0.2 rate=20000V/s cycles=2 smooth=5e-7`,
    ]);
    expect(lines[0]).toMatch(/ beta=0\.08 a1=0\.9 a2=0\.1 a3=-1\.5 c1=\{a1\/\(1-beta\)\^1\} c2=\{a2\/\(1-beta\)\^2\} c3=\{a3\/\(1-beta\)\^3\}$/);
    expect(text).toContain('*   k: cubic fit through 0 of 8 points, rms residual 0.0001 of the largest |k|');
    const c = elaborate(parseNetlist(text, { file: 'cq.cir' }).ast).circuit!;
    expect(c.elements.filter((e) => e.kind === 'CQ')).toHaveLength(4);
    expect(c.analyses[0]).toMatchObject({ kind: 'cv', smooth: 5e-7, cycles: 2 });
    // at rest (s1 at 0 V) the slit holds cs k(phi_m): Q(u = (1 - beta) V) = cs/2 * k(V) per lump
    const q = c.elements.find((e) => e.key === 'cslit1_2');
    if (q?.kind !== 'CQ') throw new Error('Cslit1_2 is not a nonlinear capacitor');
    const k = (v: number): number => 0.9 * v + 0.1 * v ** 2 - 1.5 * v ** 3;
    expect(chargeRelation(q).at((1 - 0.08) * 0.2)).toBeCloseTo(((ex.capacitance.value / 2) * k(0.2)) / 1, 15);
  });
});
