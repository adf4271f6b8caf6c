import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { pwlValue } from '../../src/circuit/waveform.js';
import { resolvedQmax } from '../../src/cli/exportData.js';
import { exportNgspice } from '../../src/io/ngspiceExport.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import { circuitOf, column, opValues } from './helpers.js';

const original = loadNetlist('netlists/ncm-6.cir').circuit!;
const cv = runCircuit(original).results[0]!;
const qmax = resolvedQmax(original)!;
const tCv = column(cv, 'time');
const iCv = column(cv, 'i(vm)');
const peak = iCv.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Largest |i(t) - i_cv(t)| over the CV's points, with i interpolated linearly from (t, i). */
function worstDifference(t: ArrayLike<number>, i: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < tCv.length; k++) worst = Math.max(worst, Math.abs(pwlValue(t, i, tCv[k]!) - iCv[k]!));
  return worst;
}

describe('ncm export --format ngspice', () => {
  it('a CV whose end differs from its start ends where the engine ends (every cycle returns to v_start)', () => {
    // 0 -> 0.2 -> 0.1 -> 0 V at 1 V/s: 0.4 s per cycle, 0.8 s for two.
    const c = circuitOf('t\nVm m 0 0\nR1 m a 10\nC1 a 0 1m\n.cv Vm 0 0.2 0.1 rate=1V/s cycles=2\n');
    const { text } = exportNgspice(c);
    expect(text).toMatch(/^vm m 0 PWL\(0 0 0\.2 0\.2 0\.3 0\.1 0\.4 0 0\.6 0\.2 0\.7 0\.1 0\.8 0\)$/m);
    expect(text).toMatch(/^\.tran 0\.0004 0\.8 0 0\.0004$/m);
    expect(column(runCircuit(c).results[0]!, 'time').at(-1)).toBe(0.8);
  });

  it('writes RDYN as B sources with the QMAX the CV converged to, and the CV as a PWL triangle + .tran', () => {
    const { text, warnings } = exportNgspice(original, { qmax });
    expect(warnings).toEqual([]);
    expect(text).toMatch(/^vm m 0 PWL\(0 0 0\.00001 0\.2 0\.00002 0 0\.00003 0\.2 0\.00004 0\)$/m);
    expect(text).toMatch(/^B_rdyn1 s0 s1 I=V\(s0,s1\)\/\(5\*max\(1-[0-9.e-]+\*abs\(V\(m,s0\)\),0\.01\)\)$/m);
    expect(text).toMatch(/^\.tran 2e-8 0\.00004 0 2e-8$/m);
    const k = Number(/B_rdyn2 .*max\(1-([0-9.e-]+)\*/.exec(text)![1]);
    expect(k).toBeCloseTo((0.5 * (0.08e-6 / 6)) / qmax['RDYN2']!, 10);
  });

  it('re-read by nanocircuit (B-source RDYN), the exported netlist reproduces the CV current', () => {
    const { text } = exportNgspice(original, { qmax, braces: true });
    const r = runCircuit(circuitOf(text, 'exported.cir')).results[0]!;
    expect(worstDifference(column(r, 'time'), column(r, 'i(vm)')) / peak).toBeLessThan(2e-3);
  });

  const ngspice = spawnSync('ngspice', ['-v'], { encoding: 'utf8' });
  const haveNgspice = ngspice.status === 0;
  if (!haveNgspice) console.log('ngspice comparison skipped: ngspice is not installed (apt-get install -y ngspice)');
  it.skipIf(!haveNgspice)('ngspice runs the exported netlist to the same CV current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-export-'));
    try {
      const data = join(dir, 'out.txt');
      const { text } = exportNgspice(original, { qmax, wrdata: { file: data, vectors: ['i(vm)'] } });
      const file = join(dir, 'ncm6.sp');
      writeFileSync(file, text);
      const run = spawnSync('ngspice', ['-b', file], { encoding: 'utf8', timeout: 60000 });
      expect(run.status).toBe(0);
      const rows = readFileSync(data, 'utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
      // ngspice's i(vm) is the SPICE branch current (n+ through the source to n-): minus ours.
      const t = rows.map((r) => r[0]!);
      const i = rows.map((r) => -r[1]!);
      expect(worstDifference(t, i) / peak).toBeLessThan(1e-2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('E, G, B and S round-trip through the export', () => {
    const text = 't\nV1 in 0 0.3\nR0 in 0 1k\nE1 a 0 in 0 2\nRa a 0 1k\nG1 0 b in 0 1m\nRb b 0 1k\nB1 c 0 V={tanh(V(a))*I(V1)*1k + V(in,b)}\nRc c 0 1k\nS1 c d in 0 VT=0.1 VH=0.05 RON=10 ROFF=1meg\nRd d 0 10\n.op\n';
    const want = opValues(text);
    const exported = exportNgspice(circuitOf(text), { braces: true }).text;
    const got = opValues(exported);
    for (const k of ['v(a)', 'v(b)', 'v(c)', 'v(d)']) expect(got[k]).toBeCloseTo(want[k]!, 12);
  });
});
