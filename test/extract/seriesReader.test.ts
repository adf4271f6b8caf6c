import { describe, expect, it } from 'vitest';
import { NcmError, formatDiagnostic } from '../../src/diagnostics.js';
import { seriesToCsv } from '../../src/io/series.js';
import { parseSeriesCsv, parseSeriesJson, seriesToJson } from '../../src/io/seriesReader.js';
import { generateLadderSeries } from '../../src/extract/syntheticSeries.js';

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof NcmError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected an NcmError');
}

const good = ['# nanocircuit-series: 1', '# depth: 1', 'time[s],phi_m[V],phi_1[V],phi_2[V],Q_1[C],Q_2[C],I_1[A]', '0,0,0,0,0,0,0', '1e-6,0.01,0.008,0.009,-1e-10,-5e-11,2e-4', ''].join('\n');

describe('series CSV reader', () => {
  it('reads columns, metadata and sizes', () => {
    const s = parseSeriesCsv(good, 'a.csv');
    expect(s.phi).toHaveLength(2);
    expect(s.current).toHaveLength(1);
    expect(s.meta.depth).toBe(1);
    expect(s.charge[1]![1]).toBe(-5e-11);
    expect(s.time[1]).toBe(1e-6);
  });

  it('round-trips a generated series through CSV and JSON to the last digit', () => {
    const s = generateLadderSeries({ slits: 3, pointsPerCycle: 20, cycles: 1, noise: 0.01, seed: 4 }).series;
    const a = parseSeriesCsv(seriesToCsv(s), 'x.csv');
    const b = parseSeriesJson(seriesToJson(s), 'x.json');
    for (const t of [a, b]) {
      expect(Array.from(t.time)).toEqual(Array.from(s.time));
      expect(Array.from(t.phi[2]!)).toEqual(Array.from(s.phi[2]!));
      expect(Array.from(t.charge[0]!)).toEqual(Array.from(s.charge[0]!));
      expect(Array.from(t.current[1]!)).toEqual(Array.from(s.current[1]!));
      expect(t.meta.seed).toBe(4);
    }
  });

  it('names a missing column', () => {
    const text = good.replace(',I_1[A]', '').replace(/,2e-4/, '').replace(/0,0,0,0,0,0,0/, '0,0,0,0,0,0');
    expect(problems(() => parseSeriesCsv(text, 'a.csv'))).toEqual(["a.csv:3:1: error: missing column 'I_1[A]'"]);
  });

  it('reports empty and NaN cells with line and column', () => {
    const text = good.replace('1e-6,0.01,0.008,0.009,-1e-10', '1e-6,0.01,,0.009,NaN');
    expect(problems(() => parseSeriesCsv(text, 'a.csv'))).toEqual([
      "a.csv:5:11: error: empty cell in column 'phi_1[V]'",
      "a.csv:5:18: error: 'NaN' is not a finite number in column 'Q_1[C]'",
    ]);
  });

  it('reports non-monotonic time at the time cell', () => {
    const text = good.replace('1e-6,0.01', '0,0.01');
    expect(problems(() => parseSeriesCsv(text, 'a.csv'))).toEqual(['a.csv:5:1: error: time must increase strictly: 0 s follows 0 s']);
  });

  it('rejects a wrong unit, an unknown column and a short row', () => {
    expect(problems(() => parseSeriesCsv(good.replace('Q_1[C]', 'Q_1[mC]'), 'a.csv'))).toEqual([
      "a.csv:3:36: error: column 'Q_1[mC]' has unit 'mC'; expected 'C' (SI)",
    ]);
    expect(problems(() => parseSeriesCsv(good.replace('phi_m[V]', 'volts[V]'), 'a.csv'))[0]).toMatch(/^a\.csv:3:9: error: unknown column 'volts\[V\]'/);
    expect(problems(() => parseSeriesCsv(good.replace('0,0,0,0,0,0,0', '0,0,0'), 'a.csv'))).toEqual([
      'a.csv:4:6: error: expected 7 cells as in the header (line 3), found 3',
    ]);
  });

  it('JSON: names the column key and element of a null value', () => {
    const s = generateLadderSeries({ slits: 2, pointsPerCycle: 4, cycles: 1 }).series;
    const text = seriesToJson(s).replace(/("Q_2\[C\]": \[[^,]*,)[^,\]]*/, '$1null');
    const line = text.split('\n').findIndex((l) => l.includes('"Q_2[C]"')) + 1;
    expect(problems(() => parseSeriesJson(text, 'b.json'))).toEqual([`b.json:${line}:5: error: element 1 (row 2) of column 'Q_2[C]': empty value (null)`]);
  });
});
