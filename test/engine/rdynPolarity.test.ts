/**
 * RDYN is polarity-independent (R = RC (1 - GAMMA |q| / |QMAX|)): the same electrode swept to a
 * negative potential is the mirror image of the positive sweep (current negated, same area), for
 * raw RDYN lines, `.ladder` and `ncm build full`; `polarity=` only chooses the sign of the
 * reported slit charges.
 */
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { resultOfKind } from '../../src/analyses/result.js';
import type { AnalysisResult } from '../../src/analyses/result.js';
import { normalisedCharge, normalisedChargeSlope, rdynFactor } from '../../src/circuit/rdyn.js';
import { fullCellNetlist } from '../../src/electrode/netlistBuilder.js';
import { circuit, netlist } from '../netlist/helpers.js';

function cv(text: string): AnalysisResult {
  return runCircuit(circuit(text)).results[0]!;
}
function col(r: AnalysisResult, label: string): Float64Array {
  const i = r.waveforms!.labels.indexOf(label);
  if (i < 0) throw new Error(`no ${label} in ${r.waveforms!.labels.join(' ')}`);
  return r.waveforms!.columns[i]!;
}
const area = (r: AnalysisResult): number => resultOfKind(r, 'cv').summary.cycles.at(-1)!.enclosedArea;

/** Largest |a(t) + sign * b(t)| over the run relative to the peak |a| (same time grid required). */
function mismatch(a: AnalysisResult, b: AnalysisResult, label: string, sign: 1 | -1): number {
  const ta = col(a, 'time');
  const tb = col(b, 'time');
  expect(tb.length).toBe(ta.length);
  const ia = col(a, label);
  const ib = col(b, label);
  let worst = 0;
  let peak = 0;
  for (let k = 0; k < ia.length; k++) {
    expect(tb[k]).toBeCloseTo(ta[k]!, 15);
    worst = Math.max(worst, Math.abs(ia[k]! - sign * ib[k]!));
    peak = Math.max(peak, Math.abs(ia[k]!));
  }
  return worst / peak;
}

// Three slits written element by element, gamma = 0.9 (strongly nonlinear).
const raw = (capFlip: boolean, vertex: string): string =>
  netlist(
    'Vm m 0 DC 0',
    'Ropen 0 s0 1',
    capFlip ? 'Copen s0 m 5n' : 'Copen m s0 5n',
    'RDYN1 s0 s1 RC=5 GAMMA=0.9 Q=Copen',
    capFlip ? 'Cslit1 s1 m 10n' : 'Cslit1 m s1 10n',
    'RDYN2 s1 s2 RC=5 GAMMA=0.9 Q=Cslit1',
    capFlip ? 'Cslit2 s2 m 10n' : 'Cslit2 m s2 10n',
    'RDYN3 s2 s3 RC=5 GAMMA=0.9 Q=Cslit2 QMAX=1.5n',
    capFlip ? 'Cslit3 s3 m 10n' : 'Cslit3 m s3 10n',
    `.cv Vm 0 ${vertex} rate=20mV/us cycles=1`,
  );

describe('RDYN polarity', () => {
  it('normalised charge is |q| / |Qmax|; its slope is sign(q) / |Qmax|; the factor is floored', () => {
    expect(normalisedCharge(-2e-9, 4e-9)).toBe(0.5);
    expect(normalisedCharge(2e-9, -4e-9)).toBe(0.5);
    expect(normalisedChargeSlope(-2e-9, 4e-9) / -0.25e9).toBeCloseTo(1, 14);
    expect(normalisedChargeSlope(0, 4e-9)).toBe(0);
    expect(rdynFactor(0.9, -4e-9, 4e-9)).toBeCloseTo(0.1, 15);
    expect(rdynFactor(0.9, 8e-9, 4e-9)).toBe(0.01);
  });

  it('raw RDYN lines: the negative sweep is the mirror of the positive one (area equal, current negated)', () => {
    const pos = cv(raw(false, '0.2'));
    const neg = cv(raw(false, '-0.2'));
    expect(area(neg) / area(pos)).toBeCloseTo(1, 12);
    expect(mismatch(pos, neg, 'i(vm)', -1)).toBeLessThan(1e-12);
    // Qmax=peak converges to the same magnitudes.
    const qp = resultOfKind(pos, 'cv').summary.qmaxPeak!.qmax;
    const qn = resultOfKind(neg, 'cv').summary.qmaxPeak!.qmax;
    for (const k of Object.keys(qp)) expect(qn[k]! / qp[k]!).toBeCloseTo(1, 12);
  });

  it('raw RDYN lines: turning the controlling capacitors round changes nothing but the sign of q', () => {
    const a = cv(raw(false, '0.2'));
    const b = cv(raw(true, '0.2'));
    expect(mismatch(a, b, 'i(vm)', 1)).toBeLessThan(1e-12);
    expect(mismatch(a, b, 'q(cslit3)', -1)).toBeLessThan(1e-12);
  });

  const ladder = (polarity: string, vertex: string): string =>
    netlist('Vm m 0 DC 0', `.ladder E m 0 layers=6 model=ncm rc=5 gamma=0.9 ctotal=80n ${polarity}`, `.cv Vm 0 ${vertex} rate=20mV/us cycles=1`);

  it('.ladder: the mirror holds with polarity=pos and polarity=neg; polarity= only flips the reported charges', () => {
    const pos = cv(ladder('', '0.2'));
    const neg = cv(ladder('', '-0.2'));
    const negN = cv(ladder('polarity=neg', '-0.2'));
    expect(area(neg) / area(pos)).toBeCloseTo(1, 12);
    expect(mismatch(pos, neg, 'i(vm)', -1)).toBeLessThan(1e-12);
    expect(mismatch(neg, negN, 'i(vm)', 1)).toBeLessThan(1e-12);
    // With polarity=neg the negative electrode reports positive slit charges (the storage).
    expect(mismatch(pos, negN, 'q(e.cslit6)', 1)).toBeLessThan(1e-12);
  });

  it('ncm build full: the cell swept negative mirrors the positive sweep; the N electrode needs no polarity=neg', () => {
    const spec = { electrode: { layers: 4, rc: 5, gamma: 0.9, cTotal: 0.08e-6 }, rSep: 2 };
    const textPos = fullCellNetlist({ ...spec, cv: { vVertex: 0.2, rate: 2e4, cycles: 1 } });
    const textNeg = fullCellNetlist({ ...spec, cv: { vVertex: -0.2, rate: 2e4, cycles: 1 } });
    expect(textPos).toContain('polarity=neg');
    const pos = cv(textPos);
    const neg = cv(textNeg);
    expect(area(neg) / area(pos)).toBeCloseTo(1, 9);
    expect(mismatch(pos, neg, 'i(vcell)', -1)).toBeLessThan(1e-9);
    // Without polarity=neg the negative electrode's capacitors face the other way: same cell current.
    const plain = cv(textPos.replace(' polarity=neg', ''));
    expect(mismatch(pos, plain, 'i(vcell)', 1)).toBeLessThan(1e-9);
    // Both electrodes store the same charge magnitude (with polarity=neg: the same sign as well).
    expect(mismatch(pos, pos, 'q(p.cslit4)', 1)).toBe(0);
    const qp = col(pos, 'q(p.cslit4)');
    const qn = col(pos, 'q(n.cslit4)');
    let worst = 0;
    for (let k = 0; k < qp.length; k++) worst = Math.max(worst, Math.abs(qp[k]! - qn[k]!));
    expect(worst / Math.max(...qp)).toBeLessThan(1e-6);
  });
});
