import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MdAnalyzer } from '../../src/md/analysis.js';
import { parseMdConfig } from '../../src/md/config.js';
import type { DumpFrame } from '../../src/md/dump.js';
import { prepareMd } from '../../src/md/run.js';

const E = 1.602176634e-19;

describe('MD analysis on synthetic frames', () => {
  const cfg = parseMdConfig(readFileSync('examples/md-tiny.yaml', 'utf8'), 'examples/md-tiny.yaml');
  const { sys, plan } = prepareMd(cfg);
  const left = plan.electrodes[0];
  const nIon = sys.counts.cations + sys.counts.anions;
  // a frame: the built system with the carbons charged (or not) and the first anion placed at z
  const frame = (step: number, charged: boolean, anionZ: number): DumpFrame => {
    const n = sys.type.length;
    const f: DumpFrame = { step, atoms: n, bounds: [0, 0, 0, 0, 0, 0], type: Int32Array.from(sys.type), q: new Float64Array(n), z: new Float64Array(n) };
    let moved = false;
    for (let i = 0; i < n; i++) {
      f.z[i] = sys.z[i]! * 1e10;
      f.q[i] = sys.q[i]! / E;
      if (sys.type[i] === 1 && charged) f.q[i] = i + 1 <= left.lastId ? 0.01 : -0.01;
      // park every ion in the reservoir middle except one anion
      if (sys.type[i] === 2 || sys.type[i] === 3) f.z[i] = plan.reservoirMid * 1e10;
      if (sys.type[i] === 3 && !moved) {
        f.z[i] = anionZ * 1e10;
        moved = true;
      }
    }
    return f;
  };
  const mid = (k: number): number => (left.slitLo[k]! + left.slitHi[k]!) / 2;

  it('one anion crossing from slit 1 into slit 2: Q_i, ion counts, the current toward the reservoir and its sign', () => {
    const an = new MdAnalyzer(plan, cfg);
    const dt = plan.dumpEverySteps * plan.timestep;
    an.frame(frame(plan.stepAt, false, mid(0)));
    an.frame(frame(plan.stepAt + plan.dumpEverySteps, true, mid(0)));
    an.frame(frame(plan.stepAt + 2 * plan.dumpEverySteps, true, mid(1)));
    const a = an.finish();
    const s = a.electrodes[0].series;
    expect(Array.from(s.time)).toEqual([0, dt, 2 * dt]);
    expect(Array.from(s.charge[0]!, (q) => q / E)).toEqual([-1, -1, 0]);
    expect(Array.from(s.charge[1]!, (q) => q / E)).toEqual([0, 0, -1]);
    expect(Array.from(a.electrodes[0].anions[1]!)).toEqual([0, 0, 1]);
    // an anion moving inward is positive current toward the reservoir: central difference at the middle frame
    expect(s.current[0]![1]! / (E / (2 * dt))).toBeCloseTo(1, 12);
    expect(s.current[0]![2]! / (E / dt)).toBeCloseTo(1, 12);
    // the electrode charge appears with the step, the system stays neutral, no ion is lost
    expect(s.electrodeCharge![0]).toBe(0);
    expect(s.electrodeCharge![1]! / E).toBeCloseTo(sys.counts.carbonPerElectrode * 0.01, 9);
    expect(a.checks.maxNetCharge).toBeLessThan(1e-12);
    expect(a.checks.maxIonCountChange).toBe(0);
    expect(a.frames).toBe(3);
    expect(nIon).toBe(sys.counts.cations * 2);
  });

  it('block estimates: diffusion follows Delta rho_1, migration Delta phi_1, each with the documented formula', () => {
    const an = new MdAnalyzer(plan, cfg);
    // after the step, the anion sits in slit 1 for the whole block: rho_1 < rho_2, Delta rho_1 = +e / V
    for (let k = 0; k <= 4; k++) an.frame(frame(plan.stepAt + k * plan.dumpEverySteps, k > 0, mid(0)));
    const a = an.finish();
    const b = a.electrodes[0].blocks.find((x) => x.tStart > 0)!;
    const vol = a.area * plan.spacing;
    expect(b.drho1 / (E / vol)).toBeCloseTo(1, 12);
    expect(b.dc1 * 6.02214076e23 * vol).toBeCloseTo(-1, 12);
    // I_diff = A F (D+ dc+ - D- dc-) / h with dc- = -1 / (N_A V): + F D- / (N_A V) ... toward the reservoir
    const F = E * 6.02214076e23;
    const expected = (a.area * F * (cfg.electrolyte.anion.diffusivity / (6.02214076e23 * vol))) / plan.spacing;
    expect(b.diffusion / expected).toBeCloseTo(1, 12);
    expect(Math.sign(b.migration)).toBe(Math.sign(b.dphi1));
    // nothing crossed sheet 2 during the block
    expect(Math.abs(b.current)).toBe(0);
  });
});
