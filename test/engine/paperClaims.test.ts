import { describe, expect, it } from 'vitest';
import { runCv } from '../../src/analyses/cv.js';
import type { CvAnalysis } from '../../src/circuit/circuit.js';
import { buildLadder } from '../../src/electrode/ladder.js';

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
    expect(gain).toBeGreaterThan(1.1);
    expect(cycle2(ncm).enclosedArea).toBeGreaterThan(cycle2(tlm).enclosedArea);
    expect(cycle2(ncm).asymmetryIndex).toBeGreaterThan(cycle2(run(6, 0.9)).asymmetryIndex);
  });

  it('asymmetry grows with the scan rate (4 vs 20 mV/us)', () => {
    expect(cycle2(run(10, 0.9, 2e4)).asymmetryIndex).toBeGreaterThan(cycle2(run(10, 0.9, 4e3)).asymmetryIndex);
  });
});
