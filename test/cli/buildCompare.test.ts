import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';

describe('ncm build, check --list and compare', () => {
  it('build writes a netlist that check accepts and lists element by element', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-build-'));
    const file = join(dir, 'e.cir');
    const b = await ncm('build', 'half', '--layers', '3', '--gamma', '0.9', '--rate', '4mV/us', '-o', file);
    expect(b.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('.ladder E m 0 layers=3 model=ncm rc=5 gamma=0.9 ctotal=8e-8 ropen=1 qmax=peak');
    const c = await ncm('check', '--list', file);
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('  E.Rslit3 RDYN e.s2 e.s3\n  E.Cslit3 C m e.s3\n');
  });

  it('build rejects bad options with exit 2 and no stack trace', async () => {
    const r = await ncm('build', 'half', '--rate', '20');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: ncm build: --rate '20': expected a scan rate with its unit, e.g. 20mV/us or 100mV/s\n");
  });

  it('compare --tlm writes the whole report; a broken netlist writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ncm-cmp-')), 'r');
    const r = await ncm('compare', 'netlists/paper/ncm-6L-g0.9-20mVus.cir', '--tlm', '--slits', '2,5', '-o', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cv.svg', 'heatmap-1.svg', 'heatmap-2.svg', 'measures.csv', 'report.html', 'resistance.svg', 'slit-peak-charge.svg', 'slits.csv']);
    expect(r.stdout).toMatch(/slit 5 peak charge ratio ncm-6L-g0.9-20mVus \/ ncm-6L-g0.9-20mVus \(TLM, gamma = 0\): 1\.\d+/);
    const out2 = join(mkdtempSync(join(tmpdir(), 'ncm-cmp-')), 'r');
    const bad = await ncm('compare', 'netlists/paper/ncm-6L-g0.9-20mVus.cir', 'netlists/nope.cir', '-o', out2);
    expect(bad.status).toBe(1);
    expect(existsSync(out2)).toBe(false);
  });
});
