/** Shared by the fit tests: the N-layer NCM templates and seeded synthetic measurements in vendor layouts. */
import { parseNetlist } from '../../src/netlist/parse.js';
import { templateBuilder } from '../../src/fit/fit.js';
import { syntheticMeasurement, toBiologicMpt, toGamryDta } from '../../src/fit/synthetic.js';
import { importInstrumentFile } from '../../src/io/instruments/index.js';
import { dataSetFromImport, type DataSet } from '../../src/fit/dataSet.js';
import type { NetlistAst } from '../../src/netlist/ast.js';
import { RECOVERY_TRUTH, recoveryTemplate } from '../../bench/recovery.js';

/** The N-layer NCM template and its truth are the recovery bench's (bench/recovery.ts): one definition for both. */
export const ncmTemplate = recoveryTemplate;
export const NCM6 = ncmTemplate(6);

export const TRUTH = RECOVERY_TRUTH;

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
