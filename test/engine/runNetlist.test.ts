import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNetlistFile } from '../../src/io/runNetlistFile.js';
import { resultOfKind } from '../../src/analyses/result.js';
import type { CvCycleMeasures } from '../../src/analyses/cvMeasures.js';
import { writeRunOutputs } from '../../src/io/writeRun.js';
import { formatRunSummary } from '../../src/io/runSummary.js';
import { NcmError } from '../../src/diagnostics.js';
import { expectMeasured } from '../helpers/measured.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ncm run (library path)', () => {
  it('runs the bundled TLM and NCM netlists and writes CSV, JSON and SVG plots', async () => {
    const tlm = runNetlistFile('netlists/tlm-6.cir');
    const ncm = runNetlistFile('netlists/ncm-6.cir');
    const files = await writeRunOutputs(ncm, join(dir, 'ncm'));
    expect(files.sort()).toEqual(['cv-charge.svg', 'cv-current.svg', 'cv-cv.svg', 'cv.csv', 'cv.json', 'summary.json']);
    expect(readdirSync(join(dir, 'ncm')).sort()).toEqual(files.sort());
    const csv = readFileSync(join(dir, 'ncm', 'cv.csv'), 'utf8').split('\n');
    const header = csv.find((l) => !l.startsWith('#'))!;
    expect(header.startsWith('time,vapp(vm),i(vm),v(s1),')).toBe(true);
    expect(header).toContain('q(cslit6)');
    expect(csv.some((l) => l.startsWith('# sign: ') && l.includes('opposite of ngspice'))).toBe(true);
    expect(readFileSync(join(dir, 'ncm', 'cv-cv.svg'), 'utf8')).toMatch(/^<svg[\s\S]*into the cell/);
    const json = JSON.parse(readFileSync(join(dir, 'ncm', 'cv.json'), 'utf8')) as { cycles: CvCycleMeasures[]; qmaxPeak: { converged: boolean } };
    expect(json.qmaxPeak.converged).toBe(true);
    const t2 = resultOfKind(tlm.results[0]!, 'cv').summary.cycles[1]!;
    const n2 = json.cycles[1]!;
    // The paper's claims on the bundled pair: TLM symmetric, NCM (gamma 0.5) asymmetric, larger loop.
    expect(t2.asymmetryIndex).toBeLessThan(1e-3);
    // Measured; 0.1 % margins.
    expectMeasured(n2.asymmetryIndex, 0.061510, 1e-3);
    expectMeasured(n2.enclosedArea / t2.enclosedArea, 1.0633, 1e-3);
    expect(formatRunSummary(ncm)).toMatch(/QMAX=peak: converged after \d+ cycles/);
  });

  it('refuses a netlist with errors, listing the diagnostics and running nothing', () => {
    try {
      runNetlistFile('netlists/does-not-exist.cir');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NcmError);
      expect((e as NcmError).message).toMatch(/cannot read netlist 'netlists\/does-not-exist.cir': no such file/);
    }
  });
});
