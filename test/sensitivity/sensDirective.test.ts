/** The `.sens` analysis: CV measures against central differences, the directive's errors, and `ncm run` output. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyses/run.js';
import { resultOfKind } from '../../src/analyses/result.js';
import { runWithSensitivities } from '../../src/analyses/sensitivity.js';
import { measureSensitivities } from '../../src/analyses/sensitivityMeasures.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';
import { runCircuitWithSensitivities } from '../../src/io/runSensitivities.js';
import { ncm } from '../helpers/cli.js';
import { THREE_SLIT_NCM, THREE_SLIT_PARAMS } from './fd.js';

const LADDER = ['* three-slit NCM', ...THREE_SLIT_NCM, '.cv Vm 0 0.2 rate=20mV/us cycles=2', '.options fixedstep=1e-7 reltol=1e-9'];
const P = THREE_SLIT_PARAMS;

describe('d(measure)/d(param) of a CV', () => {
  it('agrees with central differences of the CV summary measures (measured worst 2.2e-7; bound 1e-6)', () => {
    const build = circuitOfParams([...LADDER, '.end'].join('\n'), 'm.cir');
    const analysis = build(P).analyses[0]!;
    const s = runWithSensitivities({ build, params: P, analysis });
    const table = measureSensitivities(s, P);
    expect(table.length).toBe(18);
    const cache = new Map<string, Record<string, number>>();
    const measuresAt = (name: string, v: number): Record<string, number> => {
      const key = `${name}=${v}`;
      if (!cache.has(key)) cache.set(key, resultOfKind(runAnalysis(build({ ...P, [name]: v }), analysis), 'cv').summary.cycles.at(-1)! as unknown as Record<string, number>);
      return cache.get(key)!;
    };
    for (const m of table) {
      const p = P[m.param as keyof typeof P];
      const d = 1e-4 * p;
      const fd = (measuresAt(m.param, p + d)[m.measure]! - measuresAt(m.param, p - d)[m.measure]!) / (2 * d);
      expect(Math.abs(m.derivative - fd) / Math.abs(fd), `${m.measure} / ${m.param}`).toBeLessThan(1e-6);
    }
  });
});

describe('.sens directive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncm-sens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ncm run writes sens.csv and sens-cv.csv and prints the table', async () => {
    const file = join(dir, 'ok.cir');
    writeFileSync(file, [...LADDER, '.sens rc ctot', '.end'].join('\n'));
    const r = await ncm('run', file, '-o', join(dir, 'out'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cv capacitance / ctot:');
    const table = readFileSync(join(dir, 'out', 'sens.csv'), 'utf8').split('\n');
    expect(table[1]).toBe('analysis,measure,unit,value,param,param_value,derivative,normalized');
    // 6 measures x 2 parameters.
    expect(table.filter((l) => l.startsWith('cv,')).length).toBe(12);
    const wave = readFileSync(join(dir, 'out', 'sens-cv.csv'), 'utf8').split('\n');
    expect(wave[2]).toBe('time,d i(vm)/d rc,d i(vm)/d ctot,d vapp(vm)/d rc,d vapp(vm)/d ctot');
  });

  it('ncm check names an unknown, a repeated parameter and a wrong analysis at their positions; ncm run refuses to run', async () => {
    const file = join(dir, 'bad.cir');
    writeFileSync(file, [...LADDER, '.sens rc cdl', '.sens gamma gamma analysis=ac', '.sens rc analysis=op', '.end'].join('\n'));
    const r = await ncm('check', file);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(lines.map((l) => l.slice(l.indexOf('bad.cir')))).toEqual([
      'bad.cir:14:10: error: .sens: no top-level .param cdl to differentiate by (top-level parameters: rc, gamma, ctot, cs, q)',
      'bad.cir:15:13: error: .sens: gamma is named twice',
      'bad.cir:15:28: error: .sens analysis=ac: no such analysis in this netlist (analyses: cv)',
      'bad.cir:16:19: error: .sens analysis=op: no such analysis in this netlist (analyses: cv)',
    ]);
    const run = await ncm('run', file, '-o', join(dir, 'bad'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad.cir:15:28: error: .sens analysis=ac: no such analysis in this netlist (analyses: cv)');
    expect(run.stderr).toContain('4 errors in');
    writeFileSync(file, ['* op only', '.param r=1k', 'R1 a 0 {r}', 'V1 a 0 DC 1', '.op', '.sens r', '.sens r analysis=op', '.end'].join('\n'));
    const op = await ncm('check', file);
    expect(op.stderr.split('\n').filter((l) => l.includes(': error: ')).map((l) => l.slice(l.indexOf('bad.cir')))).toEqual([
      'bad.cir:6:1: error: .sens: the netlist has no analysis with waveforms to differentiate (.op has none)',
      'bad.cir:7:18: error: .sens analysis=op: .op has no waveform to differentiate; name a .tran, .cv, .chrono, .protocol or .ac',
    ]);
  });

  it('runs each analysis it names once: the sensitivity run is the analysis result, .meas included', () => {
    const text = [...LADDER, '.meas cv qpk max i(vm)', '.sens rc', '.end'].join('\n');
    const build = circuitOfParams(text, 'once.cir');
    const circuit = build({});
    expect(circuit.sens).toEqual([{ params: { rc: P.rc }, loc: { file: 'once.cir', line: 15, column: 1 } }]);
    const { run, sensitivity } = runCircuitWithSensitivities(circuit, build);
    expect(run.results.length).toBe(1);
    expect(sensitivity!.runs.length).toBe(1);
    expect(sensitivity!.runs[0]!.result.result).toBe(run.results[0]);
    const plain = runAnalysis(circuit, circuit.analyses[0]!);
    expect(plain.measures?.length).toBe(1);
    expect(run.results[0]!.measures).toEqual(plain.measures);
  });

  it('is checked by ncm check: a .sens without parameters', async () => {
    const file = join(dir, 'empty.cir');
    writeFileSync(file, [...LADDER, '.sens', '.end'].join('\n'));
    const r = await ncm('check', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`empty.cir:14:1: error: .sens: expected at least one .param name to differentiate by: write .sens <param> [<param> ...] [analysis=<name>]`);
  });
});
