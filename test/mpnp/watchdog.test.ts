import { describe, expect, it } from 'vitest';
import { Bdf2Integrator, StallError } from '../../src/mpnp/integrator.js';
import { integrateWaveform } from '../../src/mpnp/transient.js';
import type { MpnpSystem } from '../../src/mpnp/system.js';
import { defaultPhysics } from '../../src/mpnp/params.js';
import { runMpnp, type MpnpConfig } from '../../src/mpnp/run.js';
import { MpnpStallError } from '../../src/mpnp/stall.js';
import { checkpointToJson, parseCheckpoint } from '../../src/mpnp/checkpoint.js';

/**
 * One cell whose concentrations follow dc/dt = g(t): "Newton" solves the BDF equation
 * a0 c + hist = g(t) exactly, with t read from phi_m (the waveform is phi_m(t) = t).
 * The end time of every attempted step is logged.
 */
function rampSystem(attempts: number[]): MpnpSystem {
  const sys = {
    n: 1,
    x: Float64Array.of(0, 1, 1),
    hist: new Float64Array(2),
    a0: 0,
    phiM: 0,
    k: { nu: 0, dPlus: 1, dMinus: 1, lambdaS: 0 },
    newton() {
      const t = sys.phiM;
      attempts.push(t);
      if (attempts.length > 5000) throw new Error('the integrator is looping');
      // a source that steepens toward each vertex (t = 1, 2): the error estimate grows there
      const g = 3 * t * t + 20 * Math.exp((t - Math.ceil(t - 1e-12)) / 0.1);
      sys.x[1] = (g - sys.hist[0]!) / sys.a0;
      sys.x[2] = (g - sys.hist[1]!) / sys.a0;
      sys.x[0] = 0;
      return { converged: true, iterations: 1, update: 0 };
    },
  };
  return sys as unknown as MpnpSystem;
}

describe('mPNP time stepping: the stall of docs/mpnp.md line 11', () => {
  it('after a rejection the retried step is shorter, also for the last step before a vertex (it was stretched back to the rejected size, forever)', () => {
    let rejectedLastSteps = 0;
    for (let k = 0; k < 40; k++) {
      const attempts: number[] = [];
      const sys = rampSystem(attempts);
      const integ = new Bdf2Integrator(sys, { tol: 1e-4 * 1.13 ** k, hMax: 0.3, hStart: 1e-3, hMin: 1e-12, signal: 1 });
      integrateWaveform(integ, { at: (t) => t, vertices: [0, 1, 2] }, () => undefined);
      expect(integ.t).toBe(2);
      // a retry from the same time with the same step ends at the same time: never twice in a row
      for (let i = 1; i < attempts.length; i++) expect(attempts[i]).not.toBe(attempts[i - 1]);
      // cases that exercise the bug: a rejected attempt that ended on a vertex
      for (let i = 1; i < attempts.length; i++) if ((attempts[i - 1] === 1 || attempts[i - 1] === 2) && attempts[i]! < attempts[i - 1]!) rejectedLastSteps++;
    }
    expect(rejectedLastSteps).toBeGreaterThan(0);
  });
});

describe('mPNP watchdog', () => {
  const cfg = (tol: number): MpnpConfig => ({
    physics: defaultPhysics(),
    geometry: { kind: 'halfcell', length: 5e-9 },
    grid: { wall: 0.05, growth: 1.2, max: 0.5 },
    protocol: { kind: 'cv', from: 0, to: 0.1, rate: 1e6, cycles: 1, smoothing: 0 },
    solver: { tol, maxStep: 0 },
    snapshots: [],
  });
  it('a run that stops making progress says where, why and what to try, and leaves a checkpoint to resume from', () => {
    let saved = '';
    let err: unknown;
    try {
      // a tolerance of 1e-13 rejects the steps after the first: forced, with a limit of 3 rejections
      runMpnp(cfg(1e-13), { maxRejections: 3, onCheckpoint: (c) => (saved = checkpointToJson(c)), checkpointSeconds: 1e9 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MpnpStallError);
    const e = err as MpnpStallError;
    expect(e.kind).toBe('convergence');
    expect(e.checkpointed).toBe(true);
    expect(e.message).toBe(
      'mpnp stopped making progress at t = 46.4 fs (0.0% of 200 ns, after step 1): 3 attempts were rejected in a row, the step went from 92.8 fs to 3.712 fs; ' +
        'the local error estimate stayed at 47.2 x the tolerance; try solver.maxStep: "0.928 fs" or a looser solver.tol (now 1e-13)',
    );
    // the checkpoint holds the last accepted step; the solver settings may change on resume
    const cp = parseCheckpoint(saved);
    expect(cp.integrator.steps).toBe(1);
    const r = runMpnp(cfg(1e-3), { resume: cp });
    expect(r.series.time[r.series.time.length - 1]).toBeCloseTo(200e-9, 15);
  });
  it('a step size that collapses below the smallest step is reported as such (the integrator alone)', () => {
    const attempts: number[] = [];
    const integ = new Bdf2Integrator(rampSystem(attempts), { tol: 1e-30, hMax: 0.3, hStart: 1e-3, hMin: 1e-9, signal: 1 });
    let err: unknown;
    try {
      integrateWaveform(integ, { at: (t) => t, vertices: [0, 1] }, () => undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StallError);
    const r = (err as StallError).report;
    expect(r.reason).toBe('step-size');
    expect(r.hLast).toBeLessThan(1e-9 / 0.2);
    expect(integ.t).toBe(r.t); // stands at the last accepted step
  });
});
