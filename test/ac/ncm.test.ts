import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { impedanceSpectrum, runAc } from '../../src/analyses/ac.js';
import { runCv } from '../../src/analyses/cv.js';
import { runOp } from '../../src/analyses/op.js';
import type { AcAnalysis, Circuit, CvAnalysis } from '../../src/circuit/circuit.js';
import { DynamicResistorDevice } from '../../src/circuit/rdyn.js';
import { circuit } from '../netlist/helpers.js';

const CTOT = 0.08e-6 * (1 + 1 / 12); // six slits plus Copen = half a slit

/** The bundled NCM half-cell with an AC excitation, a slow CV and the given .ac line. */
function ncm(vm: string, ac: string): Circuit {
  const text = readFileSync('netlists/ncm-6.cir', 'utf8')
    .replace(/^Vm .*$/m, vm)
    .replace(/^\.cv .*$/m, `.cv Vm 0 0.2 rate=1mV/us cycles=1\n${ac}`)
    .replace(/^\.save[^\n]*\n(\+[^\n]*\n)*/m, '');
  return circuit(text);
}
const acOf = (ckt: Circuit): AcAnalysis => ckt.analyses.find((a): a is AcAnalysis => a.kind === 'ac')!;

describe('.ac of the NCM', () => {
  it('low-frequency capacitance at the DC bias equals the quasi-static dq/dv', () => {
    const ckt = ncm('Vm m 0 DC 0.1 AC 1', '.ac dec 2 1 10');
    const r = runAc(ckt, acOf(ckt));
    expect(r.summary.lowFrequencyCapacitance).toBeCloseTo(CTOT, 15);
    expect(Math.abs((r.summary.lowFrequencyCapacitance) / CTOT - 1)).toBeLessThan(1e-9);
  });

  it('low-frequency capacitance at a CV point equals I / scan rate of that slow CV there', () => {
    const t = 100e-6; // forward sweep at 0.1 V
    const ckt = ncm('Vm m 0 DC 0 AC 1', `.ac dec 2 1 10 bias=cv at=${t}`);
    const z = impedanceSpectrum(ckt, acOf(ckt));
    const cAc = -1 / (2 * Math.PI * z.frequency[0]! * z.im[0]!);
    const cv = runCv({ ...ckt, saves: [] }, ckt.analyses.find((a): a is CvAnalysis => a.kind === 'cv')!);
    const w = cv.waveforms!;
    const time = w.columns[0]!;
    const cur = w.columns[w.labels.indexOf('i(vm)')]!;
    let k = 0;
    while (time[k]! < t) k++;
    const s = (t - time[k - 1]!) / (time[k]! - time[k - 1]!);
    const iAt = cur[k - 1]! + s * (cur[k]! - cur[k - 1]!);
    const cCv = iAt / 1000; // rate 1 mV/us = 1000 V/s
    console.log(`NCM at a CV point: C(ac, 1 Hz) = ${cAc.toExponential(6)} F, I/rate = ${cCv.toExponential(6)} F, sum of C = ${CTOT.toExponential(6)} F`);
    expect(Math.abs(cCv / cAc - 1)).toBeLessThan(1e-5);
    // ... and both exceed the plain sum of C: the charge-controlled RDYN shifts the quasi-static charge split.
    expect(cAc / CTOT - 1).toBeGreaterThan(1e-3);
    // The bias is a charging state: the slit charges are the CV's, and QMAX came from its peaks.
    expect(z.bias.qmax).toBeDefined();
  });

  it("RDYN's small-signal stamps (charge coupling included) equal those derived from its Newton load at a CV bias", () => {
    const ckt = ncm('Vm m 0 DC 0 AC 1', '.ac dec 3 1k 100meg bias=cv at=60u');
    const own = impedanceSpectrum(ckt, acOf(ckt));
    const proto = DynamicResistorDevice.prototype as { acLoad?: unknown };
    const saved = proto.acLoad;
    proto.acLoad = undefined;
    let derived;
    try {
      derived = impedanceSpectrum(ckt, acOf(ckt));
    } finally {
      proto.acLoad = saved;
    }
    for (let k = 0; k < own.frequency.length; k++) {
      expect(Math.abs(own.re[k]! - derived.re[k]!)).toBeLessThan(1e-12 * Math.hypot(own.re[k]!, own.im[k]!));
      expect(Math.abs(own.im[k]! - derived.im[k]!)).toBeLessThan(1e-12 * Math.hypot(own.re[k]!, own.im[k]!));
    }
    // While current flows, the charge coupling changes the spectrum against the DC bias at the same potential.
    const dc = ncm('Vm m 0 DC 0.06 AC 1', '.ac dec 3 1k 100meg');
    const zdc = impedanceSpectrum(dc, acOf(dc));
    const mid = own.frequency.findIndex((f) => f >= 1e6);
    expect(Math.abs(own.re[mid]! / zdc.re[mid]! - 1)).toBeGreaterThan(1e-3);
  });
});

describe('RDYN small signal with a DC current', () => {
  // A DC current flows through the RDYN, so its charge coupling is active at the operating point:
  // Z(omega -> 0) must equal dV/dI from two operating points (central difference).
  const text = (v: number): string =>
    ['rdyn divider', `Vm a 0 DC ${v} AC 1`, 'RDYN1 a b RC=10 GAMMA=0.5 Q=C1 QMAX=0.4n', 'R2 b 0 10', 'C1 b 0 1n', '.op', '.ac lin 1 1m 1m', ''].join('\n');
  const opValues = (v: number): Record<string, number> => {
    const ckt = circuit(text(v));
    const op = ckt.analyses.find((a) => a.kind === 'op')!;
    if (op.kind !== 'op') throw new Error('no .op');
    return runOp(ckt, op).summary.values;
  };
  it('Z at 1 mHz equals the finite-difference dV/dI of the operating point', () => {
    const h = 1e-5;
    const zFd = (2 * h) / (opValues(0.5 + h)['i(vm)']! - opValues(0.5 - h)['i(vm)']!);
    const ckt = circuit(text(0.5));
    const z = impedanceSpectrum(ckt, acOf(ckt));
    // The tolerance is that of the operating points (Newton tolerances), not of the linearisation.
    expect(Math.abs(z.re[0]! / zFd - 1)).toBeLessThan(1e-5);
    expect(Math.abs(z.im[0]!)).toBeLessThan(1e-6 * zFd);
    // Without the charge coupling it would be R(q0) + R2: the coupling changes the answer by far more than the tolerance.
    const vb = opValues(0.5)['v(b)']!;
    const uncoupled = 10 * (1 - (0.5 * 1e-9 * vb) / 0.4e-9) + 10;
    expect(Math.abs(uncoupled / zFd - 1)).toBeGreaterThan(0.05);
  });
});
