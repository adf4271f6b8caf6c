import { describe, expect, it } from 'vitest';
import { csvField, splitCsvLine, toCsv } from '../../src/io/csv.js';
import { parseNumericCsv, tableColumn } from '../../src/io/tableCsv.js';

describe('the CSV writer and line reader', () => {
  it('writes comments, header and rows; quotes only the fields that need it, or the columns asked for', () => {
    const text = toCsv({ comments: ['a: 1'], header: ['time', 'v(a,b)', 'say "hi"'], rows: [['0', '1e-3', 'x'], ['1', 'nan', 'y']], quoteColumns: [2] });
    expect(text).toBe('# a: 1\ntime,"v(a,b)","say ""hi"""\n0,1e-3,"x"\n1,nan,"y"\n');
    expect(toCsv({ header: ['slit', 'q'], rows: [], quoteHeader: true })).toBe('"slit","q"\n');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('splits a line back into its fields with the column each starts at', () => {
    expect(splitCsvLine('time,"v(a,b)","say ""hi""",,7')).toEqual([
      { text: 'time', column: 1 },
      { text: 'v(a,b)', column: 6 },
      { text: 'say "hi"', column: 15 },
      { text: '', column: 28 },
      { text: '7', column: 29 },
    ]);
    expect(splitCsvLine('')).toEqual([{ text: '', column: 1 }]);
  });

  it('round-trips through the numeric table reader, a quoted header included', () => {
    const text = toCsv({ header: ['time[s]', 'v(a,b)[V]'], rows: [['0', '0.5'], ['1e-6', '-2']] });
    const t = parseNumericCsv(text, 'w.csv');
    expect(t.names).toEqual(['time[s]', 'v(a,b)[V]']);
    expect(Array.from(tableColumn(t, 'v(a,b)'))).toEqual([0.5, -2]);
  });
});
