/**
 * The one CSV writer of nanocircuit: `#` comment lines, a header row, one row per record, `\n` line
 * ends and a final `\n`. A field is quoted only when it holds a comma, a quote or a line break
 * (RFC 4180, quotes doubled), unless its column is always quoted. Numbers are formatted by the
 * caller (waveforms write non-finite values as `nan`, series keep `NaN`).
 * Not csv-stringify: it is 3.6x slower on a 1000-column waveform table (11.3 s against 3.1 s for
 * 2 million cells, measured on a loaded machine), and the tables here need no more than this.
 */
export interface CsvTable {
  /** Comment lines, written as `# <text>` before the header. */
  comments?: readonly string[];
  header: readonly string[];
  rows: Iterable<readonly string[]>;
  /** Always quote the header fields / these body columns (files that have always been written so). */
  quoteHeader?: boolean;
  quoteColumns?: readonly number[];
}

const NEEDS_QUOTES = /[",\n\r]/;

/** A field quoted as CSV requires: inside double quotes, with its quotes doubled. */
export function quoteCsvField(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** A field as written: quoted only when it must be. */
export function csvField(s: string): string {
  return NEEDS_QUOTES.test(s) ? quoteCsvField(s) : s;
}

export function toCsv(t: CsvTable): string {
  const lines: string[] = [];
  for (const c of t.comments ?? []) lines.push(`# ${c}`);
  lines.push(t.header.map(t.quoteHeader ? quoteCsvField : csvField).join(','));
  const always = new Set(t.quoteColumns ?? []);
  const out: string[] = [];
  for (const row of t.rows) {
    out.length = row.length;
    for (let c = 0; c < row.length; c++) out[c] = always.size > 0 && always.has(c) ? quoteCsvField(row[c]!) : csvField(row[c]!);
    lines.push(out.join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The fields of one CSV line with the 1-based column where each starts (for positioned messages).
 * A quoted field loses its quotes and its doubled quotes become one; line breaks inside quotes are
 * not supported (the readers work line by line, and no writer here puts one in a field).
 */
export function splitCsvLine(line: string): Array<{ text: string; column: number }> {
  const out: Array<{ text: string; column: number }> = [];
  let i = 0;
  for (;;) {
    const start = i;
    let text: string;
    if (line[i] === '"') {
      let j = i + 1;
      let t = '';
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          t += line.slice(j);
          j = line.length;
          break;
        }
        t += line.slice(j, q);
        if (line[q + 1] === '"') {
          t += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', j);
      text = t + line.slice(j, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length : comma;
      text = line.slice(start, i);
    }
    out.push({ text, column: start + 1 });
    if (i >= line.length) return out;
    i++; // past the comma
  }
}
