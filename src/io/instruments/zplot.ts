/**
 * Scribner ZPlot / ZView `.z`: `ZPLOT2 ASCII`, `Key: value` header lines (`Date:`, `Time:`,
 * `Experiment Type:`, `Potential-DC:`), `End Comments:`, then comma-separated rows with no heading:
 * the ZPlot2 layout fixes the columns as Freq(Hz), Ampl, Bias, Time(Sec), Z'(a), Z''(b), GD, Err,
 * Range (Z'' signed, negative for a capacitive electrode). A heading row, when a file has one, is
 * used instead of the fixed layout.
 */
import { InputError } from '../../diagnostics.js';
import { readHeadedBlock, type TextLines } from './table.js';
import type { VendorRead } from './vendor.js';

// ZPlot's own names are Z'(a) and Z''(b); `(a)` would read as a unit, so the headings drop it.
const LAYOUT = ['Freq(Hz)', 'Ampl', 'Bias', 'Time(Sec)', "Z'", "Z''", 'GD', 'Err', 'Range'];

export function isZplot(lines: string[]): boolean {
  return /^ZPLOT2? ASCII/i.test(lines[0]?.trim() ?? '');
}

export function readZplot(src: TextLines): VendorRead {
  const end = src.lines.findIndex((l) => /^End Comments:/i.test(l.trim()));
  if (end < 0) throw new InputError("ZPlot file without 'End Comments:' before its data", { loc: { file: src.file, line: src.lines.length, column: 1 } });
  const header: Record<string, string> = {};
  for (let k = 1; k < end; k++) {
    const kv = /^\s*([^:]+?):\s*(.*)$/.exec(src.lines[k]!);
    if (kv) header[kv[1]!] = kv[2]!.trim();
  }
  let first = end + 1;
  while (first < src.lines.length && src.lines[first]!.trim() === '') first++;
  const hasHeading = /[A-Za-z]/.test((src.lines[first] ?? '').replace(/[eE][-+]?\d/g, ''));
  // ZPlot writes commas; files saved by other programs in the same layout use tabs.
  const delimiter = (src.lines[hasHeading ? first + 1 : first] ?? '').includes('\t') ? '\t' : ',';
  let table;
  if (hasHeading) table = readHeadedBlock(src, first, { delimiter });
  else {
    const n = (src.lines[first] ?? '').split(delimiter).length;
    if (n < 6) throw new InputError(`ZPlot data row with ${n} cells; the ZPlot2 layout has at least 6 (Freq, Ampl, Bias, Time, Z', Z'')`, { loc: { file: src.file, line: first + 1, column: 1 } });
    const lines = src.lines.slice();
    lines.splice(first, 0, LAYOUT.slice(0, n).concat(Array.from({ length: Math.max(0, n - LAYOUT.length) }, (_, k) => `extra${k + 1}`)).join(delimiter));
    table = readHeadedBlock({ file: src.file, lines }, first, { delimiter });
    // Rows moved down one line by the inserted heading: point them back at the file's lines.
    table.rowLines = table.rowLines.map((l) => l - 1);
  }
  const meta: VendorRead['meta'] = { instrument: 'Scribner ZPlot' };
  if (header.Date) meta.date = `${header.Date}${header.Time ? ` ${header.Time}` : ''}`;
  return {
    tables: [{ table }],
    technique: 'eis',
    ...(header['Experiment Type'] ? { techniqueLabel: header['Experiment Type'] } : {}),
    currentFactor: 1,
    signNote: "ZPlot writes Z'' signed (kept)",
    meta,
    header,
  };
}
