import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import { readRaw, type RawPlot } from '../../src/io/rawFile.js';
import { ncm } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-raw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RC low-pass, tau = 1 ms, charged by a 1 V step (1 us rise); its impedance seen by V1 is R + 1/(j w C). */
const deck = ['raw test', 'V1 in 0 PULSE(0 1 0 1u 1u 1 2) AC 1', 'R1 in out 1k', 'C1 out 0 1u', '.tran 0.1m 2m', '.ac dec 2 10 1k', '.op', '.end', ''].join('\n');
const file = join(dir, 'rc.cir');
writeFileSync(file, deck);

const vec = (p: RawPlot, name: string): Float64Array => {
  const j = p.variables.findIndex((v) => v.name === name);
  expect(j, `${name} in ${p.variables.map((v) => v.name).join(', ')}`).toBeGreaterThanOrEqual(0);
  return p.real[j]!;
};

describe('ncm run --format raw / raw-ascii', () => {
  it('binary and ASCII files read back to the run values, with ngspice header lines', async () => {
    const direct = runCircuit(loadNetlist(file).circuit!).results.find((r) => r.kind === 'tran')!.waveforms!;
    const vOut = direct.columns[direct.labels.indexOf('v(out)')]!;
    for (const format of ['raw', 'raw-ascii']) {
      const out = join(dir, format);
      const r = await ncm('run', file, '-o', out, '--format', format);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(out).filter((f) => f.endsWith('.csv'))).toEqual([]);
      const text = readFileSync(join(out, 'tran.raw'));
      const head = text.subarray(0, 200).toString('latin1').split('\n');
      expect(head[0]).toBe('Title: raw test');
      expect(head[1]).toMatch(/^Date: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d  \d{4}$/);
      expect(head.slice(2, 5)).toEqual(['Plotname: Transient Analysis', 'Flags: real', 'No. Variables: 5']);
      const [tran] = readRaw(text);
      expect(tran!.variables).toEqual([
        { name: 'time', type: 'time' }, { name: 'v(in)', type: 'voltage' }, { name: 'v(out)', type: 'voltage' },
        { name: 'i(v1)', type: 'current' }, { name: 'q(c1)', type: 'charge' },
      ]);
      // The run's values, value for value (the ASCII form prints 16 significant digits).
      expect(tran!.points).toBe(direct.length);
      const v = vec(tran!, 'v(out)');
      for (let k = 0; k < direct.length; k++) expect(Math.abs(v[k]! - vOut[k]!)).toBeLessThanOrEqual(format === 'raw' ? 0 : 1e-15);
      const [ac] = readRaw(readFileSync(join(out, 'ac.raw')));
      expect(ac!.flags).toBe('complex');
      expect(ac!.variables.map((x) => x.name)).toEqual(['frequency', 'z']);
      // Z = R + 1/(j w C): Re = 1k at every frequency, Im = -1/(w C).
      for (let k = 0; k < ac!.points; k++) {
        const f = ac!.real[0]![k]!;
        expect(ac!.real[1]![k]! / 1e3).toBeCloseTo(1, 9);
        expect(ac!.imag![1]![k]! * 2 * Math.PI * f * 1e-6).toBeCloseTo(-1, 9);
      }
      const [op] = readRaw(readFileSync(join(out, 'op.raw')));
      expect(op!.plotname).toBe('Operating Point');
      expect(op!.points).toBe(1);
    }
  });

  it('an unknown format is a usage error naming the choices', async () => {
    const r = await ncm('run', file, '-o', join(dir, 'x'), '--format', 'hdf5');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--format: unknown format 'hdf5': expected csv, raw, raw-ascii");
  });
});

const haveNgspice = spawnSync('ngspice', ['-v'], { encoding: 'utf8' }).status === 0;
if (!haveNgspice) console.log('ngspice raw comparison skipped: ngspice is not installed (apt-get install -y ngspice)');

describe.skipIf(!haveNgspice)("the same reader reads ngspice's own raw files", () => {
  for (const ascii of [false, true]) {
    it(`${ascii ? 'ASCII' : 'binary'}: tran and ac plots, values as the RC circuit gives them`, () => {
      const raw = join(dir, `ngspice-${ascii ? 'ascii' : 'binary'}.raw`);
      const run = spawnSync('ngspice', ['-b', file, '-r', raw], { encoding: 'utf8', timeout: 60000, env: { ...process.env, ...(ascii ? { SPICE_ASCIIRAWFILE: '1' } : {}) } });
      expect(run.status, run.stderr).toBe(0);
      const plots = readRaw(readFileSync(raw));
      const tran = plots.find((p) => p.plotname === 'Transient Analysis')!;
      const ac = plots.find((p) => p.plotname === 'AC Analysis')!;
      expect(tran.variables.map((v) => v.name)).toEqual(['time', 'v(in)', 'v(out)', 'i(v1)']);
      const t = vec(tran, 'time');
      const v = vec(tran, 'v(out)');
      const n = tran.points - 1;
      // ngspice's transient (trap, its own step control) against 1 - exp(-(t - 1u/2)/tau): measured 2e-5 off.
      expect(Math.abs(v[n]! - (1 - Math.exp(-(t[n]! - 0.5e-6) / 1e-3)))).toBeLessThan(2e-4);
      expect(ac.flags).toBe('complex');
      // v(out) = 1 / (1 + j w RC) at each frequency.
      const j = ac.variables.findIndex((x) => x.name === 'v(out)');
      for (let k = 0; k < ac.points; k++) {
        const w = 2 * Math.PI * ac.real[0]![k]! * 1e-3;
        expect(ac.real[j]![k]!).toBeCloseTo(1 / (1 + w * w), 9);
        expect(ac.imag![j]![k]!).toBeCloseTo(-w / (1 + w * w), 9);
      }
    });
  }
});
