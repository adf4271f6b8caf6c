/**
 * Reads a data file for the fit (Node side): an instrument export read directly, or the CSV that
 * `ncm import` wrote, with the JSON beside it supplying the technique and the header's numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../diagnostics.js';
import { importInstrumentFile, TECHNIQUES, type ImportOptions, type Technique } from '../io/instruments/index.js';
import { dataSetFromImport, type DataSet } from './dataSet.js';

interface ImportJson {
  technique?: unknown;
  scanRate?: unknown;
  potentialLimits?: unknown;
  setCurrents?: unknown;
}

const numbers = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined);

export function readDataSet(path: string, options: ImportOptions = {}): DataSet {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read data file '${path}': ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(e)}`);
  }
  const sidecar = path.replace(/\.csv$/i, '.json');
  let json: ImportJson | undefined;
  if (sidecar !== path && existsSync(sidecar)) {
    try {
      json = JSON.parse(readFileSync(sidecar, 'utf8')) as ImportJson;
    } catch (e) {
      throw new InputError(`cannot read '${sidecar}' (the header written by ncm import): ${e instanceof Error ? e.message : String(e)}`, { loc: { file: sidecar, line: 1, column: 1 } });
    }
  }
  const technique = typeof json?.technique === 'string' && TECHNIQUES.includes(json.technique as Technique) ? (json.technique as Technique) : undefined;
  const imp = importInstrumentFile(bytes, path, { ...(technique && !options.technique ? { technique } : {}), ...options });
  const d = dataSetFromImport(imp, path);
  if (json) {
    // The CSV of `ncm import` keeps only the columns: the header's numbers come from its JSON.
    if (typeof json.scanRate === 'number' && d.scanRate === undefined) d.scanRate = json.scanRate;
    const limits = numbers(json.potentialLimits);
    if (limits?.length && !d.potentialLimits) d.potentialLimits = limits;
    const currents = numbers(json.setCurrents);
    if (currents?.length && !d.setCurrents) d.setCurrents = currents;
  }
  return d;
}
