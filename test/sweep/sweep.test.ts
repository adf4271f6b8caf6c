import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCsv, sweepJson } from '../../src/sweep/sweepOutputs.js';
import { cliAxis, planSweep } from '../../src/sweep/plan.js';
import type { SweepOutcome } from '../../src/sweep/runPoint.js';
import { runSweep, runSweepSerial } from '../../src/sweep/sweep.js';
import { expectMeasured } from '../helpers/measured.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-sweep-'));
function ncm6(step: string): string {
  const text = readFileSync('netlists/ncm-6.cir', 'utf8')
    .replace(/^\.cv .*$/m, `.cv Vm 0 0.2 rate=20mV/us cycles=1\n${step}`)
    .replace(/^\.save[^\n]*\n(\+[^\n]*\n)*/m, '');
  const path = join(dir, `ncm6-${Math.random().toString(36).slice(2)}.cir`);
  writeFileSync(path, text);
  return path;
}
const strip = (o: SweepOutcome) => (o.ok ? { ...o, seconds: 0 } : o);

describe('.step sweeps', () => {
  it('plans ranges, lists, grids and CLI specs', () => {
    const p = planSweep(ncm6('.step param gamma 0 0.3 0.1\n.step param rc list 4 {2*rc}'));
    expect(p.axes.map((a) => [a.name, a.values])).toEqual([['gamma', [0, 0.1, 0.2, 0.3]], ['rc', [4, 10]]]);
    expect(p.points).toEqual([[0, 4], [0, 10], [0.1, 4], [0.1, 10], [0.2, 4], [0.2, 10], [0.3, 4], [0.3, 10]]);
    expect(cliAxis('Gamma=0:1m:0.25m').values).toEqual([0, 0.00025, 0.0005, 0.00075, 0.001]);
    expect(cliAxis('rc=1,2.5,10k').values).toEqual([1, 2.5, 10000]);
    expect(() => cliAxis('gamma=0:1')).toThrow("--step 'gamma=0:1': expected --step name=start:stop:step or --step name=v1,v2,... (e.g. --step gamma=0:0.9:0.1)");
    expect(() => planSweep(ncm6('.step param beta list 1 2'))).toThrow('.step param beta: no top-level .param beta to sweep: define it, e.g. .param beta=0');
    expect(() => planSweep(ncm6(''), ['beta=1,2'])).toThrow(/--step beta: .* has no top-level \.param beta to sweep \(its parameters: rc, gamma, ctot, cs, ropen, copen\)/);
    expect(() => planSweep(ncm6('.step param gamma 0 1 -0.1'))).toThrow('.step param gamma: the step -0.1 does not lead from 0 to 1');
  });

  it('re-elaborates with each value: parameters feed expressions', () => {
    // cs = ctot/6 follows ctot: the CV capacitance scales with the swept total.
    const r = runSweepSerial(planSweep(ncm6('.step param ctot list 0.04u 0.08u')));
    const caps = r.outcomes.map((o) => (o.ok ? o.measures['cv.capacitance']! : NaN));
    // Below 2: the fixed R_c slows the larger ladder more. Measured 1.9035; 0.1 % margin.
    expectMeasured(caps[1]! / caps[0]!, 1.9035, 1e-3);
  });

  it('collects .ac measures against the parameter', () => {
    const path = ncm6('.ac dec 1 1 10\n.step param ctot list 0.04u 0.08u');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^Vm .*$/m, 'Vm m 0 DC 0 AC 1'));
    const r = runSweepSerial(planSweep(path));
    const c = r.outcomes.map((o) => (o.ok ? o.measures['ac.lowFrequencyCapacitance']! : NaN));
    // Six slits plus Copen (half a slit): 13/12 of ctot, at rest (no current through the RDYNs).
    expect(Math.abs(c[0]! / ((0.04e-6 * 13) / 12) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(c[1]! / ((0.08e-6 * 13) / 12) - 1)).toBeLessThan(1e-9);
  });

  it('keeps every successful run and records the failed one with values, message and location', () => {
    const path = ncm6('.step param gamma list 0.2 1.5 0.4');
    const r = runSweepSerial(planSweep(path));
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const f = r.outcomes[1]!;
    expect(f.ok).toBe(false);
    if (f.ok) return;
    expect(f.values).toEqual([1.5]);
    expect(f.message).toBe('dynamic resistor RDYN1: GAMMA must lie in [-1, 1), found 1.5');
    expect(f.loc?.file).toBe(path.startsWith(process.cwd()) ? path.slice(process.cwd().length + 1) : path);
    expect(f.loc?.line).toBe(readFileSync(path, 'utf8').split('\n').findIndex((l) => l.startsWith('RDYN1')) + 1);
    const json = JSON.parse(sweepJson(r)) as { failures: Array<{ params: Record<string, number>; error: string; location: { line: number } }> };
    expect(json.failures).toHaveLength(1);
    expect(json.failures[0]!.params).toEqual({ gamma: 1.5 });
    const csv = sweepCsv(r).split('\n');
    expect(csv[5]).toBe('1,1.5,failed' + ','.repeat(csv[3]!.split(',').length - 3));
    // the units line: gamma is RDYN's GAMMA (dimensionless), every CV measure has its unit
    expect(csv[2]).toMatch(/^# units: run \[1\], gamma \[1\], status \[\], cv\.anodicCharge \[C\], /);
    expect(csv[2]).toContain('cv.capacitance [F]');
    expect(csv[2]).toContain('cv.peakAnodicCurrent [A]');
    expect(csv[2]).not.toMatch(/cv\.\w+ \[\]/);
  });

  it('gives the same results on worker threads as in one thread, in point order', async () => {
    const plan = planSweep(ncm6('.step param gamma list 0 0.6 1.2 0.9'));
    const serial = runSweepSerial(plan);
    const parallel = await runSweep(plan, { threads: 2 });
    expect(parallel.threads).toBe(2);
    expect(parallel.outcomes.map(strip)).toEqual(serial.outcomes.map(strip));
    expect(parallel.outcomes.filter((o) => o.ok)).toHaveLength(3);
    // Each gamma gives its own CV.
    const asym = serial.outcomes.filter((o) => o.ok).map((o) => (o.ok ? o.measures['cv.capacitance']! : 0));
    expect(new Set(asym).size).toBe(3);
  }, 120_000); // worker threads boot tsx: tens of seconds on a loaded 2-core machine

  it('a worker thread that dies costs only the run it was doing', async () => {
    const plan = planSweep(ncm6('.step param gamma list 0.1 0.2 0.3'));
    const r = await runSweep(plan, { threads: 1, workerModule: new URL('./crashingWorker.ts', import.meta.url) });
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const f = r.outcomes[1]!;
    expect(f.ok ? '' : f.message).toBe('the worker thread running this point died: exit code 7');
    expect(f.values).toEqual([0.2]);
  }, 120_000); // worker threads boot tsx: tens of seconds on a loaded 2-core machine
});
