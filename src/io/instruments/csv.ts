/**
 * Headed tables: a plain CSV (or semicolon/tab separated) whose first non-`#` line names the
 * columns with units (`time[s]`, `E (V)`, `I/mA`, `frequency (Hz)`, `Re(Z)/Ohm`), and Metrohm Autolab
 * Nova / FRA ASCII exports, which are such tables with Nova's headings (`Time (s)`, `WE(1).Potential
 * (V)`, `WE(1).Current (A)`, `Scan`; `Frequency (Hz)`, `Z' (Ω)`, `-Z'' (Ω)`). `#` lines before the
 * heading are kept as header text (`# key: value`). Nova writes anodic current positive.
 */
import { InputError } from '../../diagnostics.js';
import { readHeadedBlock, type TextLines } from './table.js';
import type { VendorRead } from './vendor.js';

function headingIndex(lines: string[]): number {
  return lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** Nova and FRA headings: `WE(1).`, `Potential applied (V)` or `-Z'' (Ω)` next to `Frequency (Hz)`. */
export function isAutolab(lines: string[]): boolean {
  const h = lines[headingIndex(lines)] ?? '';
  return /WE\(\d+\)\./.test(h) || /Potential applied \(V\)/.test(h) || (/Frequency \(Hz\)/.test(h) && /-Z'' \(/.test(h));
}

export function isHeadedCsv(lines: string[]): boolean {
  const h = lines[headingIndex(lines)] ?? '';
  return /[A-Za-z]/.test(h) && /[,;\t]/.test(h);
}

export function readHeadedCsv(src: TextLines, vendor: 'csv' | 'autolab'): VendorRead {
  const at = headingIndex(src.lines);
  if (at < 0) throw new InputError('expected a heading row naming the columns', { loc: { file: src.file, line: 1, column: 1 } });
  const header: Record<string, string> = {};
  for (let k = 0; k < at; k++) {
    const kv = /^#\s*([^:]+?)\s*:\s*(.*)$/.exec(src.lines[k]!);
    if (kv) header[kv[1]!] = kv[2]!.trim();
  }
  const table = readHeadedBlock(src, at);
  return {
    tables: [{ table }],
    currentFactor: 1,
    signNote: vendor === 'autolab' ? "Nova writes anodic current positive (kept); -Z'' is negated to im(z)" : 'current taken as anodic positive; a heading -Im(Z) or -Z\'\' is negated to im(z)',
    meta: vendor === 'autolab' ? { instrument: 'Metrohm Autolab' } : {},
    header,
  };
}
