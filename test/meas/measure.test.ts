import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { circuit, diagnose, netlist } from '../netlist/helpers.js';

/**
 * RC charging from rest through R = 1k into C = 1u (tau = 1 ms) by a 1 V step at t = 0 (uic):
 * v(out) = 1 - exp(-t/tau), i(R1) = i(C1) = exp(-t/tau) / R. Every .meas form against its
 * hand calculation. Tolerances: the measured error (about 1e-6 relative with tmax = 1 us and
 * trapezoidal steps) times about 10.
 */
const tau = 1e-3;
const R = 1e3;
const T = 5e-3;
const deck = netlist(
  'V1 in 0 1',
  'R1 in out 1k',
  'C1 out 0 1u',
  '.param t1=1m',
  `.tran 1u ${T} uic`,
  '.meas tran trise TRIG v(out) VAL=0.1 RISE=1 TARG v(out) VAL=0.9 RISE=1',
  '.meas tran vat FIND v(out) AT={t1}',
  '.meas tran thalf WHEN v(out)=0.5',
  '.meas tran iwhen FIND i(R1) WHEN v(out)=0.5 CROSS=1',
  '.meas tran vmax MAX v(out)',
  '.meas tran vmin MIN v(out) FROM=1m TO=2m',
  '.meas tran vpp PP v(out) FROM=1m TO=2m',
  '.meas tran vavg AVG v(out)',
  '.meas tran irms RMS i(R1) FROM=0 TO=5m',
  '.meas tran qc INTEG i(C1)',
  '.meas tran tdel TRIG AT=1m TARG v(out) VAL=0.9',
  '.meas tran never WHEN v(out)=2',
  '.meas tran second WHEN v(out)=0.5 RISE=2',
);

function measures(): Record<string, { value: number | null; unit: string; failed?: string }> {
  const run = runCircuit(circuit(deck));
  return Object.fromEntries(run.results[0]!.measures!.map((m) => [m.name, m]));
}

const rel = (a: number | null, b: number): number => Math.abs((a ?? NaN) - b) / Math.abs(b);

describe('.meas on an RC charging (tau = RC = 1 ms)', () => {
  const m = measures();
  it('TRIG/TARG 10-90 % rise time = tau ln 9', () => {
    expect(rel(m.trise!.value, tau * Math.log(9))).toBeLessThan(1e-5);
    expect(m.trise!.unit).toBe('s');
  });
  it('FIND ... AT={param} = 1 - 1/e', () => expect(rel(m.vat!.value, 1 - Math.exp(-1))).toBeLessThan(1e-5));
  it('WHEN v(out)=0.5 at tau ln 2', () => expect(rel(m.thalf!.value, tau * Math.log(2))).toBeLessThan(1e-5));
  it('FIND i(R1) WHEN v(out)=0.5: the resistor current (from n+ to n-) is then 0.5 V / R', () => {
    expect(rel(m.iwhen!.value, 0.5 / R)).toBeLessThan(1e-5);
    expect(m.iwhen!.unit).toBe('A');
  });
  it('MAX, MIN, PP over windows', () => {
    expect(rel(m.vmax!.value, 1 - Math.exp(-T / tau))).toBeLessThan(1e-6);
    expect(rel(m.vmin!.value, 1 - Math.exp(-1))).toBeLessThan(1e-5);
    expect(rel(m.vpp!.value, Math.exp(-1) - Math.exp(-2))).toBeLessThan(1e-5);
  });
  it('AVG = 1 - (tau/T)(1 - exp(-T/tau))', () => expect(rel(m.vavg!.value, 1 - (tau / T) * (1 - Math.exp(-T / tau)))).toBeLessThan(1e-5));
  it('RMS of i(R1) = (1/R) sqrt(tau/(2T) (1 - exp(-2T/tau)))', () => {
    expect(rel(m.irms!.value, Math.sqrt((tau / (2 * T)) * (1 - Math.exp((-2 * T) / tau))) / R)).toBeLessThan(1e-4);
  });
  it('INTEG of the capacitor current i(C1) = its charge C v(T), in coulomb', () => {
    expect(rel(m.qc!.value, 1e-6 * (1 - Math.exp(-T / tau)))).toBeLessThan(1e-4);
    expect(m.qc!.unit).toBe('C');
  });
  it('TRIG AT=1m TARG ...: tau ln 10 - 1 ms', () => expect(rel(m.tdel!.value, tau * Math.log(10) - 1e-3)).toBeLessThan(1e-5));
  it('a crossing that never happens fails with the reason, as in ngspice', () => {
    expect(m.never).toEqual({ name: 'never', value: null, unit: '', failed: 'WHEN: v(out) has no 1st crossing of 2' });
    expect(m.second!.failed).toBe('WHEN: v(out) has no 2nd rising crossing of 0.5');
  });
});

describe('.meas errors are positioned (ncm check reports them)', () => {
  it('unknown node, element without a current, wrong analysis, bad keyword', () => {
    expect(
      diagnose(
        netlist(
          'V1 in 0 1',
          'R1 in out 1k',
          'C1 out 0 1u',
          '.tran 1u 1m',
          '.meas tran a FIND v(nowhere) AT=1m',
          '.meas tran b MAX i(Rnone)',
          '.meas dc c MAX v(out)',
          '.meas tran d MEDIAN v(out)',
          '.meas tran e TRIG v(out) VAL=0.1',
          '.meas tran f WHEN v(out)=0.5 RISE=0',
          '.meas ac g FIND v(out) AT=1k',
          '.meas cv h MAX v(out)',
        ),
      ),
    ).toEqual([
      "8:7 error: .meas: unknown analysis 'dc': expected one of tran, cv, chrono, protocol, ac",
      "9:14 error: .meas: unknown measure 'MEDIAN': expected TRIG <point> TARG <point>, FIND <signal> AT=<x>, FIND <signal> WHEN <signal>=<level>, WHEN <signal>=<level>, or MAX|MIN|PP|AVG|RMS|INTEG <signal> [FROM=<x>] [TO=<x>]",
      '10:26 error: .meas: TRIG without TARG: write TRIG <point> TARG <point>, a point being AT=<x> or <signal> VAL=<level> [RISE=n|FALL=n|CROSS=n] [TD=<x>]',
      "11:35 error: .meas: RISE= must be a whole number of 1 or more or LAST, found '0'",
      "6:21 error: unknown node 'nowhere': no element connects to it",
      "7:20 error: i(rnone): no element named 'Rnone'",
      '12:1 warning: .meas ac g: the netlist has no .ac analysis, so this measure is never evaluated',
      '12:17 error: .meas ac g: .ac records re(z), im(z), mag(z), phase(z) against frequency: expected one of those, found v(out)',
      '13:1 warning: .meas cv h: the netlist has no .cv analysis, so this measure is never evaluated',
    ]);
  });
});

describe('.meas on .ac (x = frequency) and through ncm run', () => {
  it('FIND mag(z) AT=f and WHEN phase(z)=-45 of R + 1/(j w C): |Z| and the corner 1/(2 pi R C)', () => {
    const c = circuit(netlist('Vm a 0 DC 0 AC 1', 'R1 a b 1k', 'C1 b 0 1u', '.ac dec 20 1 100k', '.meas ac zmag FIND mag(z) AT=100', '.meas ac fc WHEN phase(z)=-45'));
    const m = Object.fromEntries(runCircuit(c).results[0]!.measures!.map((x) => [x.name, x]));
    const w = 2 * Math.PI * 100 * 1e-6;
    // 100 Hz is a point of the grid: exact to roundoff.
    expect(rel(m.zmag!.value, Math.hypot(1e3, 1 / w))).toBeLessThan(1e-12);
    expect(m.zmag!.unit).toBe('ohm');
    // The crossing is interpolated linearly between points 10^(1/20) apart: measured 2.5e-4 off.
    expect(rel(m.fc!.value, 1 / (2 * Math.PI * 1e-3))).toBeLessThan(1e-3);
    expect(m.fc!.unit).toBe('Hz');
  });

  it('results are printed and written to the JSON', async () => {
    const { ncm } = await import('../helpers/cli.js');
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ncm-meas-'));
    try {
      const f = join(dir, 'rc.cir');
      writeFileSync(f, netlist('V1 in 0 1', 'R1 in out 1k', 'C1 out 0 1u', '.tran 1u 5m uic', '.meas tran trise TRIG v(out) VAL=0.1 RISE=1 TARG v(out) VAL=0.9 RISE=1', '.meas tran never WHEN v(out)=2'));
      const r = await ncm('run', f, '-o', join(dir, 'out'));
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/\n {2}\.meas trise {8}= 0\.0021972\d s\n/);
      expect(r.stdout).toContain('  .meas never        = failed (WHEN: v(out) has no 1st crossing of 2)\n');
      const json = JSON.parse(readFileSync(join(dir, 'out', 'tran.json'), 'utf8'));
      expect(json.measures.never).toEqual({ value: null, unit: '', failed: 'WHEN: v(out) has no 1st crossing of 2' });
      expect(rel(json.measures.trise.value, tau * Math.log(9))).toBeLessThan(1e-5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
