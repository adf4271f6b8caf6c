import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { fitNetlist, templateBuilder } from '../../src/fit/fit.js';
import { syntheticMeasurement, toBiologicMpt } from '../../src/fit/synthetic.js';
import type { DataSet } from '../../src/fit/dataSet.js';

const dir = mkdtempSync(join(tmpdir(), 'ncm-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TLM = `TLM, 4 layers
.param rc=2 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit ctotal 1n..10u log
.fit ropen 0.01..100
Vm m 0 DC 0 AC 1
.ladder E m 0 layers=4 model=tlm rc={rc} ctotal={ctotal} ropen={ropen}
.ac dec 4 10k 1g
.end
`;

describe('ncm fit', () => {
  it('fits an imported spectrum, writes the report, the fitted netlist and the data CSVs', async () => {
    const ast = parseNetlist(TLM, { file: 'tlm.cir' }).ast;
    const c = templateBuilder(ast)({ rc: 3, ctotal: 20e-9, ropen: 2 });
    writeFileSync(join(dir, 'tlm.cir'), TLM);
    writeFileSync(join(dir, 'eis.mpt'), toBiologicMpt(syntheticMeasurement(c, c.analyses[0]!, { relative: 0.005, seed: 3 })));
    const imp = await ncm('import', join(dir, 'eis.mpt'), '--out', join(dir, 'imported'));
    expect(imp.status).toBe(0);
    const r = await ncm('fit', join(dir, 'tlm.cir'), join(dir, 'imported', 'eis.csv'), '--out', join(dir, 'out'), '--starts', '2', '--seed', '4');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^fit converged\n/);
    expect(r.stdout).toMatch(/weight: modulus weighting: re and im residuals \/ \|Z\| measured at that frequency/);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'fit.json'), 'utf8')) as { values: Record<string, number>; cost: { seed: number } };
    expect(Math.abs(json.values.rc! / 3 - 1)).toBeLessThan(0.02);
    expect(json.cost.seed).toBe(4);
    const fitted = readFileSync(join(dir, 'out', 'tlm-fitted.cir'), 'utf8');
    expect(fitted).toMatch(new RegExp(`^\\.param rc=${json.values.rc} ctotal=${json.values.ctotal} ropen=${json.values.ropen}$`, 'm'));
    // The fitted netlist runs and reproduces the fitted values.
    expect(templateBuilder(parseNetlist(fitted, { file: 'f.cir' }).ast)({}).elements.find((e) => e.key === 'e.ropen')).toMatchObject({ resistance: json.values.ropen });
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/);
    // Per point: data, model and weighted residual; an impedance has re rows then im rows.
    const rows = readFileSync(join(dir, 'out', 'data1-fit.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows[0]).toBe('point,data,model,weighted_residual');
    const spectrum = readFileSync(join(dir, 'imported', 'eis.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows.length - 1).toBe(2 * (spectrum.length - 1));
    const residual = rows.slice(1).map((l) => Number(l.split(',')[3]));
    const rms = Math.sqrt(residual.reduce((a, r) => a + r * r, 0) / residual.length);
    // A fit that explains the data leaves the 0.5 % noise it was made with: measured 0.00482; 10 % margin.
    expect(Math.abs(rms / 0.005 - 1)).toBeLessThan(0.1);
  });

  it('rejects a bad --free name and a missing template with exit codes 2 and 1', async () => {
    const bad = await ncm('fit', join(dir, 'tlm.cir'), join(dir, 'imported', 'eis.csv'), '--free', 'rq', '--out', join(dir, 'o2'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--free rq: the template has no top-level .param 'rq'; its parameters: rc, ctotal, ropen");
    const missing = await ncm('fit', join(dir, 'nope.cir'), join(dir, 'imported', 'eis.csv'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`cannot read template '${join(dir, 'nope.cir')}': no such file`);
  });

  it('stops on request with the best values so far (what Ctrl-C does)', async () => {
    const ast = parseNetlist(TLM, { file: 'tlm.cir' }).ast;
    const c = templateBuilder(ast)({ rc: 3, ctotal: 20e-9, ropen: 2 });
    const s = syntheticMeasurement(c, c.analyses[0]!, { relative: 0.005, seed: 3 });
    if (s.kind !== 'eis') throw new Error('expected a spectrum');
    const data: DataSet = { kind: 'eis', name: 'eis', technique: 'eis', frequency: s.frequency, re: s.re, im: s.im };
    let calls = 0;
    const out = await fitNetlist(ast, [data], { starts: 0, lmRuns: 1, onProgress: () => calls++, shouldStop: () => calls >= 2 });
    expect(out.stopped).toBe(true);
    expect(out.runs[0]!.reason).toBe('stopped');
    expect(out.runs[0]!.iterations).toBe(2);
    expect(out.runs[0]!.sse).toBeLessThan(out.runs[0]!.startSse);
  });
});
