/**
 * CH Instruments "Convert to Text" export: a date line, the technique (`Cyclic Voltammetry`,
 * `A.C. Impedance`, `Amperometric i-t Curve`), `Instrument Model:`, parameters `Key (unit) = value`
 * (`Init E (V)`, `High E (V)`, `Low E (V)`, `Scan Rate (V/s)`, `Segment`), then a comma-separated
 * table headed `Potential/V, Current/A` (CV: no time column, so time is the swept distance over the
 * scan rate), `Time/sec, Current/A` (i-t) or `Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg` (EIS, Z"
 * signed). CHI's default current sign is cathodic positive (the US convention); we negate it unless
 * `--current-sign anodic` says the file was written the IUPAC way.
 */
import { InputError } from '../../diagnostics.js';
import { headerNumber, readHeadedBlock, type TextLines } from './table.js';
import type { Technique } from './types.js';
import type { VendorRead } from './vendor.js';

const TECHNIQUES: Array<[RegExp, Technique]> = [
  [/^Cyclic Voltammetry/i, 'cv'],
  [/^A\.?C\.? Impedance/i, 'eis'],
  [/^Amperometric i-t/i, 'chrono'],
];

export function isChi(lines: string[]): boolean {
  return lines.slice(0, 12).some((l) => /^Instrument Model:\s*CHI/i.test(l)) || (lines.slice(0, 4).some((l) => TECHNIQUES.some(([re]) => re.test(l.trim()))) && lines.some((l) => /^[A-Za-z ]+\([^)]*\) = /.test(l)));
}

export function readChi(src: TextLines): VendorRead {
  const header: Record<string, string> = {};
  let techniqueLabel: string | undefined;
  let technique: Technique | undefined;
  let headingAt = -1;
  for (let k = 0; k < src.lines.length; k++) {
    const l = src.lines[k]!.trim();
    if (/^(Potential\/V|Time\/s|Freq\/Hz)/i.test(l) && l.includes(',')) {
      headingAt = k;
      break;
    }
    const hit = TECHNIQUES.find(([re]) => re.test(l));
    if (hit && !technique) {
      technique = hit[1];
      techniqueLabel = l;
      continue;
    }
    const kv = /^(.+?)\s*[=:]\s*(.*)$/.exec(l);
    if (kv) header[kv[1]!] = kv[2]!;
  }
  if (headingAt < 0) throw new InputError("CHI file without a table heading ('Potential/V, Current/A', 'Time/sec, ...' or 'Freq/Hz, ...')", { loc: { file: src.file, line: src.lines.length, column: 1 } });
  const table = readHeadedBlock(src, headingAt, { delimiter: ',' });
  const meta: VendorRead['meta'] = {};
  const model = header['Instrument Model'];
  if (model) meta.instrument = `CH Instruments ${model}`;
  if (src.lines[0] && /\d{4}/.test(src.lines[0])) meta.date = src.lines[0].trim();
  const rate = headerNumber(header['Scan Rate (V/s)']);
  if (rate !== undefined) meta.scanRate = rate;
  const limits = ['Init E (V)', 'High E (V)', 'Low E (V)', 'Final E (V)'].map((k) => headerNumber(header[k])).filter((x): x is number => x !== undefined);
  if (limits.length) meta.potentialLimits = limits;
  return {
    tables: [{ table }],
    ...(technique ? { technique } : {}),
    ...(techniqueLabel ? { techniqueLabel } : {}),
    currentFactor: -1,
    signNote: 'CH Instruments writes cathodic current positive by default (negated to anodic positive; override with --current-sign anodic); Z" signed (kept)',
    cyclesFromSegments: true,
    meta,
    header,
  };
}
