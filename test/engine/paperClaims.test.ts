import { describe, it } from 'vitest';
import { runCv } from '../../src/analyses/cv.js';
import type { CvAnalysis } from '../../src/circuit/circuit.js';
import { buildLadder } from '../../src/electrode/ladder.js';
import { expectMeasured } from '../helpers/measured.js';

/** Qualitative claims of Zhan et al. on the NCM vs the TLM (two cycles from rest, 20 mV/us). */
const loc = { file: 'test.cir', line: 1, column: 1 };
const cv = (rate: number): CvAnalysis => ({ kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate, cycles: 2, loc });
const run = (layers: number, gamma: number, rate = 2e4) =>
  runCv(buildLadder({ layers, rc: 5, cTotal: 0.08e-6, gamma, qmax: 'peak' }), cv(rate));
const cycle2 = (r: ReturnType<typeof runCv>) => r.summary.cycles[1]!;
const peakOf = (r: ReturnType<typeof runCv>, label: string) => {
  const w = r.waveforms!;
  return Math.max(...w.columns[w.labels.indexOf(label)]!.map(Math.abs));
};

describe('paper claims (NCM vs TLM)', () => {
  it('deep slits store more charge under the NCM (GAMMA=0.9) than under the TLM; asymmetry grows with layers', () => {
    const tlm = run(20, 0);
    const ncm = run(20, 0.9);
    const gain = peakOf(ncm, 'q(cslit19)') / peakOf(tlm, 'q(cslit19)');
    // Measured values of this engine; 0.1 % margins: a 20 % regression fails.
    expectMeasured(gain, 1.2369, 1e-3);
    expectMeasured(cycle2(ncm).enclosedArea / cycle2(tlm).enclosedArea, 1.5251, 1e-3);
    expectMeasured(cycle2(ncm).asymmetryIndex, 0.23359, 1e-3);
    expectMeasured(cycle2(run(6, 0.9)).asymmetryIndex, 0.11831, 1e-3);
  });

  it('asymmetry grows with the scan rate (4 vs 20 mV/us)', () => {
    expectMeasured(cycle2(run(10, 0.9, 2e4)).asymmetryIndex, 0.16338, 1e-3);
    expectMeasured(cycle2(run(10, 0.9, 4e3)).asymmetryIndex, 0.045757, 1e-3);
  });
});
