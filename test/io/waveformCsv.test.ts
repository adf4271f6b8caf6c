import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/io/csv.js';
import { CURRENT_SIGN_NOTE, formatNumber, waveformsToCsv } from '../../src/io/waveformCsv.js';
import { Rng } from '../../src/numeric/random.js';

describe('the waveform CSV', () => {
  const labels = ['time', 'vapp(vm)', 'v(a,b)', 'q("c")'];
  const units = ['s', 'V', 'V', 'C'];
  const meta = { title: 'a, "quoted" title', analysis: 'tran (tran)' };
  const comments = ['title: a, "quoted" title', 'analysis: tran (tran)', 'units: time [s], vapp(vm) [V], v(a,b) [V], q("c") [C]', `sign: ${CURRENT_SIGN_NOTE}`];

  it('is byte for byte the general writer with String(v) per cell (shortest round trip), nan for non-finite', () => {
    // Random bit patterns cover every exponent and the 17-digit mantissas the engine writes; the
    // edge values are the ones a typed-array join could print differently from String(v).
    const rng = new Rng(12);
    const bits = new Uint32Array(2);
    const random = (): number => {
      bits[0] = rng.nextU32();
      bits[1] = rng.nextU32();
      return new Float64Array(bits.buffer)[0]!;
    };
    const edge = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2];
    const n = 3000;
    const columns = labels.map((_, c) => Float64Array.from({ length: n }, (_, k) => (c === 1 && k < edge.length ? edge[k]! : random())));
    const text = waveformsToCsv({ labels, units, columns, length: n }, meta);
    const rows = Array.from({ length: n }, (_, k) => columns.map((col) => formatNumber(col[k]!)));
    expect(text).toBe(toCsv({ comments, header: labels, rows }));
    const lines = text.split('\n');
    expect(lines[comments.length]).toBe('time,vapp(vm),"v(a,b)","q(""c"")"');
    expect(lines.slice(comments.length + 1, comments.length + 13).map((l) => l.split(',')[1])).toEqual(
      ['0', '0', 'nan', 'nan', 'nan', '5e-324', '-5e-324', '1.7976931348623157e+308', '1e+21', '1e-7', '123456789012345680000', '0.30000000000000004'],
    );
  });

  it('writes the comments and the header alone when there is no row', () => {
    expect(waveformsToCsv({ labels, units, columns: labels.map(() => new Float64Array(0)), length: 0 }, meta)).toBe(toCsv({ comments, header: labels, rows: [] }));
  });
});
