/**
 * The headed numeric block every vendor writes in some form: a heading row, maybe a units row, then
 * delimited rows. Cells are kept as text and parsed only for the columns used, so a vendor's text
 * columns (current range `1 mA`, Gamry's overload flags) never fail a file. Every bad cell or short
 * row is an InputError at file:line:column; a table is never silently shortened.
 */
import { InputError } from '../../diagnostics.js';

/** Text split into lines; line k (1-based) is `lines[k - 1]`. */
export interface TextLines {
  file: string;
  lines: string[];
}

export function toLines(text: string, file: string): TextLines {
  return { file, lines: text.split(/\r\n|\r|\n/) };
}

export type Delimiter = '\t' | ';' | ',';

export interface HeadedTable {
  file: string;
  headings: string[];
  /** 1-based line of the heading row. */
  headingLine: number;
  /** Units row under the heading (Gamry), when there is one. */
  units?: string[];
  delimiter: Delimiter;
  decimalComma: boolean;
  /** Raw cells of each data row and the row's 1-based line. */
  rows: string[][];
  rowLines: number[];
}

export interface BlockOptions {
  delimiter?: Delimiter;
  /** Index (0-based) of the first data line; default the line after the heading (and units row). */
  firstData?: number;
  /** 0-based index of a units row, if the layout has one. */
  unitsLine?: number;
  /**
   * True for a line that ends the block (Gamry: a line not led by a tab; VersaStudio: `</Segment`).
   * Otherwise the block runs to the end of the file: blank lines are skipped, never taken as the
   * end, so rows after a stray blank line are not silently dropped.
   */
  endsAt?: (line: string) => boolean;
  /** Rows start with a delimiter (Gamry): drop the first, empty cell. */
  leadingDelimiter?: boolean;
  /** Read at most this many rows (a declared point count). */
  maxRows?: number;
}

export function guessDelimiter(heading: string): Delimiter {
  if (heading.includes('\t')) return '\t';
  if (heading.includes(';')) return ';';
  return ',';
}

function split(line: string, d: Delimiter, leading: boolean): string[] {
  const cells = line.split(d);
  if (leading && cells.length > 0 && cells[0]!.trim() === '') cells.shift();
  return cells.map((c) => c.trim());
}

/** Reads the block whose heading row is line index `heading` (0-based). */
export function readHeadedBlock(src: TextLines, heading: number, opts: BlockOptions = {}): HeadedTable {
  const headLine = src.lines[heading] ?? '';
  const delimiter = opts.delimiter ?? guessDelimiter(headLine);
  const leading = opts.leadingDelimiter ?? false;
  const headings = split(headLine, delimiter, leading);
  while (headings.length > 0 && headings[headings.length - 1] === '') headings.pop();
  if (headings.length === 0) throw new InputError('expected a row of column headings', { loc: { file: src.file, line: heading + 1, column: 1 } });
  const units = opts.unitsLine !== undefined ? split(src.lines[opts.unitsLine] ?? '', delimiter, leading) : undefined;
  const first = opts.firstData ?? (opts.unitsLine !== undefined ? opts.unitsLine + 1 : heading + 1);
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (let k = first; k < src.lines.length; k++) {
    if (opts.maxRows !== undefined && rows.length >= opts.maxRows) break;
    const line = src.lines[k]!;
    if (line.trim() === '') continue;
    if (opts.endsAt?.(line)) break;
    const cells = split(line, delimiter, leading);
    while (cells.length > headings.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length !== headings.length) {
      throw new InputError(`expected ${headings.length} cells as in the heading row (line ${heading + 1}), found ${cells.length}`, {
        loc: { file: src.file, line: k + 1, column: line.length + 1 },
      });
    }
    rows.push(cells);
    rowLines.push(k + 1);
  }
  // A comma inside a number is a decimal comma only when the comma is not the delimiter.
  const decimalComma = delimiter !== ',' && rows.some((r) => r.some((c) => /^[-+]?\d*,\d+([eE][-+]?\d+)?$/.test(c)));
  return { file: src.file, headings, headingLine: heading + 1, ...(units ? { units } : {}), delimiter, decimalComma, rows, rowLines };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** 1-based column of cell `c` in the row's source line. */
function cellColumn(src: TextLines, t: HeadedTable, r: number, c: number, leading: boolean): number {
  const line = src.lines[t.rowLines[r]! - 1] ?? '';
  let col = 1;
  let cell = leading && line.startsWith(t.delimiter) ? -1 : 0;
  for (let k = 0; k < line.length && cell < c; k++) {
    if (line[k] === t.delimiter) {
      cell++;
      col = k + 2;
    }
  }
  return col;
}

/** Column `c` as numbers times `factor`; a cell that is not a finite number is an error at its place. */
export function numericColumn(src: TextLines, t: HeadedTable, c: number, factor = 1, leading = false): Float64Array {
  const out = new Float64Array(t.rows.length);
  for (let r = 0; r < t.rows.length; r++) {
    let s = t.rows[r]![c] ?? '';
    if (t.decimalComma) s = s.replace(',', '.');
    if (!NUMBER.test(s)) {
      throw new InputError(`expected a number in column '${t.headings[c]}', found '${s}'`, {
        loc: { file: src.file, line: t.rowLines[r]!, column: cellColumn(src, t, r, c, leading) },
      });
    }
    out[r] = Number(s) * factor;
  }
  return out;
}

/** A number written in a header (`1,5E+002` or `0.1`); undefined when it is not one. */
export function headerNumber(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim().replace(/^(-?\d*),(\d)/, '$1.$2');
  return NUMBER.test(t) ? Number(t) : undefined;
}
