/**
 * Princeton Applied Research VersaStudio `.par`: an INI/XML-like text with `<Application>`,
 * `<Instrument>` (`Model=`), `<Experiment>`/`<ActionN>` blocks (`Name=Cyclic Voltammetry ...`,
 * `key=value` parameters) and data in `<SegmentN>` blocks whose first line is
 * `Definition=Segment #, Point #, E(V), I(A), Elapsed Time(s), ...` followed by comma-separated rows.
 * Layout taken from files seen in the wild, not from a vendor specification (see docs/import.md).
 * VersaStudio's default is anodic current positive.
 */
import { InputError } from '../../diagnostics.js';
import { headerNumber, readHeadedBlock, type TextLines } from './table.js';
import type { Technique } from './types.js';
import type { VendorRead, VendorTable } from './vendor.js';

export function isPar(lines: string[]): boolean {
  return lines.some((l) => /^<Segment\d+>/.test(l.trim())) && lines.some((l) => /^Definition=/.test(l.trim()));
}

const TECHNIQUES: Array<[RegExp, Technique]> = [
  [/Impedance|EIS/i, 'eis'],
  [/Cyclic Voltammetry/i, 'cv'],
  [/Chronopotentiometry|Galvanostatic|Charge|Discharge/i, 'gcd'],
  [/Chronoamperometry|Potentiostatic/i, 'chrono'],
];

export function readPar(src: TextLines): VendorRead {
  const header: Record<string, string> = {};
  const tables: VendorTable[] = [];
  let techniqueLabel: string | undefined;
  let technique: Technique | undefined;
  for (let k = 0; k < src.lines.length; k++) {
    const l = src.lines[k]!.trim();
    const seg = /^<Segment(\d+)>$/.exec(l);
    if (seg) {
      // The segment's own key=value lines (e.g. its type) may come before and after `Definition=`;
      // the data rows are the lines after it that start with a number.
      let def = k + 1;
      while (def < src.lines.length && !/^Definition=/.test(src.lines[def]!.trim()) && !src.lines[def]!.trim().startsWith('</Segment')) def++;
      if (!/^Definition=/.test(src.lines[def]?.trim() ?? '')) throw new InputError(`<Segment${seg[1]}> has no 'Definition=' line naming its columns`, { loc: { file: src.file, line: k + 1, column: 1 } });
      let firstData = def + 1;
      while (firstData < src.lines.length && /^[A-Za-z][^=]*=/.test(src.lines[firstData]!.trim())) firstData++;
      // Read the heading without its `Definition=` prefix.
      const lines = src.lines.slice();
      // VersaStudio ends an EIS Definition with a bare `, 0` that heads no column: drop it.
      lines[def] = src.lines[def]!.trim().slice('Definition='.length).replace(/,\s*\d+\s*$/, '');
      const t = readHeadedBlock({ file: src.file, lines }, def, { delimiter: ',', firstData, endsAt: (x) => x.trim().startsWith('</Segment') });
      tables.push({ table: t });
      k = (t.rowLines[t.rowLines.length - 1] ?? def + 1) - 1;
      continue;
    }
    const kv = /^([^=<>]+)=(.*)$/.exec(l);
    if (kv) {
      const key = kv[1]!.trim();
      if (key === 'Name' && !technique) {
        const hit = TECHNIQUES.find(([re]) => re.test(kv[2]!));
        if (hit) {
          technique = hit[1];
          techniqueLabel = kv[2]!.trim();
        }
      }
      if (!(key in header)) header[key] = kv[2]!.trim();
    }
  }
  if (tables.length === 0) throw new InputError('VersaStudio file without a <Segment> data block', { loc: { file: src.file, line: src.lines.length, column: 1 } });
  const meta: VendorRead['meta'] = {};
  if (header.Model) meta.instrument = `Princeton Applied Research ${header.Model}`;
  const date = header.DateAcquired ?? header.Date;
  if (date) meta.date = date;
  const rateKey = Object.keys(header).find((k) => /^Scan ?Rate/i.test(k));
  const rate = rateKey ? headerNumber(header[rateKey]) : undefined;
  if (rate !== undefined) meta.scanRate = rate * (/mV/.test(rateKey!) ? 1e-3 : 1);
  const area = headerNumber(header.Area ?? header.ElectrodeArea);
  if (area !== undefined) meta.electrodeArea = area * 1e-4;
  return {
    tables,
    ...(technique ? { technique } : {}),
    ...(techniqueLabel ? { techniqueLabel } : {}),
    currentFactor: 1,
    signNote: "VersaStudio's default writes anodic current positive (kept); Z'' as written",
    meta,
    header,
  };
}
