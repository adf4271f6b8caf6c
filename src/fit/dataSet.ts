/**
 * A measurement to fit: a time series (CV, GCD, chrono) or an impedance spectrum, in SI with the
 * project's signs, plus what its header said that the matching needs (scan rate, limits, currents).
 * Made from an imported instrument file (`importInstrumentFile`) with no file access here.
 */
import type { ImportedFile, Technique } from '../io/instruments/types.js';

interface DataSetBase {
  /** The file it came from (for messages and the report). */
  name: string;
  technique: Technique;
  /** CV scan rate from the header, V/s. */
  scanRate?: number;
  /** Potential limits from the header (vertices, cut-offs), V. */
  potentialLimits?: number[];
  /** Galvanostatic set currents from the header, A. */
  setCurrents?: number[];
}

export interface TimeDataSet extends DataSetBase {
  kind: 'time';
  time: Float64Array;
  v: Float64Array;
  i: Float64Array;
  cycle?: Float64Array;
}

export interface SpectrumDataSet extends DataSetBase {
  kind: 'eis';
  frequency: Float64Array;
  re: Float64Array;
  im: Float64Array;
}

export type DataSet = TimeDataSet | SpectrumDataSet;

export function dataSetFromImport(imp: ImportedFile, name: string): DataSet {
  const m = imp.metadata;
  const base: DataSetBase = {
    name,
    technique: imp.technique,
    ...(m.scanRate !== undefined ? { scanRate: m.scanRate } : {}),
    ...(m.potentialLimits?.length ? { potentialLimits: m.potentialLimits } : {}),
    ...(m.setCurrents?.length ? { setCurrents: m.setCurrents } : {}),
  };
  const c = imp.columns;
  if (c.kind === 'eis') return { ...base, kind: 'eis', frequency: c.frequency, re: c.re, im: c.im };
  return { ...base, kind: 'time', time: c.time, v: c.v, i: c.i, ...(c.cycle ? { cycle: c.cycle } : {}) };
}

export function dataPoints(d: DataSet): number {
  return d.kind === 'eis' ? d.frequency.length : d.time.length;
}
