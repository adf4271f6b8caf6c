import { describe, expect, it } from 'vitest';
import { Mna } from '../../src/engine/mna.js';
import { CircuitBuilder } from './circuitBuilder.js';

/**
 * Every kind the kernels load (C, R, RDYN, V, I) next to one they do not (L), several devices on
 * each node so that the order of the sums matters, and a QMAX=peak RDYN whose Q_max is updated.
 */
function mixed() {
  const b = new CircuitBuilder();
  b.v('V1', 'm', '0', { kind: 'pulse', v1: 0, v2: 0.3, td: 1e-6, tr: 1e-7, tf: 1e-7, pw: 1e-6, per: 4e-6, np: Infinity });
  b.r('Ropen', '0', 's0', 1);
  b.c('Copen', 'm', 's0', 2e-9);
  b.l('L1', 's0', 'x', 1e-6);
  b.r('Rx', 'x', '0', 7);
  for (let k = 1; k <= 4; k++) {
    b.c(`C${k}`, 'm', `s${k}`, (1 + 0.3 * k) * 1e-8);
    b.rdyn(`RD${k}`, `s${k - 1}`, `s${k}`, 5 + k, k === 2 ? -0.6 : 0.9, k === 1 ? 'Copen' : `C${k - 1}`, k === 3 ? 'peak' : 2e-9 * k);
  }
  b.i('I1', 's4', '0', { kind: 'sin', vo: 1e-3, va: 2e-3, freq: 1e5, td: 0, theta: 0, phaseDeg: 0 });
  return b.build();
}

/** The reference: every device's own `load`, in order, into zeroed arrays. */
function viaDevices(mna: Mna, x: Float64Array): { a: Float64Array; b: Float64Array; q0: Float64Array; dq0: Float64Array } {
  mna.x = x;
  mna.a.fill(0);
  mna.b.fill(0);
  for (const d of mna.devices) d.load(mna);
  return { a: mna.a.slice(), b: mna.b.slice(), q0: mna.q0.slice(), dq0: mna.dq0.slice() };
}

describe('per-kind load kernels', () => {
  it('stamp bit for bit what the devices own load methods stamp, in every mode', () => {
    const mna = new Mna(mixed());
    expect(mna.kernels.kernelled).toBe(mna.devices.length - 1); // all but L1
    const x = new Float64Array(mna.n + 1);
    for (let i = 0; i < mna.n; i++) x[i] = 0.07 * Math.sin(1.7 * i + 0.4) + (i % 3 === 0 ? -0.12 : 0.05);
    for (let i = 0; i < mna.stateCount; i++) mna.hist[i] = 1e-3 * Math.cos(i);
    const peak = mna.devices.flatMap((d) => d.peakParameters?.() ?? []);
    expect(peak.map((p) => p.name)).toEqual(['RD3']);
    for (const [ag0, time, srcFactor, qmax] of [[0, 0, 1, 0], [3.7e7, 1.05e-6, 1, 0], [1.2e8, 2.5e-6, 0.35, 4.4e-9], [5e6, 3e-6, 1, 1e-12]] as const) {
      mna.ag0 = ag0;
      mna.time = time;
      mna.srcFactor = srcFactor;
      if (qmax > 0) peak[0]!.set(qmax); // QMAX=peak updated by an analysis; 1e-12 puts RD3 on its factor floor
      const ref = viaDevices(mna, x);
      mna.assemble(x);
      expect(mna.a).toEqual(ref.a);
      expect(mna.b).toEqual(ref.b);
      expect(mna.q0).toEqual(ref.q0);
      expect(mna.dq0).toEqual(ref.dq0);
      // Not trivially equal: the sums are non-zero and the RDYN coupling entries present.
      expect(ref.b.some((v, i) => i < mna.n && v !== 0)).toBe(true);
    }
    expect(peak[0]!.get()).toBe(1e-12);
  });

  it('store the capacitor charges q = C (v+ - v-) and leave the other states to their devices', () => {
    const mna = new Mna(mixed());
    const x = new Float64Array(mna.n + 1);
    for (let i = 0; i < mna.n; i++) x[i] = 0.01 * (i + 1);
    const viaKernels = new Float64Array(mna.stateCount);
    const reference = new Float64Array(mna.stateCount);
    mna.storeStates(x, viaKernels);
    for (const d of mna.devices) d.storeStates?.(x, reference);
    expect(viaKernels).toEqual(reference);
    expect(reference.filter((v) => v !== 0).length).toBe(mna.stateCount); // 5 charges and L1's flux
  });

  it('watch the RDYN factor floor in one batch with the same warnings as the devices own watches', () => {
    const mna = new Mna(mixed());
    mna.devices.flatMap((d) => d.peakParameters?.() ?? [])[0]!.set(3e-9); // RD3 on its floor for part of the run
    const batch = mna.kernels.rdynWatch();
    const own = mna.devices.map((d) => d.watch?.());
    const x = new Float64Array(mna.n + 1);
    for (let k = 0; k <= 40; k++) {
      for (let i = 0; i < mna.n; i++) x[i] = 0.3 * Math.sin(0.2 * k + i);
      batch.accept(k * 1e-7, x);
      for (const w of own) w?.accept(k * 1e-7, x);
    }
    let warned = 0;
    mna.devices.forEach((_d, i) => {
      if (!mna.kernels.watchesRdyn(i)) return;
      const w = own[i]!.warning();
      expect(batch.warning(i)).toBe(w);
      if (w) warned++;
    });
    expect(warned).toBeGreaterThan(0);
  });
});
