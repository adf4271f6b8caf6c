import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

describe('ncm check', () => {
  it('prints a summary of a valid netlist and exits 0', async () => {
    const r = await ncm('check', 'netlists/ncm-6.cir');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'netlists/ncm-6.cir: ok',
        'title:    NCM half-cell, 6 nanoslits, gamma = 0.5 (Zhan et al., nano-circuitry model)',
        'nodes:    9 (ground and 8 others)',
        'elements: 15: 1 resistor (R), 6 dynamic resistors (RDYN), 7 capacitors (C), 1 voltage source (V)',
        'analyses:',
        '  .cv: cyclic voltammetry through Vm: 0 V -> 200 mV -> 0 V at 20 mV/us, 2 cycles of 20 us',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });

  it('prints every diagnostic with file:line:column and exits 1 on netlist errors, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-check-'));
    const file = join(dir, 'bad.cir');
    writeFileSync(file, 'bad\nR1 a 0\nVs a 0 1\n.cv Vs 0 1 rate=20\nR2 a b 1\n');
    const r = await ncm('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `${file}:2:1: error: resistor R1: missing resistance: write R1 <n+> <n-> <resistance>`,
        `${file}:4:17: error: .cv: the scan rate '20' has no unit: write it with one, e.g. rate=20mV/us (accepted: V/s, mV/s, V/ms, mV/ms, V/us, mV/us; us may be written µs)`,
        `error: 2 errors in ${file}`,
        '',
      ].join('\n'),
    );
  });

  it('a missing file is exit 1 with a clear message; a missing argument is a usage error (exit 2)', async () => {
    const missing = await ncm('check', 'no/such.cir');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("error: cannot read netlist 'no/such.cir': no such file\n");
    const usage = await ncm('check');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("missing required argument 'file'");
  });

  it('warnings go to stderr and still exit 0', async () => {
    const r = await ncm('check', 'netlists/rc.cir');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("netlists/rc.cir:8:1: warning: ngspice '.control' block ignored");
    expect(r.stdout).toContain('netlists/rc.cir: ok (1 warning)');
    expect(r.stdout).toContain('  .tran: transient from 0 s to 5 us, output step 10 ns');
  });
});
