import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { runNetlistFile } from '../../src/io/runNetlistFile.js';
import { runOutputFiles } from '../../src/io/writeRun.js';

describe('ncm run with sweeps and spectra', () => {
  it('--step sweeps a .param of a netlist and writes the combined result, failures included', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ncm-sweep-cli-'));
    const r = await ncm('run', 'netlists/ncm-6.cir', '--step', 'gamma=0.2,1.5', '--threads', '1', '--html', '-o', out);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^sweep of gamma \(2 values\): 2 runs on 1 thread in [\d.]+ s, 1 failed\n/);
    expect(r.stderr).toMatch(/^run 1 \(gamma=1\.5\) failed: netlists\/ncm-6\.cir:\d+:\d+: dynamic resistor RDYN1: GAMMA must lie in \[-1, 1\), found 1\.5\n.*1 of 2 runs failed \(failure records in .*sweep\.json\)\n$/s);
    expect(readdirSync(out).sort()).toEqual(
      ['report.html', 'sweep-cv.capacitance.svg', 'sweep-cv.coulombicEfficiency.svg', 'sweep-cv.enclosedArea.svg', 'sweep-cv.peakAnodicCurrent.svg', 'sweep-cv.svg', 'sweep.csv', 'sweep.json'].sort(),
    );
    // --html: the sweep line and the failure in the report, one interactive spec per SVG
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<pre>sweep of gamma \(2 values\): 2 runs on 1 thread in [\d.]+ s, 1 failed\nrun 1 \(gamma=1\.5\) failed: /);
    expect([...html.matchAll(/<script type="application\/json" id="spec-\d+">/g)]).toHaveLength(5);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n');
    expect(csv[2]!.startsWith('# units: run [1], gamma [1], status [], cv.anodicCharge [C],')).toBe(true);
    expect(csv[3]!.startsWith('run,gamma,status,cv.anodicCharge')).toBe(true);
    expect(csv[4]!.startsWith('0,0.2,ok,')).toBe(true);
    expect(csv[5]!.startsWith('1,1.5,failed,')).toBe(true);
  }, 30000);

  it('ncm check describes the sweep, and reports a .step of an undefined parameter at its position', async () => {
    const ok = await ncm('check', 'netlists/ncm-50-gamma-sweep.cir');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe('sweep:    gamma: 200 values from 0 to 0.995 (200 runs)');
    const dir = mkdtempSync(join(tmpdir(), 'ncm-step-'));
    const file = join(dir, 'bad.cir');
    writeFileSync(file, 'x\nV1 a 0 1\nR1 a 0 {r}\n.param r=1\n.step param q list 1 2\n.op\n');
    const bad = await ncm('check', file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`${file}:5:13: error: .step param q: no top-level .param q to sweep: define it, e.g. .param q=0\n`);
  }, 30000);

  it('writes the spectrum CSV and the Nyquist and Bode plots of an .ac analysis', async () => {
    // In-process (runNetlistFile + runOutputFiles are what `ncm run` calls): spawning costs seconds.
    const files = await runOutputFiles(runNetlistFile('netlists/eis-ncm-6.cir'));
    for (const f of ['ac1.csv', 'ac1-nyquist.svg', 'ac1-bode.svg', 'ac2.csv', 'ac2-nyquist.svg', 'ac2-bode.svg']) expect([...files.keys()]).toContain(f);
    expect(files.get('ac1.csv')!.split('\n')).toContain('frequency,re(z),im(z),mag(z),phase(z)');
    expect(files.get('ac1-nyquist.svg')).toContain('-Im Z (ohm)');
    expect(files.get('ac2-bode.svg')).toContain('phase of Z (deg)');
  }, 30000);
});
