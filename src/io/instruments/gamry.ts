/**
 * Gamry Framework `.DTA` (EXPLAIN format): `EXPLAIN`, `TAG<tab>CV|CHRONOA|CHRONOP|EISPOT|EISGALV`,
 * header rows `KEY<tab>TYPE<tab>VALUE<tab>label` (SCANRATE in mV/s, VLIMIT1/2 in V, AREA in cm^2,
 * DATE, TIME, PSTAT), then tables `CURVEn<tab>TABLE[<tab>points]` (one per CV cycle, or `CURVE` for
 * chrono) and `ZCURVE<tab>TABLE` for EIS, each a heading row (`Pt T Vf Im ...`, `Pt Time Freq Zreal
 * Zimag ...`), a units row and tab-led data rows. `OCVCURVE` (the rest potential before the run) is
 * not the experiment and is skipped. An aborted run has fewer rows than its table announced.
 * Gamry writes anodic current positive and Zimag signed (negative for a capacitive electrode).
 */
import { InputError } from '../../diagnostics.js';
import { headerNumber, readHeadedBlock, type TextLines } from './table.js';
import type { Technique } from './types.js';
import { CM2, type VendorRead, type VendorTable } from './vendor.js';

export function isGamry(lines: string[]): boolean {
  return lines[0]?.trim() === 'EXPLAIN' || /^TAG\t/.test(lines[1] ?? '');
}

const TAGS: Record<string, Technique> = { CV: 'cv', CHRONOA: 'chrono', CHRONOP: 'gcd', CHRONOC: 'chrono', EISPOT: 'eis', EISGALV: 'eis', GALVEIS: 'eis' };

export function readGamry(src: TextLines): VendorRead {
  const header: Record<string, string> = {};
  const tables: VendorTable[] = [];
  let tag: string | undefined;
  for (let k = 0; k < src.lines.length; k++) {
    const cells = src.lines[k]!.split('\t');
    const key = cells[0]!.trim();
    if (key === 'TAG') tag = cells[1]?.trim();
    const table = /^(Z?CURVE\d*|OCVCURVE)$/.exec(key);
    if (table && cells[1]?.trim() === 'TABLE') {
      const declared = headerNumber(cells[2]);
      if (k + 2 >= src.lines.length) throw new InputError(`${key} TABLE without a heading and a units row`, { loc: { file: src.file, line: k + 1, column: 1 } });
      const t = readHeadedBlock(src, k + 1, { delimiter: '\t', unitsLine: k + 2, leadingDelimiter: true, endsAt: (l) => !l.startsWith('\t') });
      if (key !== 'OCVCURVE') {
        const n = /^CURVE(\d+)$/.exec(key);
        tables.push({ table: t, ...(n ? { cycle: Number(n[1]) } : {}), ...(declared !== undefined ? { declared } : {}) });
      }
      k = (t.rowLines[t.rowLines.length - 1] ?? k + 3) - 1;
      continue;
    }
    if (cells.length >= 3 && /^[A-Z][A-Z0-9_]*$/.test(key)) header[key] = cells[2]!.trim();
  }
  if (tables.length === 0) throw new InputError('Gamry file without a CURVE or ZCURVE table', { loc: { file: src.file, line: src.lines.length, column: 1 } });
  // CV cycles come as CURVE1, CURVE2, ...; a lone CURVE table has no cycles.
  if (tables.length === 1 && tables[0]!.cycle === 1) delete tables[0]!.cycle;
  const meta: VendorRead['meta'] = {};
  if (header.PSTAT) meta.instrument = `Gamry ${header.PSTAT}`;
  if (header.DATE) meta.date = `${header.DATE}${header.TIME ? ` ${header.TIME}` : ''}`;
  const rate = headerNumber(header.SCANRATE);
  if (rate !== undefined) meta.scanRate = rate * 1e-3;
  const limits = ['VINIT', 'VLIMIT1', 'VLIMIT2', 'VFINAL'].map((k) => headerNumber(header[k])).filter((x): x is number => x !== undefined);
  if (limits.length) meta.potentialLimits = limits;
  const currents = ['ISTEP1', 'ISTEP2'].map((k) => headerNumber(header[k])).filter((x): x is number => x !== undefined);
  if (currents.length) meta.setCurrents = currents;
  const area = headerNumber(header.AREA);
  if (area !== undefined) meta.electrodeArea = area * CM2;
  const technique = tag ? TAGS[tag] : undefined;
  return {
    tables,
    ...(technique ? { technique } : {}),
    ...(tag ? { techniqueLabel: tag } : {}),
    currentFactor: 1,
    signNote: 'Gamry writes anodic current positive (kept) and Zimag signed (kept)',
    leadingDelimiter: true,
    meta,
    header,
  };
}
