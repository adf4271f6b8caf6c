import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

describe('ncm export', () => {
  it('writes the ngspice netlist to a file, whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-export-'));
    const out = join(dir, 'rc.sp');
    const r = await ncm('export', '--format', 'ngspice', 'netlists/rc.cir', '-o', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('v1 in 0 PULSE(0 1 0 1e-9 1e-9 0.00001 0.00002)\nr1 in out 1000\nc1 out 0 1e-9\n');
    expect(text).toMatch(/\.tran 1e-8 0\.000005 0\n\.control\nset wr_singlescale\nset wr_vecnames\nrun\nlet ncm_v_out = v\(out\)\nlet ncm_v_in = v\(in\)\nwrdata rc\.data\.txt ncm_v_out ncm_v_in\nquit\n\.endc\n\.end\n$/);
  });

  it('rejects an unknown format (exit 2) and a broken netlist (exit 1) with positions, no stack trace', async () => {
    const bad = await ncm('export', '--format', 'spectre', 'netlists/rc.cir');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --format spectre: expected ngspice\n');
    const dir = mkdtempSync(join(tmpdir(), 'ncm-export-'));
    const file = join(dir, 'bad.cir');
    writeFileSync(file, 't\nV1 a 0 1\nB1 a 0 I={V(a)*nope(2)}\n.op\n');
    const r = await ncm('export', '--format', 'ngspice', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:3:16: error: `);
    expect(r.stderr).toContain("unknown function 'nope'");
    expect(r.stderr).not.toContain('    at ');
  });
});
