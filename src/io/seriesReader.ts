/**
 * Readers of the per-slit series format (docs/series-format.md): CSV and JSON with the same content.
 * Every problem is reported with file, line and column and what was expected there; nothing is guessed
 * (no default units, no skipped rows, no interpolation).
 */
import { readFileSync } from 'node:fs';
import { NcmError, type Diagnostic } from '../diagnostics.js';
import type { SlitSeries } from '../series/slitSeries.js';
import { seriesColumns } from './series.js';
import { assembleSeries, columnKey, parseColumnName } from './seriesColumns.js';
import { splitCsvLine } from './csv.js';

/** Stop collecting after this many problems: the first ones are what the user needs. */
const MAX_DIAGNOSTICS = 20;

class Problems {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: string) {}
  add(line: number, column: number, message: string): void {
    if (this.list.length < MAX_DIAGNOSTICS) this.list.push({ severity: 'error', message, loc: { file: this.file, line, column } });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const n = this.list.length;
    throw new NcmError(`${this.file}: ${n}${n === MAX_DIAGNOSTICS ? '+' : ''} problem${n > 1 ? 's' : ''} in the series; nothing was read`, {
      diagnostics: this.list,
    });
  }
}

function parseMetaValue(v: string): string | number {
  const t = v.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t;
}

/** A cell as a finite number, or the reason it is not one. */
function parseCell(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'empty cell';
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
    if (/^[-+]?(nan|inf(inity)?)$/i.test(t)) return `'${t}' is not a finite number`;
    return `expected a number, found '${t}'`;
  }
  return Number(t);
}

/** Reads the CSV form. `file` names the source in messages. */
export function parseSeriesCsv(text: string, file: string): SlitSeries {
  const p = new Problems(file);
  const lines = text.split(/\r?\n/);
  const meta: Record<string, string | number> = {};
  let li = 0;
  for (; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '') continue;
    if (!line.startsWith('#')) break;
    const m = /^#\s*([^:]+?)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      p.add(li + 1, 1, `expected metadata as '# key: value', found '${line}'`);
      continue;
    }
    if (m[1] === 'nanocircuit-series') {
      if (m[2]!.trim() !== '1') p.add(li + 1, line.indexOf(m[2]!) + 1, `unsupported series format version '${m[2]}'; this reader knows version 1`);
      continue;
    }
    meta[m[1]!] = parseMetaValue(m[2]!);
  }
  if (li >= lines.length) {
    p.add(Math.max(1, lines.length), 1, 'expected a header line with column names (time[s], phi_m[V], phi_1[V], ...)');
    p.throwIfAny();
  }
  const headerLine = li + 1;
  const headerCells = splitCsvLine(lines[li]!);
  const keys: string[] = [];
  const seen = new Map<string, number>();
  for (const c of headerCells) {
    const parsed = parseColumnName(c.text);
    if ('error' in parsed) {
      p.add(headerLine, c.column, parsed.error);
      keys.push('');
      continue;
    }
    const key = columnKey(parsed);
    const prev = seen.get(key);
    if (prev !== undefined) p.add(headerLine, c.column, `duplicate column '${c.text.trim()}' (also at column ${prev})`);
    seen.set(key, c.column);
    keys.push(key);
  }
  p.throwIfAny();

  const rows: string[][] = [];
  const rowLines: number[] = [];
  const rowCols: number[][] = [];
  for (let r = li + 1; r < lines.length; r++) {
    const line = lines[r]!;
    if (line.trim() === '' && r === lines.length - 1) continue; // the final newline
    const cells = splitCsvLine(line);
    if (cells.length !== headerCells.length) {
      p.add(r + 1, line.length + 1, `expected ${headerCells.length} cells as in the header (line ${headerLine}), found ${cells.length}`);
      continue;
    }
    rows.push(cells.map((c) => c.text));
    rowCols.push(cells.map((c) => c.column));
    rowLines.push(r + 1);
  }
  if (rows.length === 0 && p.list.length === 0) p.add(headerLine + 1, 1, 'expected at least one data row after the header');
  p.throwIfAny();

  const data = keys.map(() => new Float64Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < keys.length; c++) {
      const v = parseCell(rows[r]![c]!);
      if (typeof v === 'string') p.add(rowLines[r]!, rowCols[r]![c]!, `${v} in column '${headerCells[c]!.text.trim()}'`);
      else data[c]![r] = v;
    }
  }
  p.throwIfAny();

  const cols = new Map<string, Float64Array>();
  keys.forEach((k, c) => cols.set(k, data[c]!));
  const assembled = assembleSeries(meta, cols);
  if (assembled.series === undefined) {
    for (const m of assembled.missing) p.add(headerLine, 1, `missing column '${m}'`);
    p.throwIfAny();
    throw new Error('unreachable');
  }
  const tc = keys.indexOf('time#0');
  checkTime(assembled.series.time, (r, msg) => p.add(rowLines[r]!, rowCols[r]![tc]!, msg));
  p.throwIfAny();
  return assembled.series;
}

function checkTime(time: Float64Array, report: (row: number, msg: string) => void): void {
  for (let r = 1; r < time.length; r++) {
    if (!(time[r]! > time[r - 1]!)) report(r, `time must increase strictly: ${time[r]} s follows ${time[r - 1]} s`);
  }
}

/** Splits a CSV line on commas, keeping the 1-based column where each cell starts. */
/**
 * The JSON form: `{"format": "nanocircuit-series", "version": 1, "meta": {...}, "columns": {"time[s]":
 * [...], "phi_m[V]": [...], ...}}` with the same column names as the CSV header.
 */
export interface SeriesJson {
  format: 'nanocircuit-series';
  version: 1;
  meta: Record<string, string | number>;
  columns: Record<string, number[]>;
}

export function seriesToJson(s: SlitSeries): string {
  const doc: SeriesJson = { format: 'nanocircuit-series', version: 1, meta: { ...s.meta }, columns: {} };
  for (const c of seriesColumns(s)) doc.columns[c.name] = Array.from(c.data);
  // One column per line keeps the file diffable and error positions meaningful.
  const colLines = Object.entries(doc.columns).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n  "format": "nanocircuit-series",\n  "version": 1,\n  "meta": ${JSON.stringify(doc.meta)},\n  "columns": {\n${colLines.join(',\n')}\n  }\n}\n`;
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Where the JSON key `"name"` is written, for messages about that column. */
function keyPosition(text: string, name: string, after = 0): { line: number; column: number } {
  const needle = JSON.stringify(name);
  const at = text.indexOf(needle, after);
  return lineColumn(text, at < 0 ? 0 : at);
}

/** Reads the JSON form. Element problems name the column's key position and the element index. */
export function parseSeriesJson(text: string, file: string): SlitSeries {
  const p = new Problems(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const lc = pos ? lineColumn(text, Number(pos[1])) : { line: 1, column: 1 };
    p.add(lc.line, lc.column, `invalid JSON: ${msg}`);
    p.throwIfAny();
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(doc)) {
    p.add(1, 1, 'expected an object {"format": "nanocircuit-series", "version": 1, "meta": {...}, "columns": {...}}');
    p.throwIfAny();
    throw new Error('unreachable');
  }
  if (doc.format !== 'nanocircuit-series') p.add(1, 1, `expected "format": "nanocircuit-series"`);
  if (doc.version !== 1) p.add(1, 1, `expected "version": 1 (this reader knows version 1)`);
  const meta: Record<string, string | number> = {};
  if (doc.meta !== undefined) {
    if (!isObj(doc.meta)) p.add(keyPosition(text, 'meta').line, keyPosition(text, 'meta').column, '"meta" must be an object of strings and numbers');
    else
      for (const [k, v] of Object.entries(doc.meta)) {
        if (typeof v === 'string' || typeof v === 'number') meta[k] = v;
        else {
          const lc = keyPosition(text, k);
          p.add(lc.line, lc.column, `meta '${k}' must be a string or a number`);
        }
      }
  }
  if (!isObj(doc.columns)) {
    p.add(1, 1, 'expected "columns": {"time[s]": [...], "phi_m[V]": [...], ...}');
    p.throwIfAny();
    throw new Error('unreachable');
  }
  const colStart = text.indexOf('"columns"');
  const cols = new Map<string, Float64Array>();
  const names = new Map<string, string>();
  let length = -1;
  let lengthFrom = '';
  for (const [name, arr] of Object.entries(doc.columns)) {
    const lc = keyPosition(text, name, Math.max(0, colStart));
    const parsed = parseColumnName(name);
    if ('error' in parsed) {
      p.add(lc.line, lc.column, parsed.error);
      continue;
    }
    const key = columnKey(parsed);
    if (cols.has(key)) p.add(lc.line, lc.column, `duplicate column '${name}' (same as '${names.get(key)}')`);
    if (!Array.isArray(arr)) {
      p.add(lc.line, lc.column, `column '${name}' must be an array of numbers`);
      continue;
    }
    if (length < 0) {
      length = arr.length;
      lengthFrom = name;
    } else if (arr.length !== length) p.add(lc.line, lc.column, `column '${name}' has ${arr.length} values; '${lengthFrom}' has ${length}`);
    const d = new Float64Array(arr.length);
    arr.forEach((v: unknown, i: number) => {
      if (typeof v === 'number' && Number.isFinite(v)) d[i] = v;
      else p.add(lc.line, lc.column, `element ${i} (row ${i + 1}) of column '${name}': ${v === null ? 'empty value (null)' : `expected a finite number, found ${JSON.stringify(v)}`}`);
    });
    cols.set(key, d);
    names.set(key, name);
  }
  if (length === 0) p.add(1, 1, 'expected at least one row in the columns');
  p.throwIfAny();
  const assembled = assembleSeries(meta, cols);
  if (assembled.series === undefined) {
    const lc = keyPosition(text, 'columns');
    for (const m of assembled.missing) p.add(lc.line, lc.column, `missing column '${m}'`);
    p.throwIfAny();
    throw new Error('unreachable');
  }
  const tName = names.get('time#0')!;
  const tlc = keyPosition(text, tName, Math.max(0, colStart));
  checkTime(assembled.series.time, (r, msg) => p.add(tlc.line, tlc.column, `element ${r} (row ${r + 1}) of column '${tName}': ${msg}`));
  p.throwIfAny();
  return assembled.series;
}

/** Reads a series file, choosing the form by extension (.json) or by its first character (`{`). */
export function readSeriesFile(path: string): SlitSeries {
  const text = readFileSync(path, 'utf8');
  if (path.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{')) return parseSeriesJson(text, path);
  return parseSeriesCsv(text, path);
}
