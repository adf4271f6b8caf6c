import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTIAL_FILE, sweepCsv, writeSweepOutputs } from '../../src/sweep/sweepOutputs.js';
import { planSweep } from '../../src/sweep/plan.js';
import type { SweepOutcome } from '../../src/sweep/runPoint.js';
import { runSweep, runSweepSerial } from '../../src/sweep/sweep.js';
import { ncm } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-interrupt-'));
function rc(step: string): string {
  const path = join(dir, `rc-${Math.random().toString(36).slice(2)}.cir`);
  writeFileSync(path, `* RC under a CV\n.param r=100 c=1u\nVm a 0 DC 0\nR1 a b {r}\nC1 b 0 {c}\n.cv Vm 0 0.2 rate=100V/s cycles=1\n${step}\n.end\n`);
  return path;
}
const strip = (o: SweepOutcome): SweepOutcome => (o.ok ? { ...o, seconds: 0 } : o);

describe('an interrupted sweep keeps what finished and resumes', () => {
  it('aborting after two points returns those two, marked partial; resuming runs only the rest and equals an uninterrupted sweep', async () => {
    const plan = planSweep(rc('.step param r list 10 20 50 100 200'));
    const stop = new AbortController();
    const part = await runSweep(plan, { threads: 1, isolate: true, signal: stop.signal, onProgress: (done) => done === 2 && stop.abort('SIGINT') });
    expect(part.interrupted).toBe('SIGINT');
    expect(part.outcomes.map((o) => o.index)).toEqual([0, 1]);
    expect(sweepCsv(part)).toContain('# PARTIAL: interrupted by SIGINT: 2 of 5 points finished\n');
    const out = join(dir, 'partial');
    const files = await writeSweepOutputs(part, out);
    expect(files).toContain(PARTIAL_FILE);
    const ran: number[] = [];
    const rest = await runSweep(plan, { threads: 1, isolate: true, done: part.outcomes, onProgress: (done) => ran.push(done) });
    expect(rest.interrupted).toBeUndefined();
    expect(ran).toEqual([3, 4, 5]); // counted over the whole plan, starting after the two kept points
    expect(rest.outcomes.every((o) => o.ok)).toBe(true);
    expect(rest.outcomes.map(strip)).toEqual(runSweepSerial(plan).outcomes.map(strip));
  }, 120_000); // worker threads boot tsx: seconds on a loaded 2-core machine

  // The limit counts the point, not its thread's start (the pool waits for a loaded thread), but a
  // cold point under tsx on a loaded 2-core machine takes seconds, so it is 10 s, not 1.
  it('a point that hangs is stopped at the per-point time limit and recorded; the others run', async () => {
    const plan = planSweep(rc('.step param r list 10 20 50'));
    const r = await runSweep(plan, { threads: 1, pointTimeout: 10, workerModule: new URL('./hangingWorker.ts', import.meta.url) });
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const f = r.outcomes[1]!;
    expect(f.ok ? '' : f.message).toBe('stopped after 10 s, the per-point time limit (--point-timeout)');
  }, 120_000);

  it('ncm run --resume reads the partial file of the same sweep, refuses another one, and removes it when the sweep completes', async () => {
    const file = rc('.step param r list 10 20 50');
    const plan = planSweep(file);
    const stop = new AbortController();
    const part = await runSweep(plan, { threads: 1, isolate: true, signal: stop.signal, onProgress: (done) => done === 1 && stop.abort('SIGTERM') });
    const out = join(dir, 'resume');
    await writeSweepOutputs(part, out);
    const other = await ncm('run', file, '--out', out, '--step', 'r=1,2', '--resume');
    expect(other.status).toBe(2);
    expect(other.stderr).toBe(`error: --resume: ${join(out, PARTIAL_FILE)} is of another sweep (other parameters or values); run without --resume, or with the same --step specs\n`);
    const r = await ncm('run', file, '--out', out, '--resume', '--threads', '1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(out, PARTIAL_FILE))).toBe(false);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toContain('# sweep of r: 3 runs, 0 failed\n');
    const none = await ncm('run', file, '--out', join(dir, 'fresh'), '--resume');
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`error: --resume: cannot read ${join(dir, 'fresh', PARTIAL_FILE)}: no such file (was the sweep interrupted with this --out?)\n`);
  }, 120_000);
});

describe('--resume and --point-timeout belong to sweeps on this machine', () => {
  it('with --queue they are usage errors that point at ncm sweep collect', async () => {
    const r = await ncm('run', rc('.step param r list 10 20'), '--queue', 'redis://127.0.0.1:1/0', '--resume');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --resume is for sweeps on this machine; a --queue sweep keeps its results on Redis: collect them with ncm sweep collect\n');
  });
});
