/**
 * `importInstrumentFile`: a potentiostat's text export -> technique, SI columns with the project's
 * signs, and the header's metadata. Detection looks at the file's own markers (first line, tags,
 * headings), never at its name; `format` and `technique` override it.
 */
import { InputError } from '../../diagnostics.js';
import { assembleTable, inferTimeTechnique, looksLikeSpectrum, pickColumn } from './assemble.js';
import { isBiologic, readBiologic } from './biologic.js';
import { isChi, readChi } from './chi.js';
import { isAutolab, isHeadedCsv, readHeadedCsv } from './csv.js';
import { decodeInstrumentText } from './decode.js';
import { isGamry, readGamry } from './gamry.js';
import { isPar, readPar } from './par.js';
import { toLines, type HeadedTable, type TextLines } from './table.js';
import { FORMATS, type ImportedColumns, type ImportedFile, type ImportOptions, type InstrumentFormat, type Technique } from './types.js';
import type { VendorRead } from './vendor.js';
import { isZplot, readZplot } from './zplot.js';

export * from './types.js';
export { decodeInstrumentText } from './decode.js';

/** Which layout a file is in, from its content; undefined when none matches. */
export function detectFormat(lines: string[]): InstrumentFormat | undefined {
  if (isBiologic(lines)) return 'biologic';
  if (isGamry(lines)) return 'gamry';
  if (isZplot(lines)) return 'zplot';
  if (isPar(lines)) return 'par';
  if (isChi(lines)) return 'chi';
  if (isAutolab(lines)) return 'autolab';
  if (isHeadedCsv(lines)) return 'csv';
  return undefined;
}

function readVendor(format: InstrumentFormat, src: TextLines): VendorRead {
  switch (format) {
    case 'biologic':
      return readBiologic(src);
    case 'gamry':
      return readGamry(src);
    case 'chi':
      return readChi(src);
    case 'par':
      return readPar(src);
    case 'zplot':
      return readZplot(src);
    case 'autolab':
    case 'csv':
      return readHeadedCsv(src, format);
  }
}

export function knownFormatsText(): string {
  return Object.entries(FORMATS).map(([k, v]) => `${k} (${v})`).join('; ');
}

function hasKnownColumn(t: HeadedTable): boolean {
  return (['time', 'v', 'i', 'frequency'] as const).some((f) => {
    try {
      return pickColumn(t, f) !== undefined;
    } catch {
      return true; // a known name with a wrong unit: a table of ours, with an error to report
    }
  });
}

/** Cycle numbers of a CV from its sweep direction: a cycle is two sweeps (segments). */
function cyclesFromSweep(v: Float64Array): Float64Array | undefined {
  const cycle = new Float64Array(v.length).fill(1);
  let dir = 0;
  let segment = 0;
  for (let k = 1; k < v.length; k++) {
    const d = Math.sign(v[k]! - v[k - 1]!);
    if (d !== 0 && dir !== 0 && d !== dir) segment++;
    if (d !== 0) dir = d;
    cycle[k] = Math.floor(segment / 2) + 1;
  }
  return segment >= 2 ? cycle : undefined;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Reads an instrument export. `input` is the file's bytes (any encoding the vendors use) or its
 * decoded text; `name` is used in messages (`name:line:col`).
 */
export function importInstrumentFile(input: string | Uint8Array, name: string, options: ImportOptions = {}): ImportedFile {
  const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeInstrumentText(input);
  const src = toLines(decoded.text.replace(/^\uFEFF/, ''), name);
  const format = options.format ?? detectFormat(src.lines);
  if (!format) {
    throw new InputError(`not an instrument export this version can read; known formats: ${knownFormatsText()}`, { loc: { file: name, line: 1, column: 1 } });
  }
  const vendor = readVendor(format, src);
  // Any text with a comma looks like a CSV; without a single column we know, it is not an export.
  if (!options.format && format === 'csv' && !hasKnownColumn(vendor.tables[0]!.table)) {
    throw new InputError(`not an instrument export this version can read (no time, potential, current or frequency column in '${vendor.tables[0]!.table.headings.join(', ')}'); known formats: ${knownFormatsText()}`, {
      loc: { file: name, line: vendor.tables[0]!.table.headingLine, column: 1 },
    });
  }
  const warnings: string[] = [];
  const first = vendor.tables[0]!.table;
  const technique: Technique = options.technique ?? vendor.technique ?? (looksLikeSpectrum(first) ? 'eis' : 'chrono');
  let currentFactor = vendor.currentFactor;
  if (options.currentSign) currentFactor = options.currentSign === 'anodic' ? 1 : -1;

  const parts = vendor.tables.map((vt) => {
    if (vt.table.rows.length === 0) throw new InputError('expected data rows after the heading', { loc: { file: name, line: vt.table.headingLine + (vt.table.units ? 2 : 1), column: 1 } });
    const a = assembleTable(src, vt.table, technique, currentFactor, {
      leading: vendor.leadingDelimiter ?? false,
      // Only CHI leaves these columns out: time of a CV, potential of an i-t run.
      ...(format === 'chi' && vendor.meta.scanRate !== undefined ? { scanRate: vendor.meta.scanRate } : {}),
      ...(format === 'chi' && vendor.meta.potentialLimits?.length ? { heldPotential: vendor.meta.potentialLimits[0]! } : {}),
    });
    return { a, vt };
  });
  const columnsRead = parts[0]!.a.columnsRead;
  let columns: ImportedColumns;
  if (technique === 'eis') {
    const eis = parts.map((p) => p.a.columns).filter((c) => c.kind === 'eis');
    columns = { kind: 'eis', frequency: concat(eis.map((c) => c.frequency)), re: concat(eis.map((c) => c.re)), im: concat(eis.map((c) => c.im)) };
  } else {
    const ts = parts.map((p) => ({ c: p.a.columns, cycle: p.vt.cycle })).filter((x): x is { c: Extract<ImportedColumns, { kind: 'time' }>; cycle: number | undefined } => x.c.kind === 'time');
    const time = concat(ts.map((x) => x.c.time));
    const v = concat(ts.map((x) => x.c.v));
    const i = concat(ts.map((x) => x.c.i));
    let cycle: Float64Array | undefined;
    if (ts.every((x) => x.cycle !== undefined)) {
      cycle = concat(ts.map((x) => new Float64Array(x.c.time.length).fill(x.cycle!)));
      columnsRead.push({ heading: '(CURVEn table number)', column: 'cycle', factor: 1 });
    } else if (ts.every((x) => x.c.cycle)) {
      cycle = concat(ts.map((x) => x.c.cycle!));
      // EC-Lab counts some techniques' cycles from 0: the project's cycles start at 1.
      let min = Infinity;
      for (const c of cycle) min = Math.min(min, c);
      if (min === 0) for (let k = 0; k < cycle.length; k++) cycle[k]! += 1;
    } else if (vendor.cyclesFromSegments && technique === 'cv') {
      cycle = cyclesFromSweep(v);
      if (cycle) columnsRead.push({ heading: '(sweep reversals: two segments a cycle)', column: 'cycle', factor: 1 });
    }
    columns = { kind: 'time', time, v, i, ...(cycle ? { cycle } : {}) };
  }
  const resolved: Technique = columns.kind === 'time' && !options.technique && !vendor.technique ? inferTimeTechnique(columns) : technique;

  const points = columns.kind === 'eis' ? columns.frequency.length : columns.time.length;
  const declared = vendor.tables.every((t) => t.declared !== undefined) ? vendor.tables.reduce((s, t) => s + t.declared!, 0) : undefined;
  const complete = declared === undefined || points >= declared;
  if (!complete) warnings.push(`the file announces ${declared} points but holds ${points}: the run was aborted; all ${points} recorded points were imported`);
  return {
    technique: resolved,
    columns,
    metadata: {
      format,
      formatName: FORMATS[format],
      ...(vendor.techniqueLabel ? { techniqueLabel: vendor.techniqueLabel } : {}),
      ...vendor.meta,
      encoding: decoded.encoding,
      decimalComma: vendor.tables.some((t) => t.table.decimalComma),
      columnsRead,
      signNote: options.currentSign ? `${vendor.signNote}; overridden: the file's current is ${options.currentSign} positive` : vendor.signNote,
      ...(declared !== undefined ? { declaredPoints: declared } : {}),
      points,
      complete,
      header: vendor.header,
    },
    warnings,
  };
}
