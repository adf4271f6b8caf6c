import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAction } from '../../src/cli/importAction.js';
import { ncm } from '../helpers/cli.js';

const FIX = join(import.meta.dirname, 'fixtures');

/** `ncm import ...` in-process, through the same program as bin/ncm.js. */
async function ncmImport(...args: string[]): Promise<{ code: number; stderr: string }> {
  const r = await ncm('import', ...args);
  return { code: r.status, stderr: r.stderr };
}

describe('ncm import', () => {
  it('writes an EIS file as exactly the .ac columns, with units and sign lines, plus the header JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-import-'));
    const r = await ncmImport(join(FIX, 'biologic_peis.mpt'), '--out', dir);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['biologic_peis.csv', 'biologic_peis.json']);
    const csv = readFileSync(join(dir, 'biologic_peis.csv'), 'utf8').split('\n');
    expect(csv.slice(0, 6)).toEqual([
      '# title: imported from biologic_peis.mpt',
      '# source: BioLogic EC-Lab text export (.mpt), BioLogic SP-300',
      '# analysis: eis (Potentio Electrochemical Impedance Spectroscopy)',
      '# units: frequency [Hz], re(z) [ohm], im(z) [ohm], mag(z) [ohm], phase(z) [deg]',
      '# sign: Z = re(z) + j im(z), capacitive im(z) < 0; phase(z) = atan2(im, re) in degrees',
      'frequency,re(z),im(z),mag(z),phase(z)',
    ]);
    // 1.5 - 2j: |Z| = 2.5, phase = atan2(-2, 1.5).
    expect(csv[7]).toBe(`1000,1.5,-2,2.5,${(Math.atan2(-2, 1.5) * 180) / Math.PI}`);
    const json = JSON.parse(readFileSync(join(dir, 'biologic_peis.json'), 'utf8')) as Record<string, unknown>;
    expect([json.technique, json.format, json.points, json.complete]).toEqual(['eis', 'biologic', 3, true]);
  });

  it('writes a CV as time,v,i,cycle with the project current sign', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-import-'));
    const r = await ncmImport(join(FIX, 'gamry_cv.DTA'), '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${join(FIX, 'gamry_cv.DTA')}: Gamry Framework EXPLAIN file (.DTA), cv, 6 points -> ${join(dir, 'gamry_cv.csv')}, ${join(dir, 'gamry_cv.json')}\n`);
    const csv = readFileSync(join(dir, 'gamry_cv.csv'), 'utf8').split('\n');
    expect(csv[3]).toBe('# units: time [s], v [V], i [A], cycle [1]');
    expect(csv[4]).toMatch(/^# sign: i is the current into the working electrode, positive while charging it positively/);
    expect(csv.slice(5, 8)).toEqual(['time,v,i,cycle', '0,0,0.00001,1', '8,0.8,0.00002,1']);
    const json = JSON.parse(readFileSync(join(dir, 'gamry_cv.json'), 'utf8')) as Record<string, unknown>;
    expect([json.scanRate, json.electrodeArea, json.instrument, json.date]).toEqual([0.1, 0.0002, 'Gamry REF600-12345', '5/11/2016 17:47:03']);
  });

  it('warns about an aborted run and still writes every recorded point', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-import-'));
    const file = join(FIX, 'gamry_chronop_aborted.DTA');
    const r = await ncmImport(file, '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`${file}: warning: the file announces 10 points but holds 4: the run was aborted; all 4 recorded points were imported`);
    expect(readFileSync(join(dir, 'gamry_chronop_aborted.csv'), 'utf8').trim().split('\n')).toHaveLength(6 + 4);
  });

  it('bad input exits 1 with file:line:col and writes nothing; bad flags exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-import-'));
    const notes = join(FIX, '..', 'cli.test.ts');
    const r = await ncmImport(notes, '--out', dir, '--format', 'biologic');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${notes}:2:1: error: EC-Lab file without 'Nb header lines : N'\n`);
    expect(readdirSync(dir)).toEqual([]);
    const u = await ncmImport(join(FIX, 'zplot.z'), '--technique', 'impedance');
    expect(u.code).toBe(2);
    expect(u.stderr).toBe('error: --technique impedance: expected one of cv, gcd, chrono, eis\n');
    const f = await ncmImport(join(FIX, 'zplot.z'), '--format', 'spss');
    expect(f.code).toBe(2);
    expect(f.stderr).toBe('error: --format spss: expected one of biologic, gamry, chi, autolab, par, zplot, csv\n');
  });

  it('importAction returns the paths it wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-import-'));
    const lines: string[] = [];
    expect(importAction(join(FIX, 'zplot.z'), { out: dir }, (l) => lines.push(l))).toEqual([join(dir, 'zplot.csv'), join(dir, 'zplot.json')]);
    expect(lines).toHaveLength(1);
  });
});
