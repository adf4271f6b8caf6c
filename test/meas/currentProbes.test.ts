import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { ncm } from '../helpers/cli.js';
import { circuit, diagnose, netlist } from '../netlist/helpers.js';

/** i(X) of a passive element: from n+ through the element to n- (ngspice's convention). */
describe('current probes of two-terminal elements', () => {
  it('series RC: i(R1) = i(C1) = C dv/dt at every point, and i(Rrev) written backwards is its negative', () => {
    const c = circuit(
      netlist(
        'V1 in 0 PULSE(0 1 0 1u 1u 1 2)',
        'R1 in out 1k',
        'Rrev 0 out 1meg',
        'C1 out 0 1u',
        'Ip 0 out 0',
        '.save v(out) i(R1) i(C1) i(Rrev) i(Ip)',
        '.tran 1u 3m',
      ),
    );
    const w = runCircuit(c).results[0]!.waveforms!;
    const col = (l: string): Float64Array => w.columns[w.labels.indexOf(l)]!;
    expect(w.labels).toEqual(['time', 'v(out)', 'i(r1)', 'i(c1)', 'i(rrev)', 'i(ip)']);
    const [t, v, ir, ic, irev] = [col('time'), col('v(out)'), col('i(r1)'), col('i(c1)'), col('i(rrev)')];
    let worst = 0;
    for (let k = 10; k < w.length; k++) {
      // KCL at out: i(R1) in = i(C1) down + v/1meg through Rrev (which points from 0 to out).
      worst = Math.max(worst, Math.abs(ir[k]! - ic[k]! + irev[k]!) / 1e-3);
      expect(irev[k]).toBeCloseTo(-v[k]! / 1e6, 15);
    }
    // Measured: KCL holds to ~1e-12 of the 1 mA scale (the integrator's own dq/dt).
    expect(worst).toBeLessThan(1e-9);
    // Charging: the capacitor current is positive, e^-1 of its peak after one tau past the 1 us rise.
    const k = t.findIndex((x) => x >= 1.001e-3);
    expect(ic[k]! / (1e-3 * Math.exp(-(t[k]! - 1e-6) / 1e-3))).toBeCloseTo(1, 2);
  });

  it('i(RDYN) is v/R(q) from n+ to n-, and i() of a switch is a positioned error', () => {
    expect(
      diagnose(netlist('V1 a 0 1', 'C1 a 0 1u', 'RDYN1 a 0 RC=1k GAMMA=0.5 Q=C1 QMAX=1u', 'S1 a 0 a 0 VT=0.4 RON=1 ROFF=1meg', '.save i(RDYN1) i(S1)', '.op')),
    ).toEqual([
      "6:18 error: i(s1): 'S1' is the switch, which offers no current probe: i() takes a two-terminal element (R, C, L, RDYN, V, I, B, E, G)",
    ]);
    const c = circuit(netlist('V1 a 0 1', 'C1 a 0 1u', 'RDYN1 a 0 RC=1k GAMMA=0.5 Q=C1 QMAX=2u', '.save i(RDYN1)', '.op'));
    const r = runCircuit(c).results[0]!;
    // R = RC (1 - gamma q / qmax) = 1k (1 - 0.5 * 1u / 2u) = 750 ohm at 1 V.
    expect(r.kind === 'op' && r.summary.values['i(rdyn1)']).toBeCloseTo(1 / 750, 12);
  });
});

describe('.save i(Rload) through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncm-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('run records it; check reports an element without a current with file:line:col', async () => {
    const ok = join(dir, 'ok.cir');
    writeFileSync(ok, netlist('V1 in 0 1', 'Rload in 0 2k', '.save i(Rload)', '.op'));
    const r = await ncm('run', ok, '-o', join(dir, 'out'));
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'op.json'), 'utf8')).values).toEqual({ 'i(rload)': 0.0005 });
    const bad = join(dir, 'bad.cir');
    writeFileSync(bad, netlist('V1 in 0 1', 'Rload in 0 2k', 'S1 in 0 in 0 VT=0.4 RON=1 ROFF=1meg', '.save i(Rload) i(S1)', '.op'));
    const c = await ncm('check', bad);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain(`${bad}:5:18: error: i(s1): 'S1' is the switch, which offers no current probe`);
  });
});
