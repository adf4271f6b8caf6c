/**
 * `.cv smooth=`: the netlist's CV rounds its vertices exactly as the mPNP's `protocol.smoothing`
 * (the paper's smoothed V_m), so `ncm multiscale` drives both models with one potential.
 */
import { describe, expect, it } from 'vitest';
import { cvTriangle, pwlValue, SMOOTH_SEGMENTS } from '../../src/circuit/waveform.js';
import { triangleWave } from '../../src/mpnp/waveform.js';
import { runCircuit } from '../../src/analyses/run.js';
import { resultOfKind } from '../../src/analyses/result.js';
import { circuitOf, column } from '../loads/helpers.js';

describe('.cv smooth=w', () => {
  const rate = 2e4;
  const w = 0.5e-6;
  it('is the mPNP rounding: within the chord bound 2 rate w / (4 n^2) of src/mpnp/waveform.ts at every instant', () => {
    const sched = cvTriangle({ vStart: 0, vVertex: 0.2, vEnd: 0, rate, smooth: w }, 3);
    const mpnp = triangleWave({ from: 0, to: 0.2, rate, cycles: 3, smoothing: w });
    const { times, values } = sched.waveform;
    let worst = 0;
    let atPoints = 0;
    for (let k = 0; k <= 60000; k++) {
      const t = (mpnp.end * k) / 60000;
      worst = Math.max(worst, Math.abs(pwlValue(times, values, t) - mpnp.at(t)));
    }
    for (let k = 0; k < times.length; k++) atPoints = Math.max(atPoints, Math.abs(values[k]! - mpnp.at(times[k]!)));
    expect(atPoints).toBeLessThan(1e-15);
    const bound = (2 * rate * w) / (4 * SMOOTH_SEGMENTS ** 2);
    expect(worst).toBeLessThanOrEqual(bound * (1 + 1e-9));
    // the rounding is really there: the vertex is cut by rate w / 2 = 5 mV (sharp: 0)
    expect(0.2 - pwlValue(times, values, 10e-6)).toBeCloseTo((rate * w) / 2, 12);
    // t = 0 and the end are not rounded (the mPNP's neither)
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(0);
    expect(times.at(-1)).toBeCloseTo(mpnp.end, 15);
  });

  it('a capacitor under the smoothed CV carries C dV/dt: the current turns over linearly across the vertex', () => {
    const r = resultOfKind(runCircuit(circuitOf('* C under a smoothed CV\nVm m 0 DC 0\nR1 m a 1m\nC1 a 0 1u\n.cv Vm 0 0.2 rate=20mV/us smooth=0.5u\n.end\n')).results[0]!, 'cv');
    const t = column(r, 'time');
    const i = column(r, r.currentColumn!);
    const tv = 10e-6;
    let worst = 0;
    for (let k = 0; k < t.length; k++) {
      const u = t[k]! - tv;
      // dV/dt = rate outside, falling linearly from +rate to -rate over [tv - w, tv + w]
      const slope = Math.abs(u) >= w ? Math.sign(-u) * rate : (-rate * u) / w;
      if (t[k]! > 1e-7) worst = Math.max(worst, Math.abs(i[k]! - 1e-6 * slope));
    }
    // measured: within one chord's slope step (2 rate / 64) of C dV/dt, i.e. 0.63 mA of 20 mA
    expect(worst).toBeLessThanOrEqual((1e-6 * 2 * rate) / SMOOTH_SEGMENTS);
  });
});
