/**
 * Waveforms as CSV: `#` comment lines (title, analysis, units, current sign), then a header row of
 * SPICE-style names (`time`, `vapp(vm)`, `i(vm)`, `v(s3)`, `q(cslit3)`) and one row per time point.
 */
import type { Waveforms } from '../analyses/recorder.js';
import { toCsv } from './csv.js';

export const CURRENT_SIGN_NOTE =
  'currents i(V) are the current a source delivers into the circuit at its n+ terminal: positive while charging the cell with a positive voltage (the opposite of ngspice i(V))';

export function waveformsToCsv(w: Waveforms, meta: Record<string, string>): string {
  const comments = Object.entries(meta).map(([k, v]) => `${k}: ${v}`);
  comments.push(`units: ${w.labels.map((l, i) => `${l} [${w.units[i]}]`).join(', ')}`, `sign: ${CURRENT_SIGN_NOTE}`);
  return toCsv({ comments, header: w.labels, rows: waveformRows(w) });
}

/** One row per time point, in one reused array (the table can hold millions of cells). */
function* waveformRows(w: Waveforms): Generator<string[]> {
  const row: string[] = new Array<string>(w.columns.length);
  for (let k = 0; k < w.length; k++) {
    for (let c = 0; c < w.columns.length; c++) row[c] = formatNumber(w.columns[c]![k]!);
    yield row;
  }
}

/** Shortest round-trip representation (exact, so results can be compared bit for bit). */
export function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'nan';
}
