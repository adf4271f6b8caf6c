import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm as runNcm } from '../helpers/cli.js';
import { readDump } from '../../src/md/dump.js';
import { LammpsOutputParser } from '../../src/md/runner.js';
import { NcmError } from '../../src/diagnostics.js';

/** `ncm ...` in-process, through the same program as bin/ncm.js. */
async function ncm(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const r = await runNcm(...args);
  return { code: r.status, err: r.stderr, out: r.stdout };
}

describe('ncm md', () => {
  it('--input-only writes a complete, commented LAMMPS input with the charge step where the plan says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-cli-'));
    const r = await ncm(['md', 'examples/md-tiny.yaml', '--input-only', '--out', dir]);
    expect(r.code).toBe(0);
    const input = readFileSync(join(dir, 'in.md'), 'utf8');
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { plan: { equilibrationSteps: number; beforeSteps: number; durationSteps: number; stepAt: number; atoms: number } };
    // 2 ps / 10 fs, 1 ps, 6 ps
    expect(plan.plan.equilibrationSteps).toBe(200);
    expect(plan.plan.stepAt).toBe(300);
    const runs = [...input.matchAll(/^run\s+(\d+)$/gm)].map((m) => Number(m[1]));
    expect(runs).toEqual([200, 100, 600]);
    // the step: charges set between the second and third run
    expect(input).toMatch(/run {13}100\n\n# 3\. the paper's fixed-charge step[^\n]*\nset {13}group cpos charge 0\.01\nset {13}group cneg charge -0\.01\nrun {13}600/);
    expect(input).toContain('kspace_modify   slab 3.0 order 3');
    expect(input).toContain('dielectric      78.5');
    const data = readFileSync(join(dir, 'system.data'), 'utf8');
    expect(data).toContain(`${plan.plan.atoms} atoms`);
    expect(r.out).toMatch(/^md: wrote .*in\.md, system\.data, plan\.json: \d+ atoms/);
  });
  it('without LAMMPS it writes the input and says how to install it (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-cli-'));
    const r = await ncm(['md', 'examples/md-tiny.yaml', '--out', dir, '--lmp', 'lmp-not-installed-here']);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'in.md'))).toBe(true);
    expect(r.err).toBe(
      `error: md: LAMMPS ('lmp-not-installed-here') is not available; wrote the input to ${dir}/in.md (with system.data and plan.json). To run it, install LAMMPS (Debian/Ubuntu: sudo apt-get install lammps) so that \`lmp\` is on the PATH, or name the binary with --lmp; then: cd ${dir} && lmp -in in.md, or run ncm md again\n`,
    );
  });
  it('a bad configuration is reported with file:line:column and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-cli-'));
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'electrode:\n  slitWidth: -1 nm\n');
    const r = await ncm(['md', cfg, '--input-only', '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${cfg}:2:14: error: electrode.slitWidth: must be > 0, got -1 nm\nerror: ${cfg}: 1 problem in the MD configuration\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('LAMMPS output and dumps', () => {
  it('thermo rows, run statistics and the first ERROR line are read from the screen output', () => {
    const p = new LammpsOutputParser();
    const rows = [
      'LAMMPS (29 Sep 2021 - Update 2)',
      'Step Time c_tmob PotEng c_sumqpos ',
      '     200         2000    318.23438   -64.860401            0 ',
      'Loop time of 5.5 on 1 procs for 2000 steps with 2070 atoms',
      '',
      'Performance: 156.169 ns/day, 0.154 hours/ns, 361.503 timesteps/s',
      '29.2% CPU use with 1 MPI tasks x 1 OpenMP threads',
      'ERROR: Lost atoms: original 2070 current 2069 (src/thermo.cpp:481)',
      'Last command: run 600',
    ].map((l) => p.line(l));
    expect(rows[2]).toEqual({ Step: 200, Time: 2000, c_tmob: 318.23438, PotEng: -64.860401, c_sumqpos: 0 });
    expect(p.version).toBe('29 Sep 2021 - Update 2');
    expect(p.steps).toBe(2000);
    expect(p.loopSeconds).toBe(5.5);
    expect(p.nsPerDay).toEqual([156.169]);
    expect(p.cpuUse).toEqual([29.2]);
    expect(p.error).toBe('ERROR: Lost atoms: original 2070 current 2069 (src/thermo.cpp:481)');
    expect(p.lastCommand).toBe('run 600');
  });
  it('reads frames by column name and names the line of a malformed one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-dump-'));
    const good = ['ITEM: TIMESTEP', '10', 'ITEM: NUMBER OF ATOMS', '2', 'ITEM: BOX BOUNDS pp pp fm', '0 10', '0 10', '0 30', 'ITEM: ATOMS id z type q', '1 5.5 2 1', '2 7.25 3 -1'];
    writeFileSync(join(dir, 'a.lammpstrj'), [...good, ...good.map((l) => (l === '10' ? '20' : l))].join('\n') + '\n');
    const seen: Array<[number, number[], number[], number[]]> = [];
    const n = readDump(join(dir, 'a.lammpstrj'), (f) => seen.push([f.step, Array.from(f.type), Array.from(f.q), Array.from(f.z)]));
    expect(n).toBe(2);
    expect(seen[1]).toEqual([20, [2, 3], [1, -1], [5.5, 7.25]]);
    const bad = [...good.slice(0, 10), '2 7.25 3'];
    writeFileSync(join(dir, 'b.lammpstrj'), bad.join('\n') + '\n');
    const err = (() => {
      try {
        readDump(join(dir, 'b.lammpstrj'), () => undefined);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(NcmError);
    expect((err as NcmError).message).toBe('expected 4 values per atom, found 3');
    expect((err as NcmError).loc).toEqual({ file: join(dir, 'b.lammpstrj'), line: 11, column: 1 });
    writeFileSync(join(dir, 'c.lammpstrj'), good.slice(0, 10).join('\n') + '\n');
    expect(() => readDump(join(dir, 'c.lammpstrj'), () => undefined)).toThrow(/c\.lammpstrj: the last frame is incomplete \(the run was cut short\?\)$/);
    writeFileSync(join(dir, 'd.lammpstrj'), good.map((l) => (l.startsWith('ITEM: ATOMS') ? 'ITEM: ATOMS id type x y z' : l)).join('\n') + '\n');
    expect(() => readDump(join(dir, 'd.lammpstrj'), () => undefined)).toThrow(/^the dump has no 'q' column \(columns: id type x y z\); dump with 'custom N file id type q x y z'$/);
  });
});
