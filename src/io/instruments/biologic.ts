/**
 * BioLogic EC-Lab `.mpt` (Export as text): `EC-Lab ASCII FILE`, `Nb header lines : N`, the
 * technique name, a settings block (`dE/dt`, `dE/dt unit`, `E1 (V)`, `Is`, `unit Is`, ...), then the
 * tab-separated table whose heading is line N: `time/s`, `Ewe/V`, `<I>/mA` or `I/mA`, `cycle number`,
 * and for PEIS/GEIS `freq/Hz`, `Re(Z)/Ohm`, `-Im(Z)/Ohm`. Decimal commas in French/German locales.
 * EC-Lab writes anodic current positive and -Im(Z) (positive for a capacitive electrode).
 */
import { InputError } from '../../diagnostics.js';
import { headerNumber, readHeadedBlock, type TextLines } from './table.js';
import type { Technique } from './types.js';
import { CM2, type VendorRead } from './vendor.js';

export function isBiologic(lines: string[]): boolean {
  return /^(EC|BT)-Lab ASCII FILE/i.test(lines[0]?.trim() ?? '');
}

const TECHNIQUES: Array<[RegExp, Technique]> = [
  [/Electrochemical Impedance Spectroscopy/i, 'eis'],
  [/Cyclic Voltammetry/i, 'cv'],
  [/Galvanostatic Cycling/i, 'gcd'],
  [/Chronopotentiometry/i, 'gcd'],
  [/Chronoamperometry/i, 'chrono'],
];

export function readBiologic(src: TextLines): VendorRead {
  const lines = src.lines;
  const nbAt = lines.findIndex((l) => /^Nb header lines\s*:/i.test(l));
  if (nbAt < 0) throw new InputError("EC-Lab file without 'Nb header lines : N'", { loc: { file: src.file, line: 2, column: 1 } });
  const n = Number(/:\s*(\d+)/.exec(lines[nbAt]!)?.[1]);
  if (!Number.isInteger(n) || n < 3 || n > lines.length) {
    throw new InputError(`'Nb header lines' must be a line number inside the file (it has ${lines.length} lines)`, { loc: { file: src.file, line: nbAt + 1, column: 1 } });
  }
  const header: Record<string, string> = {};
  // Settings rows hold one value per sequence (Ns 0, 1, 2, ...), in columns 20 characters wide.
  const settings = new Map<string, string[]>();
  let techniqueLabel: string | undefined;
  let technique: Technique | undefined;
  for (let k = 1; k < n - 1; k++) {
    const l = lines[k]!;
    if (!technique) {
      const hit = TECHNIQUES.find(([re]) => re.test(l));
      if (hit && !l.includes(':')) {
        techniqueLabel = l.trim();
        technique = hit[1];
        continue;
      }
    }
    const kv = /^([^:]+?)\s*:\s*(.*)$/.exec(l);
    if (kv) header[kv[1]!.trim()] = kv[2]!.trim();
    else {
      const st = /^(\S.*?)\s{2,}(\S.*)$/.exec(l);
      if (st) settings.set(st[1]!.trim(), st[2]!.trim().split(/\s{2,}/));
    }
  }
  const table = readHeadedBlock(src, n - 1, { delimiter: '\t' });
  const meta: VendorRead['meta'] = {};
  const device = header['Device'] ?? header['Run on channel'];
  if (device) meta.instrument = `BioLogic ${device}`;
  const date = header['Acquisition started on'];
  if (date) meta.date = date;
  const area = /^([\d.,]+)\s*cm/.exec(header['Electrode surface area'] ?? '');
  if (area) meta.electrodeArea = headerNumber(area[1])! * CM2;
  const first = (k: string): number | undefined => headerNumber(settings.get(k)?.[0]);
  const rate = first('dE/dt');
  if (rate !== undefined) {
    const unit = settings.get('dE/dt unit')?.[0] ?? 'mV/s';
    meta.scanRate = rate * (unit.startsWith('mV') ? 1e-3 : 1);
  }
  const limits = ['Ei (V)', 'E1 (V)', 'E2 (V)', 'Ef (V)', 'EM (V)'].map(first).filter((x): x is number => x !== undefined);
  if (limits.length) meta.potentialLimits = limits;
  const is = settings.get('Is');
  if (is) {
    const units = settings.get('unit Is') ?? [];
    const scale = (u: string | undefined): number => (u === 'A' ? 1 : u === 'µA' || u === 'uA' ? 1e-6 : u === 'nA' ? 1e-9 : 1e-3);
    const currents = is.map((x, k) => (headerNumber(x) ?? NaN) * scale(units[k] ?? units[0]));
    if (currents.every(Number.isFinite)) meta.setCurrents = currents;
  }
  for (const [k, v] of settings) header[k] = v.join(' | ');
  return {
    tables: [{ table }],
    ...(technique ? { technique } : {}),
    ...(techniqueLabel ? { techniqueLabel } : {}),
    currentFactor: 1,
    signNote: 'EC-Lab writes anodic current positive (kept); -Im(Z) is negated to im(z)',
    meta,
    header,
  };
}
