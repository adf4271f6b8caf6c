import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/diagnostics.js';
import { importInstrumentFile, type ImportedFile, type ImportOptions } from '../../src/io/instruments/index.js';

const FIX = join(import.meta.dirname, 'fixtures');
const load = (name: string, opts: ImportOptions = {}): ImportedFile => importInstrumentFile(readFileSync(join(FIX, name)), name, opts);
const arr = (a: Float64Array | undefined): number[] => Array.from(a ?? []);
function series(imp: ImportedFile): { time: number[]; v: number[]; i: number[]; cycle: number[] } {
  if (imp.columns.kind !== 'time') throw new Error('expected a time series');
  return { time: arr(imp.columns.time), v: arr(imp.columns.v), i: arr(imp.columns.i), cycle: arr(imp.columns.cycle) };
}
function spectrum(imp: ImportedFile): { f: number[]; re: number[]; im: number[] } {
  if (imp.columns.kind !== 'eis') throw new Error('expected a spectrum');
  return { f: arr(imp.columns.frequency), re: arr(imp.columns.re), im: arr(imp.columns.im) };
}
/** The same 3-point spectrum (1.2 - 0.05j at 100 kHz, 1.5 - 2j at 1 kHz, 3 - 150j at 1 Hz) in every vendor's layout. */
const SPECTRUM = { f: [1e5, 1e3, 1], re: [1.2, 1.5, 3], im: [-0.05, -2, -150] };

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}
const where = (e: InputError): string => `${e.loc?.file}:${e.loc?.line}:${e.loc?.column}`;

describe('BioLogic EC-Lab .mpt', () => {
  it('reads a French-locale CV: latin-1, decimal commas, <I>/mA to A, cycle number, settings', () => {
    const imp = load('biologic_cv_fr.mpt');
    expect(imp.technique).toBe('cv');
    const s = series(imp);
    expect(s.time).toEqual([0, 20, 40, 60, 80, 100, 120]);
    expect(s.v).toEqual([0, 0.4, 0.8, 0.4, 0, 0.4, 0.8]);
    expect(s.i.map((x) => x * 1e3)).toEqual([0.5, 0.6, 0.7, -0.6, -0.5, 0.55, 0.65].map((x) => expect.closeTo(x, 12)));
    expect(s.cycle).toEqual([1, 1, 1, 1, 1, 2, 2]);
    const m = imp.metadata;
    expect([m.encoding, m.decimalComma, m.scanRate, m.electrodeArea, m.instrument, m.date]).toEqual(['windows-1252', true, 0.02, 0.5e-4, 'BioLogic VMP3', '03/14/2024 10:11:12.000']);
    expect(m.potentialLimits).toEqual([0, 0.8, 0]);
    expect(m.header['Comments']).toBe('électrode µporeuse');
    // Columns are found by heading: control/V (before Ewe/V) is not taken for the potential.
    expect(m.columnsRead.map((c) => `${c.heading}->${c.column}`)).toEqual(['time/s->time', 'Ewe/V->v', '<I>/mA->i', 'cycle number->cycle']);
  });

  it('reads PEIS with its own header count and negates -Im(Z)', () => {
    const imp = load('biologic_peis.mpt');
    expect(imp.technique).toBe('eis');
    expect(spectrum(imp)).toEqual(SPECTRUM);
  });

  it('reads GCPL: I/mA, set current, cycles counted from 0 become 1-based', () => {
    const imp = load('biologic_gcpl.mpt');
    expect(imp.technique).toBe('gcd');
    const s = series(imp);
    expect(s.i).toEqual([1e-3, 1e-3, -1e-3, -1e-3, 1e-3, 1e-3]);
    expect(s.cycle).toEqual([1, 1, 1, 1, 2, 2]);
    expect(imp.metadata.setCurrents).toEqual([1e-3, -1e-3]);
  });

  it("rejects a bad cell at file:line:col and a 'Nb header lines' outside the file", () => {
    const text = 'EC-Lab ASCII FILE\nNb header lines : 4\nCyclic Voltammetry\ntime/s\tEwe/V\t<I>/mA\n0\t0\t1\n1\tabc\t2\n';
    const e = thrown(() => importInstrumentFile(text, 'bad.mpt'));
    expect(`${where(e)} ${e.message}`).toBe("bad.mpt:6:3 expected a number in column 'Ewe/V', found 'abc'");
    const e2 = thrown(() => importInstrumentFile('EC-Lab ASCII FILE\nNb header lines : 40\nx\n', 'short.mpt'));
    expect(`${where(e2)} ${e2.message}`).toBe("short.mpt:2:1 'Nb header lines' must be a line number inside the file (it has 4 lines)");
  });
});

describe('Gamry .DTA', () => {
  it('reads a CV: one CURVEn table per cycle, units row, OCVCURVE skipped, header values', () => {
    const imp = load('gamry_cv.DTA');
    expect(imp.technique).toBe('cv');
    const s = series(imp);
    expect(s.time).toEqual([0, 8, 16, 16, 24, 32]);
    expect(s.v).toEqual([0, 0.8, 0, 0, 0.8, 0]);
    expect(s.i).toEqual([1e-5, 2e-5, -1e-5, 1e-5, 2e-5, -1e-5]);
    expect(s.cycle).toEqual([1, 1, 1, 2, 2, 2]);
    const m = imp.metadata;
    expect([m.scanRate, m.electrodeArea, m.instrument, m.date, m.complete]).toEqual([0.1, 2e-4, 'Gamry REF600-12345', '5/11/2016 17:47:03', true]);
    expect(m.potentialLimits).toEqual([0, 0.8, 0]);
  });

  it('reads a German-locale ZCURVE (decimal commas in a tab file), Zimag kept signed', () => {
    const imp = load('gamry_eis_de.DTA');
    expect(imp.technique).toBe('eis');
    expect(spectrum(imp)).toEqual(SPECTRUM);
    expect(imp.metadata.decimalComma).toBe(true);
  });

  it('imports an aborted run whole and says so: declared 10, holds 4', () => {
    const imp = load('gamry_chronop_aborted.DTA');
    expect(imp.technique).toBe('gcd');
    expect(series(imp).v).toEqual([0, 0.1, 0.2, 0.3]);
    expect([imp.metadata.complete, imp.metadata.declaredPoints, imp.metadata.points]).toEqual([false, 10, 4]);
    expect(imp.warnings).toEqual(['the file announces 10 points but holds 4: the run was aborted; all 4 recorded points were imported']);
  });

  it('a row cut short (power lost mid-line) is an error at that line, not a shorter table', () => {
    const text = readFileSync(join(FIX, 'gamry_chronop_aborted.DTA'), 'utf8').replace(/\t3\t3\t0\.3\t.*\n$/, '\t3\t3\t0.3\n');
    const e = thrown(() => importInstrumentFile(text, 'cut.DTA'));
    expect(`${where(e)} ${e.message}`).toBe('cut.DTA:11:9 expected 9 cells as in the heading row (line 6), found 3');
  });
});

describe('CH Instruments .txt', () => {
  it('reads a CV: time from swept distance / scan rate, cycles from segments, cathodic-positive current negated', () => {
    const imp = load('chi_cv.txt');
    expect(imp.technique).toBe('cv');
    const s = series(imp);
    expect(s.time.map((t) => Math.round(t * 1e9) / 1e9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.i).toEqual([1e-6, 2e-6, 3e-6, -1e-6, -2e-6, 2e-6, 3e-6, -1e-6, -2e-6]);
    expect(s.cycle).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect([imp.metadata.scanRate, imp.metadata.instrument]).toEqual([0.1, 'CH Instruments CHI660E']);
    expect(series(load('chi_cv.txt', { currentSign: 'anodic' })).i[0]).toBe(-1e-6);
  });

  it('reads A.C. Impedance (Z" signed)', () => {
    expect(spectrum(load('chi_eis.txt'))).toEqual(SPECTRUM);
  });
});

describe('Autolab Nova / FRA, VersaStudio .par, ZPlot .z', () => {
  it('reads a Nova CV written as UTF-16 with BOM, semicolons and decimal commas; measured potential preferred', () => {
    const imp = load('nova_cv.txt');
    expect([imp.metadata.format, imp.metadata.encoding, imp.technique]).toEqual(['autolab', 'utf-16le', 'cv']);
    const s = series(imp);
    expect(s.v).toEqual([0.001, 0.101, 0.001, 0.101]);
    expect(s.i).toEqual([1e-5, 2e-5, -1e-5, 2.5e-5]);
    expect(s.cycle).toEqual([1, 1, 1, 2]);
  });

  it("reads a Nova FRA spectrum and negates -Z''", () => {
    const imp = load('nova_fra.txt');
    expect(imp.technique).toBe('eis');
    expect(spectrum(imp)).toEqual(SPECTRUM);
  });

  it('reads a VersaStudio CV from its <Segment> Definition', () => {
    const imp = load('versastudio_cv.par');
    expect([imp.metadata.format, imp.technique, imp.metadata.scanRate, imp.metadata.instrument]).toEqual(['par', 'cv', 0.05, 'Princeton Applied Research PARSTAT 4000A']);
    expect(series(imp)).toEqual({ time: [0, 10, 20], v: [0, 0.5, 0], i: [1e-6, 2e-6, -1e-6], cycle: [1, 1, 1] });
  });

  it('reads a VersaStudio segment whose Definition= follows other keys', () => {
    const text = '<Segment1>\nType=1\nDefinition=Segment #, Point #, E(V), I(mA), Elapsed Time(s)\nLabel=scan\n1,0,0.1,2,0\n1,1,0.2,3,1\n</Segment1>\n';
    const imp = importInstrumentFile(text, 's.par', { technique: 'chrono' });
    expect(series(imp)).toEqual({ time: [0, 1], v: [0.1, 0.2], i: [2e-3, 3e-3], cycle: [] });
    const e = thrown(() => importInstrumentFile('<Segment1>\nDefinition=E(V), I(A), Elapsed Time(s)\n0.1,x,0\n</Segment1>\n', 'x.par'));
    expect(`${where(e)} ${e.message}`).toBe("x.par:3:5 expected a number in column 'I(A)', found 'x'");
  });

  it('reads a tab-separated .z with a Freq(Hz) heading row', () => {
    const text = "ZPLOT2 ASCII\nEnd Comments:\nFreq(Hz)\tAmpl\tBias\tTime(Sec)\tZ'(Ohm)\tZ''(Ohm)\n1000\t10\t0\t1\t1.5\t-2\n";
    expect(spectrum(importInstrumentFile(text, 't.z'))).toEqual({ f: [1000], re: [1.5], im: [-2] });
  });

  it('reads a ZPlot .z in its fixed ZPlot2 layout', () => {
    const imp = load('zplot.z');
    expect([imp.metadata.format, imp.technique, imp.metadata.date]).toEqual(['zplot', 'eis', '10-12-2018 12:33:17']);
    expect(spectrum(imp)).toEqual(SPECTRUM);
  });
});

describe('Parstat and Solartron PowerSuite text, VersaStudio EIS', () => {
  it("reads a Parstat text export (tab rows ending in a tab, Zre/Zim (ohms)) as a spectrum", () => {
    const imp = load('parstat_eis.txt');
    expect([imp.technique, imp.metadata.format]).toEqual(['eis', 'csv']);
    expect(spectrum(imp)).toEqual(SPECTRUM);
  });
  it('a Parstat DC run (its AC columns all zero) is a time series, not a spectrum', () => {
    const imp = load('parstat_cp.txt');
    expect(imp.technique).toBe('gcd');
    expect(series(imp)).toEqual({ time: [10, 20, 30], v: [3.4932, 3.4923, 3.4914], i: [-0.15, -0.15, -0.15], cycle: [] });
  });
  it("reads a PowerSuite export: 'Frequency, Zre, Zimg' without units (SI), Zimg signed", () => {
    const imp = load('powersuite.txt');
    expect(imp.technique).toBe('eis');
    expect(spectrum(imp)).toEqual(SPECTRUM);
    expect(imp.metadata.columnsRead.map((c) => `${c.heading}->${c.column}`)).toEqual(['Frequency->frequency', 'Zre->re(z)', 'Zimg->im(z)']);
  });
  it("reads a VersaStudio EIS segment: Z Real, Z Imag, and the Definition's trailing bare ', 0' dropped", () => {
    const imp = load('versastudio_eis.par');
    expect([imp.technique, imp.metadata.format, imp.metadata.techniqueLabel]).toEqual(['eis', 'par', 'Potentiostatic EIS']);
    expect(spectrum(imp)).toEqual(SPECTRUM);
  });
});

describe('headed CSV and detection', () => {
  it('reads units from headings (min, mA) and tells a GCD from a CV by the data', () => {
    const gcd = load('plain_gcd.csv');
    expect(gcd.technique).toBe('gcd');
    expect(series(gcd).time).toEqual([0, 60, 120, 180, 240, 300]);
    expect(series(gcd).i).toEqual([2e-3, 2e-3, 2e-3, -2e-3, -2e-3, -2e-3]);
    expect(gcd.metadata.header['cell']).toBe('coin 7');
    expect(load('plain_cv.csv').technique).toBe('cv');
    expect(load('plain_cv.csv', { technique: 'chrono' }).technique).toBe('chrono');
  });

  it('a blank line inside the table does not end it; a footer after it is an error', () => {
    const imp = importInstrumentFile('time/s,E/V,I/A\n0,0,1\n\n1,0.1,1\n', 'gap.csv');
    expect(series(imp).time).toEqual([0, 1]);
    const e = thrown(() => importInstrumentFile('time/s,E/V,I/A\n0,0,1\n1,0.1,1\nend of run\n', 'footer.csv'));
    expect(`${where(e)} ${e.message}`).toBe('footer.csv:4:11 expected 3 cells as in the heading row (line 1), found 1');
  });

  it('decodes UTF-16 big-endian with BOM', () => {
    const text = 'frequency (Hz)\tRe(Z)/Ohm\t-Im(Z)/Ohm\n10\t1\t2\n';
    const be = new Uint8Array(2 + text.length * 2);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let k = 0; k < text.length; k++) be[3 + 2 * k] = text.charCodeAt(k);
    const imp = importInstrumentFile(be, 'be.txt');
    expect([imp.metadata.encoding, imp.technique]).toEqual(['utf-16be', 'eis']);
    expect(spectrum(imp)).toEqual({ f: [10], re: [1], im: [-2] });
  });

  it('a unit of the wrong kind, a missing column and an unknown file are positioned errors', () => {
    const e1 = thrown(() => importInstrumentFile('time/s,E/V,I (mV)\n0,0,1\n', 'u.csv'));
    expect(`${where(e1)} ${e1.message}`).toBe("u.csv:1:1 column 'I (mV)': unit 'mV' is not a current unit (expected e.g. A, mA, uA)");
    const e2 = thrown(() => importInstrumentFile('time/s,E/V\n0,0\n', 'm.csv'));
    expect(`${where(e2)} ${e2.message}`).toBe('m.csv:1:1 no current column among the headings (time/s, E/V)');
    const e3 = thrown(() => importInstrumentFile('just some notes\n', 'notes.txt'));
    expect(where(e3)).toBe('notes.txt:1:1');
    expect(e3.message).toMatch(/^not an instrument export this version can read; known formats: biologic \(BioLogic EC-Lab text export \(\.mpt\)\); gamry /);
    const e5 = thrown(() => importInstrumentFile('Dear all, the data follow.\nBest, A.\n', 'mail.txt'));
    expect(`${where(e5)} ${e5.message.split(';')[0]}`).toBe("mail.txt:1:1 not an instrument export this version can read (no time, potential, current or frequency column in 'Dear all, the data follow.')");
    const e4 = thrown(() => importInstrumentFile('time/s,E/V,I/A\n', 'empty.csv'));
    expect(`${where(e4)} ${e4.message}`).toBe('empty.csv:2:1 expected data rows after the heading');
  });

  it('--format overrides detection (a Gamry file read as CSV finds no usable heading)', () => {
    const e = thrown(() => load('gamry_cv.DTA', { format: 'csv' }));
    expect(e.loc?.line).toBe(1);
  });
});
