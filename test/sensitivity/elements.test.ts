/**
 * Forward sensitivities against central differences of whole runs, on every element kind and every
 * analysis (docs/sensitivities.md). Fixed steps and a tight Newton tolerance, so that the finite
 * differences see the same discrete run (the sensitivity is the derivative of that run). Measured
 * worst relative error (max |dS - dFD| / max |dFD| over the waveform) when written: 6.5e-7 (the
 * Warburg sigma), 2.5e-7 the next (the switch's VT); every case is listed in docs/sensitivities.md.
 * The bound 2e-6 keeps a 3x margin and is 5x inside the issue's 1e-5.
 */
import { describe, expect, it } from 'vitest';
import { runWithSensitivities } from '../../src/analyses/sensitivity.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';
import { agreement, THREE_SLIT_NCM, THREE_SLIT_PARAMS } from './fd.js';

const BOUND = 2e-6;

function expectAgreement(lines: string[], params: Record<string, number>, output: string): void {
  const { error } = agreement(lines, params, output);
  for (const [name, e] of Object.entries(error)) expect(e, `d ${output} / d ${name}: relative error ${e}`).toBeLessThan(BOUND);
}

const ladder = THREE_SLIT_NCM;
const NCM = THREE_SLIT_PARAMS;

describe('sensitivities agree with central differences', () => {
  it('R and C (.tran, PULSE)', () => {
    expectAgreement(['.param r=1k c=1u', 'V1 a 0 PULSE(0 1 0 1u 1u 1 2)', 'R1 a b {r}', 'C1 b 0 {c}', '.options fixedstep=1e-5', '.tran 1e-5 1e-3'], { r: 1000, c: 1e-6 }, 'v(b)');
  });
  it('L (its branch current)', () => {
    expectAgreement(['.param r=10 l=1m', 'V1 a 0 PULSE(0 1 0 1u 1u 1 2)', 'R1 a b {r}', 'L1 b 0 {l}', '.options fixedstep=2e-6', '.tran 2e-6 2e-4'], { r: 10, l: 1e-3 }, 'i(l1)');
  });
  it('I source value (trapezoidal)', () => {
    expectAgreement(['.param i0=1m c=1u', 'I1 0 a PULSE(0 {i0} 0 10u 10u 200u 1)', 'R1 a 0 1k', 'C1 a 0 {c}', '.options fixedstep=4e-6 method=trap', '.tran 4e-6 6e-4'], { i0: 1e-3, c: 1e-6 }, 'v(a)');
  });
  it('E (VCVS) and G (VCCS) gains', () => {
    expectAgreement(['.param gain=2 gm=1m', 'V1 a 0 SIN(0 1 1k)', 'R0 a 0 1k', 'E1 b 0 a 0 {gain}', 'R1 b c 1k', 'C1 c 0 1u', 'G1 0 d c 0 {gm}', 'R2 d 0 1k', 'C2 d 0 100n', '.options fixedstep=2e-5', '.tran 2e-5 2e-3'], { gain: 2, gm: 1e-3 }, 'v(d)');
  });
  it('B source (a parameter inside the expression, nonlinear)', () => {
    expectAgreement(['.param k=1m p=2', 'V1 a 0 PULSE(0 1 0 100u 100u 1 2)', 'R1 a b 1k', 'C1 b 0 1u', 'B1 b 0 I={k*V(b)^p}', '.options fixedstep=1e-5 reltol=1e-9', '.tran 1e-5 1e-3'], { k: 1e-3, p: 2 }, 'v(b)');
  });
  it('S: smooth voltage switch (RON, VT) and TIME switch (RON)', () => {
    expectAgreement(['.param ron=10 vt=0.5', 'V1 a 0 PULSE(0 1 0 1m 1m 1 2)', 'R1 a b 1k', 'C1 b 0 1u', 'S1 b 0 b 0 VT={vt} RON={ron} ROFF=1meg WIDTH=0.2', '.options fixedstep=2e-5 reltol=1e-9', '.tran 2e-5 2e-3'], { ron: 10, vt: 0.5 }, 'v(b)');
    expectAgreement(['.param ron=10', 'V1 a 0 PULSE(0 1 0 1m 1m 1 2)', 'R1 a b 1k', 'C1 b 0 1u', 'S2 b c TIME VT=0.5m RON={ron} ROFF=1e9 WIDTH=0.1m', 'R2 c 0 1k', '.options fixedstep=2e-5 reltol=1e-9', '.tran 2e-5 2e-3'], { ron: 10 }, 'v(c)');
  });
  it('CPE (Q, ALPHA) and Warburg (sigma) through their RC approximation', () => {
    expectAgreement(['.param q=2u al=0.7 sg=50', 'V1 a 0 PULSE(0 1 0 1u 1u 1 2)', 'R1 a b 10', 'CPE1 b 0 {q} ALPHA={al} FMIN=1k FMAX=100meg', 'W1 b c {sg} FMIN=1k FMAX=100meg', 'R2 c 0 5', '.options fixedstep=2e-7', '.tran 2e-7 2e-5'], { q: 2e-6, al: 0.7, sg: 50 }, 'v(b)');
  });
  it('uic start: ic= values and C', () => {
    expectAgreement(['.param v0=1 c=1u', 'R1 a 0 1k', 'C1 a 0 {c} ic={v0}', '.options fixedstep=1e-5', '.tran 1e-5 1e-3 uic'], { v0: 1, c: 1e-6 }, 'v(a)');
  });
  it('RDYN ladder under .cv with gear, trap and be', () => {
    for (const method of ['gear', 'trap', 'be']) {
      expectAgreement([...ladder, '.cv Vm 0 0.2 rate=20mV/us cycles=1', `.options fixedstep=1e-7 reltol=1e-9 method=${method}`], NCM, 'i(vm)');
    }
  });
  it('RDYN ladder under .chrono', () => {
    expectAgreement([...ladder, '.chrono Vm 0 0.2 1u 5u', '.options fixedstep=5e-8 reltol=1e-9'], NCM, 'i(vm)');
  });
  it('RDYN ladder under .protocol (timed current steps, restarts at each step)', () => {
    expectAgreement([...ladder, '.protocol Vm', '+ charge 2mA for 4us', '+ rest 2us', '+ discharge 2mA for 4us', '.options fixedstep=1e-7 reltol=1e-9'], NCM, 'v(port)');
  });
  it('.ac: voltage source at a bias that moves with the parameters (RDYN)', () => {
    const lines = [...ladder.map((l) => (l.startsWith('Vm') ? 'Vm m 0 DC {v0} AC 1' : l)), 'Rleak s3 0 1meg', '.ac dec 5 1k 100meg'];
    lines[0] += ' v0=0.1';
    expectAgreement(lines, { ...NCM, v0: 0.1 }, 're(z)');
    expectAgreement(lines, { ...NCM, v0: 0.1 }, 'phase(z)');
  });
  it('.ac: CPE (Q, ALPHA) and Warburg (sigma), exact frequency-dependent stamps', () => {
    const lines = ['.param q=2u al=0.7 sg=50', 'V1 a 0 DC 0 AC 1', 'R1 a b 10', 'CPE1 b 0 {q} ALPHA={al}', 'W1 b c {sg}', 'R2 c 0 5', '.ac dec 5 10 10meg'];
    expectAgreement(lines, { q: 2e-6, al: 0.7, sg: 50 }, 're(z)');
    expectAgreement(lines, { q: 2e-6, al: 0.7, sg: 50 }, 'im(z)');
  });
  it('.ac: current source, G element', () => {
    expectAgreement(['.param r=10 c=1u g=1m', 'I1 0 a DC 0 AC 1', 'R1 a b {r}', 'C1 b 0 {c}', 'G1 b 0 a 0 {g}', 'R2 a 0 1k', '.ac dec 5 10 1meg'], { r: 10, c: 1e-6, g: 1e-3 }, 'im(z)');
  });
});

describe('QMAX=peak is held at the value the CV converged to', () => {
  it('agrees with central differences of runs whose QMAX is pinned at those values', () => {
    const peak = ladder.map((l) => l.replace(/QMAX=\{q(\/2)?\}/, 'QMAX=peak'));
    const base = agreementPeak(peak);
    const pinned = ladder.map((l, i) => (l.startsWith('RDYN') ? l.replace(/QMAX=\{q(\/2)?\}/, `QMAX=${base.qmax[`RDYN${i - 6}`]}`) : l));
    const { error, result } = agreement([...pinned, '.cv Vm 0 0.2 rate=20mV/us cycles=1', '.options fixedstep=1e-7 reltol=1e-9'], NCM, 'i(vm)');
    for (const [name, e] of Object.entries(error)) expect(e, name).toBeLessThan(BOUND);
    // The pinned run is the same run: the derivatives coincide with the QMAX=peak run's.
    for (const name of Object.keys(NCM)) {
      const k = result.params.indexOf(name);
      const a = result.derivatives['i(vm)']![k]!;
      const b = base.derivatives[k]!;
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
        scale = Math.max(scale, Math.abs(a[i]!));
      }
      expect(worst / scale, name).toBeLessThan(1e-9);
    }
  });
});

function agreementPeak(lines: string[]): { qmax: Record<string, number>; derivatives: Float64Array[] } {
  const build = circuitOfParams(['* peak', ...lines, '.cv Vm 0 0.2 rate=20mV/us cycles=1', '.options fixedstep=1e-7 reltol=1e-9', '.end'].join('\n'), 'peak.cir');
  const r = runWithSensitivities({ build, params: NCM, analysis: build(NCM).analyses[0]! });
  const s = r.result.kind === 'cv' ? r.result.summary.qmaxPeak : undefined;
  if (!s) throw new Error('no QMAX=peak iteration');
  return { qmax: s.qmax, derivatives: r.derivatives['i(vm)']! };
}
