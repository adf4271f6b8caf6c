/**
 * Synthetic measurements written as the instruments write them, one writer per layout the importer
 * reads (src/io/instruments/, docs/import.md), each following that reader's test fixtures
 * (test/import/fixtures/): the same header keys, headings, units, delimiters, decimal separators
 * and sign conventions. Tests and the bench thus go through the import path of a real file.
 */
import type { InstrumentFormat } from '../io/instruments/types.js';
import type { SyntheticColumns } from './synthetic.js';

type TimeColumns = Extract<SyntheticColumns, { kind: 'time' }>;
type EisColumns = Extract<SyntheticColumns, { kind: 'eis' }>;

const e = (x: number): string => x.toExponential(9);
/** Decimal comma (EC-Lab French locale, Nova's German export). */
const comma = (s: string): string => s.replace('.', ',');
const mag = (c: EisColumns, k: number): number => Math.hypot(c.re[k]!, c.im[k]!);
const phaseDeg = (c: EisColumns, k: number): number => (Math.atan2(c.im[k]!, c.re[k]!) * 180) / Math.PI;
const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

function span(x: Float64Array): { lo: number; hi: number } {
  let lo = Infinity, hi = -Infinity;
  for (const v of x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return { lo, hi };
}

/** The layouts a technique can be written in: every importer format, EIS-only ones excepted for time series. */
export type VendorLayout = InstrumentFormat | 'parstat' | 'powersuite';

/** BioLogic EC-Lab text export: CV/GCPL (mode, time/s, Ewe/V, <I>/mA, cycle number) or PEIS (freq, Re(Z), -Im(Z)). */
export function toBiologicMpt(c: SyntheticColumns): string {
  const head: string[] = [];
  let table: string[];
  if (c.kind === 'eis') {
    head.push('Potentio Electrochemical Impedance Spectroscopy', '', 'Device : SP-300 (synthetic, nanocircuit)');
    table = ['freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tcycle number'];
    for (let k = c.frequency.length - 1; k >= 0; k--) table.push([c.frequency[k]!, c.re[k]!, -c.im[k]!, mag(c, k), 1].map(e).join('\t'));
  } else {
    head.push(c.technique === 'cv' ? 'Cyclic Voltammetry' : 'Galvanostatic Cycling with Potential Limitation', '', 'Device : VMP3 (synthetic, nanocircuit)');
    if (c.scanRate !== undefined) head.push(`dE/dt               ${c.scanRate * 1e3}`, 'dE/dt unit          mV/s');
    table = ['mode\ttime/s\tEwe/V\t<I>/mA\tcycle number'];
    for (let k = 0; k < c.time.length; k++) table.push(['2', e(c.time[k]!), e(c.v[k]!), e(c.i[k]! * 1e3), e(c.cycle[k]! - 1)].join('\t'));
  }
  const nHeader = 2 + 1 + head.length + 1;
  return crlf(['EC-Lab ASCII FILE', `Nb header lines : ${nHeader}`, '', ...head, ...table]);
}

/** Gamry EXPLAIN file: CV as CURVEn tables (one per cycle), GCD as one CHRONOP CURVE, EIS as ZCURVE. */
export function toGamryDta(c: SyntheticColumns): string {
  const out: string[] = ['EXPLAIN'];
  if (c.kind === 'eis') {
    out.push('TAG\tEISPOT', 'PSTAT\tPSTAT\tREF600-00000\tPotentiostat', '\t', `ZCURVE\tTABLE\t${c.frequency.length}`, '\tPt\tTime\tFreq\tZreal\tZimag\tZmod', '\t#\ts\tHz\tohm\tohm\tohm');
    for (let k = 0; k < c.frequency.length; k++) out.push(`\t${k}\t${k}\t${e(c.frequency[k]!)}\t${e(c.re[k]!)}\t${e(c.im[k]!)}\t${e(mag(c, k))}`);
    return crlf(out);
  }
  out.push(`TAG\t${c.technique === 'cv' ? 'CV' : 'CHRONOP'}`, 'PSTAT\tPSTAT\tREF600-00000\tPotentiostat');
  if (c.scanRate !== undefined) out.push(`SCANRATE\tQUANT\t${e(c.scanRate * 1e3)}\tScan Ra&te (mV/s)`);
  out.push('\t');
  const cycles = c.technique === 'cv' ? Math.max(...c.cycle) : 1;
  for (let cy = 1; cy <= cycles; cy++) {
    const idx: number[] = [];
    for (let k = 0; k < c.time.length; k++) if (c.technique !== 'cv' || c.cycle[k] === cy) idx.push(k);
    out.push(`${c.technique === 'cv' ? `CURVE${cy}` : 'CURVE'}\tTABLE\t${idx.length}`, '\tPt\tT\tVf\tIm', '\t#\ts\tV vs. Ref.\tA');
    idx.forEach((k, j) => out.push(`\t${j}\t${e(c.time[k]!)}\t${e(c.v[k]!)}\t${e(c.i[k]!)}`));
  }
  return crlf(out);
}

/**
 * CH Instruments "Convert to Text": CV as `Potential/V, Current/A` with no time column (CHI samples
 * at a fixed potential interval, the reader rebuilds time as swept distance / scan rate, so the
 * samples must fall on the vertices: an odd number of points a sweep), current cathodic positive;
 * EIS as `Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg` with Z" signed.
 */
export function toChiTxt(c: SyntheticColumns): string {
  const out = ['Dec. 2, 2026   03:00:00', c.kind === 'eis' ? 'A.C. Impedance' : 'Cyclic Voltammetry', 'File:  synthetic.bin', 'Data Source:  nanocircuit', 'Instrument Model:  CHI660E', 'Header:', 'Note:', ''];
  if (c.kind === 'eis') {
    out.push(`Init E (V) = 0`, `High Frequency (Hz) = ${e(Math.max(...c.frequency))}`, `Low Frequency (Hz) = ${e(Math.min(...c.frequency))}`, 'Amplitude (V) = 0.005', '', 'Freq/Hz, Z\'/ohm, Z"/ohm, Z/ohm, Phase/deg', '');
    for (let k = c.frequency.length - 1; k >= 0; k--) out.push([c.frequency[k]!, c.re[k]!, c.im[k]!, mag(c, k), phaseDeg(c, k)].map(e).join(', '));
    return crlf(out);
  }
  if (c.technique !== 'cv' || c.scanRate === undefined) throw new Error('CH Instruments layout: only a CV (with its scan rate) or a spectrum');
  const rate = c.scanRate;
  for (let k = 1; k < c.time.length; k++) {
    const step = Math.abs(c.v[k]! - c.v[k - 1]!) / rate;
    const dt = c.time[k]! - c.time[k - 1]!;
    if (Math.abs(step - dt) > 1e-6 * dt) throw new Error(`CH Instruments layout: the potential must move by scan rate x time between samples (sample ${k} does not; put the vertices on samples)`);
  }
  const { lo, hi } = span(c.v);
  const segments = 2 * Math.max(...c.cycle);
  out.push(`Init E (V) = ${c.v[0]}`, `High E (V) = ${hi}`, `Low E (V) = ${lo}`, 'Init P/N = P', `Scan Rate (V/s) = ${rate}`, `Segment = ${segments}`, `Sample Interval (V) = ${e(Math.abs(c.v[1]! - c.v[0]!))}`, 'Quiet Time (sec) = 0', 'Sensitivity (A/V) = 1e-3', '', 'Potential/V, Current/A', '');
  for (let k = 0; k < c.time.length; k++) out.push(`${e(c.v[k]!)}, ${e(-c.i[k]!)}`);
  return crlf(out);
}

/**
 * Metrohm Autolab Nova ASCII export (German locale: `;` and decimal commas, as the fixture): CV
 * `Potential applied (V);Time (s);WE(1).Current (A);WE(1).Potential (V);Scan;Index`, anodic
 * positive; FRA `Index;Frequency (Hz);Z' (Ω);-Z'' (Ω);Z (Ω);-Phase (°);Time (s)`.
 */
export function toAutolabNova(c: SyntheticColumns): string {
  const n = (x: number): string => comma(e(x));
  if (c.kind === 'eis') {
    const out = ["Index;Frequency (Hz);Z' (Ω);-Z'' (Ω);Z (Ω);-Phase (°);Time (s)"];
    for (let k = 0; k < c.frequency.length; k++) out.push([String(k + 1), n(c.frequency[k]!), n(c.re[k]!), n(-c.im[k]!), n(mag(c, k)), n(-phaseDeg(c, k)), n(k)].join(';'));
    return crlf(out);
  }
  const out = ['Potential applied (V);Time (s);WE(1).Current (A);WE(1).Potential (V);Scan;Index'];
  for (let k = 0; k < c.time.length; k++) out.push([n(c.v[k]!), n(c.time[k]!), n(c.i[k]!), n(c.v[k]!), String(c.cycle[k]!), String(k + 1)].join(';'));
  return crlf(out);
}

/**
 * Princeton Applied Research VersaStudio `.par`: `<Application>`, `<Instrument>` (Model=), the
 * action (`Name=Cyclic Voltammetry` with `Scan Rate (mV/s)=`, or `Name=Potentiostatic EIS`), and
 * one `<Segment1>` whose `Definition=` line names the comma-separated columns (EIS: `Frequency(Hz)`,
 * `Z Real`, `Z Imag`, Z Imag signed), anodic current positive.
 */
export function toVersaStudioPar(c: SyntheticColumns): string {
  const out = ['<VersaStudioFile>', '<Application>', 'Name=VersaStudio', 'Version=2.60', '</Application>', '<Instrument>', 'Model=PARSTAT 4000A', '</Instrument>', '<Experiment>', 'DateAcquired=Wednesday, December 2, 2026', '</Experiment>', '<Action1>'];
  if (c.kind === 'eis') {
    out.push('Name=Potentiostatic EIS', `Start Frequency (Hz)=${Math.max(...c.frequency)}`, `End Frequency (Hz)=${Math.min(...c.frequency)}`, '</Action1>', '<Segment1>', 'Type=2', 'Definition=Segment #, Point #, E(V), I(A), Elapsed Time(s), Frequency(Hz), Z Real, Z Imag');
    for (let k = 0; k < c.frequency.length; k++) out.push(['1', String(k), '0', '0', e(k), e(c.frequency[k]!), e(c.re[k]!), e(c.im[k]!)].join(','));
  } else {
    if (c.technique !== 'cv') throw new Error('VersaStudio layout: only a CV or a spectrum');
    out.push('Name=Cyclic Voltammetry (Multiple Cycles)', `Scan Rate (mV/s)=${(c.scanRate ?? 0) * 1e3}`, '</Action1>', '<Segment1>', 'Definition=Segment #, Point #, E(V), I(A), Elapsed Time(s), Current Range, Status, E Applied(V), Cycle #');
    for (let k = 0; k < c.time.length; k++) out.push(['1', String(k), e(c.v[k]!), e(c.i[k]!), e(c.time[k]!), '2', '0', e(c.v[k]!), String(c.cycle[k]!)].join(','));
  }
  out.push('</Segment1>', '</VersaStudioFile>');
  return crlf(out);
}

/**
 * Parstat (PowerSine/PowerCV) text export, as impedance.py's sample `exampleDataParstat.txt`: one
 * tab-separated headed table, every row ending in a tab, `Potential (V)`, `Current (A)`, `Elapsed
 * Time (s)`, `Frequency (Hz)`, `Zre (ohms)`, `Zim (ohms)`, `|Vac| (V)`, `|Iac| (A)`; a DC run writes
 * zeros in the AC columns.
 */
export function toParstatText(c: SyntheticColumns): string {
  const out = ['Potential (V)\tCurrent (A)\tElapsed Time (s)\tFrequency (Hz)\tZre (ohms)\tZim (ohms)\t|Vac| (V)\t|Iac| (A)\t'];
  if (c.kind === 'eis') {
    for (let k = 0; k < c.frequency.length; k++) out.push(['0', '0', e(k), e(c.frequency[k]!), e(c.re[k]!), e(c.im[k]!), '0.01', e(0.01 / mag(c, k))].join('\t') + '\t');
  } else {
    for (let k = 0; k < c.time.length; k++) out.push([e(c.v[k]!), e(c.i[k]!), e(c.time[k]!), '0', '0', '0', '0', '0'].join('\t') + '\t');
  }
  return crlf(out);
}

/** Solartron PowerSuite text export, as impedance.py's `exampleDataPowersuite.txt`: `Frequency\t Zre\t Zimg`, SI, Zimg signed. */
export function toPowerSuiteText(c: SyntheticColumns): string {
  if (c.kind !== 'eis') throw new Error('PowerSuite layout: spectra only');
  const out = ['Frequency\t Zre\t Zimg'];
  for (let k = 0; k < c.frequency.length; k++) out.push(`${e(c.frequency[k]!)}\t ${e(c.re[k]!)}\t ${e(c.im[k]!)}`);
  return out.join('\n') + '\n';
}

/** Scribner ZPlot `.z`: `ZPLOT2 ASCII`, comments, `End Comments:`, then comma rows in the fixed ZPlot2 order (Z'' signed). */
export function toZplot(c: SyntheticColumns): string {
  if (c.kind !== 'eis') throw new Error('ZPlot layout: spectra only');
  const out = ['ZPLOT2 ASCII', '  Measured Data, ZPlot:       3.2c', '  Experiment Type:            Sweep Frequency, Control Voltage', '  Date:                       12-02-2026', '  Time:                       03:00:00', 'End Comments:'];
  for (let k = 0; k < c.frequency.length; k++) out.push([e(c.frequency[k]!), '  10', '  0', `  ${e(k)}`, `  ${e(c.re[k]!)}`, `  ${e(c.im[k]!)}`, '  0', '  0', '  3'].join(','));
  return crlf(out);
}

/** A plain CSV whose headings carry units: `time (s),E (V),I (mA),cycle` or `frequency (Hz),Z' (ohm),-Z'' (ohm)`. */
export function toHeadedCsv(c: SyntheticColumns): string {
  if (c.kind === 'eis') {
    const out = ['# instrument: nanocircuit synthetic', "frequency (Hz),Z' (ohm),-Z'' (ohm)"];
    for (let k = 0; k < c.frequency.length; k++) out.push([c.frequency[k]!, c.re[k]!, -c.im[k]!].map(e).join(','));
    return out.join('\n') + '\n';
  }
  const out = ['# instrument: nanocircuit synthetic', 'time (s),E (V),I (mA),cycle'];
  for (let k = 0; k < c.time.length; k++) out.push([e(c.time[k]!), e(c.v[k]!), e(c.i[k]! * 1e3), String(c.cycle[k]!)].join(','));
  return out.join('\n') + '\n';
}

export const VENDOR_WRITERS: Readonly<Record<VendorLayout, { write: (c: SyntheticColumns) => string; file: string; timeSeries: boolean }>> = {
  biologic: { write: toBiologicMpt, file: 'data.mpt', timeSeries: true },
  gamry: { write: toGamryDta, file: 'data.DTA', timeSeries: true },
  chi: { write: toChiTxt, file: 'data.txt', timeSeries: true },
  autolab: { write: toAutolabNova, file: 'data-nova.txt', timeSeries: true },
  par: { write: toVersaStudioPar, file: 'data.par', timeSeries: true },
  parstat: { write: toParstatText, file: 'data-parstat.txt', timeSeries: true },
  powersuite: { write: toPowerSuiteText, file: 'data-powersuite.txt', timeSeries: false },
  zplot: { write: toZplot, file: 'data.z', timeSeries: false },
  csv: { write: toHeadedCsv, file: 'data.csv', timeSeries: true },
};

export type { TimeColumns };
