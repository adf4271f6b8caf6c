/** Shared by the fit tests: the N-layer NCM templates and seeded synthetic measurements in vendor layouts. */
import { parseNetlist } from '../../src/netlist/parse.js';
import { templateBuilder } from '../../src/fit/fit.js';
import { syntheticMeasurement, toBiologicMpt, toGamryDta } from '../../src/fit/synthetic.js';
import { importInstrumentFile } from '../../src/io/instruments/index.js';
import { dataSetFromImport, type DataSet } from '../../src/fit/dataSet.js';
import type { NetlistAst } from '../../src/netlist/ast.js';

/** Template values differ from the truth; the fit starts from the data, not from them. */
/** qmax scales as 1/N (3 nC at N = 6), so q/qmax is the same for every N (as in bench/recovery.ts). */
export const ncmTemplate = (layers: number): string => `NCM, ${layers} layers: the template of the fit tests
.param rc=2 gamma=0 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit gamma -0.95..0.95
.fit ctotal 1n..10u log
.fit ropen 0.01..100 log
Vm m 0 DC 0 AC 1
.ladder E m 0 layers=${layers} model=ncm rc={rc} gamma={gamma} ctotal={ctotal} ropen={ropen} qmax=${(18 / layers).toFixed(4)}n
.cv Vm 0 0.2 rate=20mV/us cycles=1
.ac dec 5 10k 100meg
.options reltol=1e-4
.end
`;
export const NCM6 = ncmTemplate(6);

export const TRUTH = { rc: 5, gamma: 0.5, ctotal: 80e-9, ropen: 1 };

export function ncm6(): NetlistAst {
  return parseNetlist(NCM6, { file: 'ncm6.cir' }).ast;
}

export function ncm(layers: number): NetlistAst {
  return parseNetlist(ncmTemplate(layers), { file: `ncm${layers}.cir` }).ast;
}

/** A CV of the template's .cv (at `rate` V/s when given) at the given values, 1 % noise, through an EC-Lab .mpt file. */
export function cvData(ast: NetlistAst, values: Record<string, number>, seed: number, points: number, rate?: number): DataSet {
  const c = templateBuilder(ast)(values);
  const a = c.analyses.find((x) => x.kind === 'cv')!;
  const text = toBiologicMpt(syntheticMeasurement(c, rate !== undefined && a.kind === 'cv' ? { ...a, rate } : a, { relative: 0.01, seed, points }));
  return dataSetFromImport(importInstrumentFile(text, 'cv.mpt'), 'cv.mpt');
}

/** The template's .ac spectrum at the given values, 1 % noise, through a Gamry .DTA file. */
export function eisData(ast: NetlistAst, values: Record<string, number>, seed: number): DataSet {
  const c = templateBuilder(ast)(values);
  const text = toGamryDta(syntheticMeasurement(c, c.analyses.find((a) => a.kind === 'ac')!, { relative: 0.01, seed }));
  return dataSetFromImport(importInstrumentFile(text, 'eis.DTA'), 'eis.DTA');
}
