import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NcmError } from '../../src/diagnostics.js';
import { parseSeriesCsv } from '../../src/io/seriesReader.js';
import { seriesToCsv } from '../../src/io/series.js';
import { parseMdConfig } from '../../src/md/config.js';
import { lammpsVersion, runLammps } from '../../src/md/runner.js';
import { mdOutputs, runMd } from '../../src/md/run.js';

const E = 1.602176634e-19;
const haveLmp = lammpsVersion() !== null;
if (!haveLmp) console.log('MD tests that run LAMMPS skipped: `lmp` is not installed (apt-get install -y lammps)');

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ncm-md-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('MD on LAMMPS, end to end', () => {
  it.skipIf(!haveLmp)('the tiny system: input -> lmp -> series, neutral and conserving ions, the charge step where planned', async () => {
    const cfg = parseMdConfig(readFileSync('examples/md-tiny.yaml', 'utf8'), 'examples/md-tiny.yaml');
    const dir = tmp();
    const r = await runMd(cfg, dir);
    const { plan, sys } = r.prepared;
    const a = r.analysis;
    expect(plan.atoms).toBeLessThan(600);
    // frames: the step frame (t = 0) plus before and after, one per dump
    expect(a.frames).toBe(plan.beforeSteps / plan.dumpEverySteps + plan.durationSteps / plan.dumpEverySteps + 1);
    // neutral to the dump's printing precision, no ion created or lost, none escaped the end walls
    expect(a.checks.maxNetCharge).toBeLessThan(1e-9);
    expect(a.checks.maxIonCountChange).toBe(0);
    expect(a.checks.ionsOutside).toBe(0);
    // Gauss: no field above a neutral slab (relative to the largest field inside)
    expect(a.checks.topField).toBeLessThan(1e-9);
    // the + electrode carries nothing before the step and N_C * 0.01 e after it
    expect(a.checks.chargeBefore).toBe(0);
    expect(a.checks.chargeAfter).toBeCloseTo(sys.counts.carbonPerElectrode * 0.01, 9);
    const pos = a.electrodes[0].series;
    const neg = a.electrodes[1].series;
    expect(pos.time[0]).toBeCloseTo(-cfg.run.before, 20);
    expect(pos.electrodeCharge![0]).toBe(0);
    expect(pos.electrodeCharge![pos.time.length - 1]! / E).toBeCloseTo(sys.counts.carbonPerElectrode * 0.01, 9);
    expect(neg.electrodeCharge![neg.time.length - 1]! / E).toBeCloseTo(-sys.counts.carbonPerElectrode * 0.01, 9);
    // ions counted in slits never exceed the ions there are; slit charges are whole multiples of e
    for (const el of a.electrodes)
      for (let i = 0; i < el.series.charge.length; i++)
        for (let k = 0; k < a.frames; k++) {
          const q = el.series.charge[i]![k]! / E;
          expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-9);
          expect(q).toBeCloseTo(el.cations[i]![k]! - el.anions[i]![k]!, 9);
        }
    // the series is the project's format: it survives its own reader
    const back = parseSeriesCsv(seriesToCsv(pos), 'series.csv');
    expect(back.phi.length).toBe(cfg.electrode.sheets);
    expect(Array.from(back.charge[0]!)).toEqual(Array.from(pos.charge[0]!));
    // the output files: per-slit densities and the block table with directions
    const files = await mdOutputs(r, 'tiny');
    const slits = files.get('slits.csv')!.split('\n');
    expect(slits[1]).toBe('time[s],c_1_pos[mol/m^3],rho_1_pos[C/m^3],n+_1_pos,n-_1_pos,c_2_pos[mol/m^3],rho_2_pos[C/m^3],n+_2_pos,n-_2_pos,c_1_neg[mol/m^3],rho_1_neg[C/m^3],n+_1_neg,n-_1_neg,c_2_neg[mol/m^3],rho_2_neg[C/m^3],n+_2_neg,n-_2_neg');
    expect(slits.length).toBe(a.frames + 3);
    expect(files.get('deltas.csv')!).toMatch(/\n\+,[^\n]*,(out|in|none),(out|in|none),(out|in|none)\n/);
    // the LAMMPS log reports the run's speed
    expect(r.lammps.steps).toBe(plan.totalSteps);
    expect(r.lammps.nsPerDay.length).toBe(3);
  });

  it.skipIf(!haveLmp)('the explicit SPC/E input is valid LAMMPS: minimise, SHAKE and 10 steps run and stay neutral', async () => {
    const text = [
      'model: spce',
      'seed: 7',
      'electrolyte: {concentration: 2 M}',
      'electrode: {sheets: 2, width: 1.5 nm, depth: 1.3 nm, edgeGap: 0.6 nm, charge: 0.01 e}',
      'reservoir: {length: 2 nm}',
      'run: {timestep: 2 fs, equilibration: 0 fs, before: 0 fs, duration: 20 fs, dumpEvery: 10 fs, thermoEvery: 10 fs}',
      'analysis: {window: 10 fs}',
    ].join('\n');
    const cfg = parseMdConfig(text, 'spce.yaml');
    const r = await runMd(cfg, tmp());
    expect(r.prepared.sys.counts.waters).toBeGreaterThan(100);
    expect(r.analysis.frames).toBe(3);
    expect(r.analysis.checks.maxNetCharge).toBeLessThan(1e-6);
    expect(r.analysis.checks.maxIonCountChange).toBe(0);
  });

  it.skipIf(!haveLmp)("a LAMMPS error is reported with LAMMPS's ERROR line and the command", async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'in.md'), 'units real\natom_style charge\npair_style lj/cut/coul/nonsense 10\n');
    const err = await runLammps({ dir, totalSteps: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NcmError);
    expect((err as Error).message).toMatch(/^md: LAMMPS failed in .*: ERROR: Unrecognized pair style 'lj\/cut\/coul\/nonsense'.* \(last command: pair_style lj\/cut\/coul\/nonsense 10\); the full log is .*log\.lammps$/);
  });
});

describe('LAMMPS runner without LAMMPS', () => {
  it('a missing binary says how to install LAMMPS', async () => {
    const err = await runLammps({ dir: tmpdir(), totalSteps: 1, binary: 'lmp-not-installed-here' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NcmError);
    expect((err as Error).message).toBe(
      "md: cannot run 'lmp-not-installed-here': not found; install LAMMPS (Debian/Ubuntu: sudo apt-get install lammps) so that `lmp` is on the PATH, or name the binary with --lmp",
    );
  });
});
