/**
 * A plain numeric CSV table (`#` comment lines, one header line, numbers), read by column name for
 * `ncm discover`. Columns are found by their header text, with or without the unit in brackets (`I_2`
 * finds `I_2[A]`); case is ignored only when no column matches exactly. Bad cells are reported with line and column.
 */
import { readFileSync } from 'node:fs';
import { NcmError, type Diagnostic } from '../diagnostics.js';
import { splitCsvLine } from './csv.js';

export interface NumericTable {
  file: string;
  names: string[];
  /** 1-based line of the header, for messages. */
  headerLine: number;
  columns: Map<string, Float64Array>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parseNumericCsv(text: string, file: string): NumericTable {
  const lines = text.split(/\r?\n/);
  let li = 0;
  while (li < lines.length && (lines[li]!.trim() === '' || lines[li]!.startsWith('#'))) li++;
  if (li >= lines.length) throw new NcmError('expected a header line with column names', { loc: { file, line: Math.max(1, lines.length), column: 1 } });
  const header = splitCsvLine(lines[li]!).map((c) => c.text.trim());
  const headerLine = li + 1;
  const diags: Diagnostic[] = [];
  const add = (line: number, column: number, message: string): void => {
    if (diags.length < 20) diags.push({ severity: 'error', message, loc: { file, line, column } });
  };
  const data: number[][] = header.map(() => []);
  for (let r = li + 1; r < lines.length; r++) {
    const line = lines[r]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      add(r + 1, line.length + 1, `expected ${header.length} cells as in the header (line ${headerLine}), found ${cells.length}`);
      continue;
    }
    cells.forEach((c, k) => {
      const t = c.text.trim();
      if (t === '') add(r + 1, c.column, `empty cell in column '${header[k]}'`);
      else if (!NUMBER.test(t)) add(r + 1, c.column, `expected a finite number in column '${header[k]}', found '${t}'`);
      else data[k]!.push(Number(t));
    });
  }
  if (diags.length === 0 && data[0]!.length === 0) add(headerLine + 1, 1, 'expected at least one data row after the header');
  if (diags.length > 0) throw new NcmError(`${file}: ${diags.length} problem${diags.length > 1 ? 's' : ''} in the table; nothing was read`, { diagnostics: diags });
  const columns = new Map<string, Float64Array>();
  header.forEach((h, k) => columns.set(h, Float64Array.from(data[k]!)));
  return { file, names: header, headerLine, columns };
}

export function readNumericCsv(path: string): NumericTable {
  return parseNumericCsv(readFileSync(path, 'utf8'), path);
}

/** Finds a column by name (case-insensitive, unit optional) or throws an error listing what exists. */
export function tableColumn(t: NumericTable, name: string): Float64Array {
  // Exact spelling wins (q_2 and Q_2 may both exist), then without the unit, then ignoring case.
  const want = name.trim();
  const strip = (s: string): string => s.replace(/\[[^\]]*\]\s*$/, '').trim();
  const hit =
    t.names.find((h) => h === want) ??
    t.names.find((h) => strip(h) === strip(want)) ??
    t.names.find((h) => h.toLowerCase() === want.toLowerCase()) ??
    t.names.find((h) => strip(h).toLowerCase() === strip(want).toLowerCase());
  if (hit === undefined) {
    throw new NcmError(`no column '${name}' in the table (columns: ${t.names.join(', ')})`, { loc: { file: t.file, line: t.headerLine, column: 1 } });
  }
  return t.columns.get(hit)!;
}
