import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { NcmError, formatDiagnostic } from '../../src/diagnostics.js';
import { parseNumericCsv, tableColumn } from '../../src/io/tableCsv.js';
import { readSeriesFile } from '../../src/io/seriesReader.js';

/** `ncm <args>` in-process; returns its stdout and requires exit code 0 and an empty stderr. */
async function run(args: string[]): Promise<string> {
  const r = await ncm(...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('ncm extract and ncm discover, end to end', () => {
  it('turns a series into a netlist and a table that discover explains with the law', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-extract-'));
    const series = join(dir, 's.json');
    await run(['extract', '--demo', '--noise', '0.01', '--seed', '2', '--write-series', series]);
    const s = readSeriesFile(series);
    expect(s.phi).toHaveLength(6);
    const report = await run(['extract', series, '--json', join(dir, 'p.json'), '--netlist', join(dir, 'n.cir'), '--table', join(dir, 't.csv')]);
    expect(report).toMatch(/pooled: R_c = 4\.9\d+ \+- /);
    const params = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as { resistance: { pooled: { rc: number; gamma: number } } };
    expect(Math.abs(params.resistance.pooled.rc / 5 - 1)).toBeLessThan(0.02);
    expect(Math.abs(params.resistance.pooled.gamma / 0.5 - 1)).toBeLessThan(0.02);
    expect(readFileSync(join(dir, 'n.cir'), 'utf8')).toContain('RDYN6 s5 s6 RC={rc} GAMMA={gamma} Q=Cslit5 QMAX=peak');
    const out = await run(['discover', join(dir, 't.csv'), '--target', 'dphi_3', '--features', 'I_3,q_3', '--method', 'sindy', '--json', join(dir, 'd.json')]);
    // dphi = rc I - rc gamma I q: SINDy finds exactly these two terms with rc ~ 5, rc*gamma ~ 2.5.
    const m = /picked: dphi_3 = I_3 \* \((\S+) - (\S+) \* q_3\)/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![1]) / 5).toBeCloseTo(1, 1);
    expect(Math.abs(Number(m![2])) / 2.5).toBeCloseTo(1, 1);
    const doc = JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8')) as { best: { program: { postfix: number[] } } };
    expect(doc.best.program.postfix.length).toBeGreaterThan(0);
  });

  it('--smooth writes the netlist CV with the vertex rounding of the series (seconds, SI)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-extract-smooth-'));
    await run(['extract', '--demo', '--netlist', join(dir, 'n.cir'), '--smooth', '5e-7']);
    expect(readFileSync(join(dir, 'n.cir'), 'utf8')).toMatch(/^\.cv Vm 0 0\.2 rate=20000V\/s cycles=2 smooth=5e-7$/m);
    const bad = await ncm('extract', '--demo', '--netlist', join(dir, 'm.cir'), '--smooth', '0.5us');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--smooth expects a positive number in SI units, got '0.5us'");
  });

  it('names the missing column and lists the available ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-discover-'));
    writeFileSync(join(dir, 'a.csv'), '# x\nx,y\n1,2\n2,4\n');
    const r = await ncm('discover', join(dir, 'a.csv'), '--target', 'z', '--features', 'x');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${join(dir, 'a.csv')}:2:1: error: no column 'z' in the table (columns: x, y)\n`);
  });
});

describe('numeric table reader', () => {
  it('finds columns with or without units and reports bad cells with positions', () => {
    const t = parseNumericCsv('time[s],I_2[A]\n0,1e-3\n1,2e-3\n', 't.csv');
    expect(Array.from(tableColumn(t, 'I_2'))).toEqual([1e-3, 2e-3]);
    try {
      parseNumericCsv('a,b\n1,\n2,x\n', 't.csv');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(NcmError);
      expect((e as NcmError).diagnostics.map(formatDiagnostic)).toEqual([
        "t.csv:2:3: error: empty cell in column 'b'",
        "t.csv:3:3: error: expected a finite number in column 'b', found 'x'",
      ]);
    }
  });
});
