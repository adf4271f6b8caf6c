import { describe, expect, it } from 'vitest';
import { EVENT_TOL } from '../../src/analyses/protocol.js';
import { resultOfKind } from '../../src/analyses/result.js';
import { runCircuit } from '../../src/analyses/run.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import { column } from './helpers.js';

function run(path: string) {
  const { circuit, diagnostics } = loadNetlist(path);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runCircuit(circuit!).results[0]!;
}

describe('netlists/ncm-6-gcd.cir (galvanostatic charge/discharge of the 6-layer NCM)', () => {
  const r = resultOfKind(run('netlists/ncm-6-gcd.cir'), 'protocol');
  const steps = r.summary.steps;
  const cycles = r.summary.cycleMeasures;

  it('runs 3 cycles of charge, rest, discharge; every limited step ends on its limit', () => {
    expect(steps.map((s) => `${s.cycle}.${s.kind}.${s.endedBy}`)).toEqual(
      [1, 2, 3].flatMap((c) => [`${c}.current.limit`, `${c}.rest.time`, `${c}.current.limit`]),
    );
    for (const s of steps.filter((x) => x.kind === 'current')) {
      const limit = s.setPoint > 0 ? 0.2 : 0;
      expect(Math.abs(s.vEnd - limit)).toBeLessThanOrEqual(EVENT_TOL * Math.max(limit, 1e-3));
    }
  });

  it('conserves charge: every cycle after the first returns what it took (coulombic efficiency 1)', () => {
    for (const c of cycles.slice(1)) expect(c.coulombicEfficiency).toBeCloseTo(1, 9);
    // The first charge starts from 0 V, the others from the discharge limit: the first takes more.
    expect(cycles[0]!.chargeIn).toBeGreaterThan(cycles[1]!.chargeIn);
  });

  it('measures a capacitance near the electrode total and a positive ESR; energy efficiency below 1', () => {
    const total = 0.08e-6 + 0.08e-6 / 12;
    const c = r.summary.capacitance!;
    expect(c).toBeGreaterThan(0.85 * total);
    expect(c).toBeLessThan(1.0 * total);
    expect(r.summary.esr).toBeGreaterThan(1);
    for (const cy of cycles) expect(cy.energyEfficiency).toBeLessThan(1);
  });
});

describe('netlists/ncm-50-cp.cir (constant-power discharge of the 50-layer NCM)', () => {
  const r = resultOfKind(run('netlists/ncm-50-cp.cir'), 'protocol');
  const s = r.summary.steps[0]!;

  it('delivers exactly 0.1 mW until the 0.05 V cut-off', () => {
    expect(s.endedBy).toBe('limit');
    expect(Math.abs(s.vEnd - 0.05)).toBeLessThanOrEqual(EVENT_TOL * 0.05);
    const p = column(r, 'p(port)');
    for (let k = 1; k < p.length; k++) expect(p[k]!).toBeCloseTo(-1e-4, 12);
    expect(Math.abs(-s.energy / (1e-4 * (s.tEnd - s.tStart)) - 1)).toBeLessThan(1e-5);
  });

  it('stops well before the stored charge is out (the IR drop of the deep slits reaches the cut-off first)', () => {
    const stored = (0.08e-6 + 0.08e-6 / 100) * 0.2;
    expect(-s.charge).toBeGreaterThan(0.1 * stored);
    expect(-s.charge).toBeLessThan(0.75 * stored);
  });
});

describe('netlists/switch-oscillator.cir (hysteretic and time switches)', () => {
  const r = run('netlists/switch-oscillator.cir');
  const t = column(r, 'time');
  const va = column(r, 'v(a)');
  const vb = column(r, 'v(b)');

  it('saws between 0.4 and 0.6 V, then the 1k load switched in at 2 ms slows the ramp', () => {
    let hi = -Infinity;
    let lo = Infinity;
    let teeth = 0;
    for (let k = 1; k < t.length; k++) {
      if (va[k - 1]! >= 0.45 && va[k]! < 0.45) teeth++;
      if (t[k]! < 0.7e-3 || t[k]! > 2e-3) continue;
      hi = Math.max(hi, va[k]!);
      lo = Math.min(lo, va[k]!);
    }
    expect(hi).toBeGreaterThanOrEqual(0.6);
    expect(hi).toBeLessThan(0.6 + 1e-4);
    expect(lo).toBeLessThanOrEqual(0.4);
    // Up to 2 ms: a first ramp of 0.6 ms, then one tooth per 0.2 ms (7 of them by 2 ms); after 2 ms
    // the load halves the slope near 0.5 V (1 mA in, ~0.25 mA out): fewer teeth per ms.
    expect(teeth).toBeGreaterThanOrEqual(7 + 3);
    expect(teeth).toBeLessThanOrEqual(7 + 8);
    const before = vb.filter((_, k) => t[k]! < 1.99e-3).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(before).toBeLessThan(1e-6);
    expect(vb[vb.length - 1]!).toBeGreaterThan(0.3);
  });
});
