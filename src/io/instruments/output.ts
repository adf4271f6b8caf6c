/**
 * An imported file as the project's outputs: `<stem>.csv` in the conventions of `ncm run` (`#`
 * lines with source, units and sign, then SPICE-style headings) and `<stem>.json` with what the
 * header said. Spectra use exactly the `.ac` columns; time series `time,v,i[,cycle]`.
 */
import { impedanceColumns } from '../../analyses/ac.js';
import { writeFilesAtomic } from '../atomicWrite.js';
import { toCsv } from '../csv.js';
import { formatNumber } from '../waveformCsv.js';
import type { ImportedFile } from './types.js';

export const IMPORT_CURRENT_SIGN =
  'i is the current into the working electrode, positive while charging it positively (anodic, IUPAC): the project\'s "positive while charging" convention';
export const IMPORT_IMPEDANCE_SIGN = 'Z = re(z) + j im(z), capacitive im(z) < 0; phase(z) = atan2(im, re) in degrees';

export function importedToCsv(imp: ImportedFile, source: string): string {
  const c = imp.columns;
  let labels: string[];
  let units: string[];
  let cols: Float64Array[];
  let sign: string;
  if (c.kind === 'eis') {
    ({ labels, units, columns: cols } = impedanceColumns(c.frequency, c.re, c.im));
    sign = IMPORT_IMPEDANCE_SIGN;
  } else {
    labels = ['time', 'v', 'i'];
    units = ['s', 'V', 'A'];
    cols = [c.time, c.v, c.i];
    if (c.cycle) {
      labels.push('cycle');
      units.push('1');
      cols.push(c.cycle);
    }
    sign = IMPORT_CURRENT_SIGN;
  }
  const m = imp.metadata;
  const n = cols[0]!.length;
  function* rows(): Generator<string[]> {
    for (let r = 0; r < n; r++) yield cols.map((col) => formatNumber(col[r]!));
  }
  return toCsv({
    comments: [
      `title: imported from ${source}`,
      `source: ${m.formatName}${m.instrument ? `, ${m.instrument}` : ''}`,
      `analysis: ${imp.technique}${m.techniqueLabel ? ` (${m.techniqueLabel})` : ''}`,
      `units: ${labels.map((l, k) => `${l} [${units[k]}]`).join(', ')}`,
      `sign: ${sign}`,
    ],
    header: labels,
    rows: rows(),
  });
}

export function importedToJson(imp: ImportedFile, source: string): string {
  const sign = imp.columns.kind === 'eis' ? IMPORT_IMPEDANCE_SIGN : IMPORT_CURRENT_SIGN;
  const body = { source, technique: imp.technique, signConvention: sign, ...imp.metadata, warnings: imp.warnings };
  return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** Writes `<stem>.csv` and `<stem>.json` into `dir`, both or neither; returns their names. */
export function writeImported(imp: ImportedFile, source: string, dir: string, stem: string): string[] {
  const files = new Map<string, string>([
    [`${stem}.csv`, importedToCsv(imp, source)],
    [`${stem}.json`, importedToJson(imp, source)],
  ]);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
