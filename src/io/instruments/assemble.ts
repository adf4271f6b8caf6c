/**
 * From a headed table to the project's columns, by heading (never by position): which heading is
 * time, potential, current, cycle, frequency, Re Z, Im Z; the unit from the heading or the units row;
 * the vendor's sign turned into the project's (current positive while charging, i.e. anodic; Z =
 * re + j im with capacitive im < 0).
 */
import { InputError } from '../../diagnostics.js';
import { numericColumn, type HeadedTable, type TextLines } from './table.js';
import type { ImportedColumns, ImportMetadata, Technique } from './types.js';
import { splitHeading, unitFactor, type Quantity } from './units.js';

type Field = 'time' | 'v' | 'i' | 'cycle' | 'frequency' | 're' | 'im';

/** Heading names (without unit, lower case, `WE(1).` dropped) each field may have, best first. */
const NAMES: Record<Field, RegExp[]> = {
  time: [/^time$/, /^t$/, /^elapsed time$/, /^time elapsed$/],
  v: [/^ewe$/, /^vf$/, /^potential$/, /^e$/, /^ecell$/, /^voltage$/, /^v$/, /^e we$/, /^potential applied$/, /^e applied$/],
  i: [/^<i>$/, /^i$/, /^im$/, /^current$/, /^i we$/],
  cycle: [/^cycle number$/, /^cycle$/, /^cycle #$/, /^scan$/, /^loop$/],
  frequency: [/^freq$/, /^frequency$/, /^f$/],
  re: [/^re\(z\)$/, /^zreal$/, /^z real$/, /^z'$/, /^zre$/, /^z_re$/, /^re z$/, /^z' \(a\)$/, /^z'\(a\)$/],
  im: [/^-?im\(z\)$/, /^-?zimag$/, /^-?z''$/, /^-?z"$/, /^-?zim$/, /^-?z_im$/, /^-?im z$/, /^-?z''\(b\)$/, /^-?z imag$/, /^-?zimg$/],
};
const QUANTITY: Record<Field, Quantity | undefined> = { time: 'time', v: 'potential', i: 'current', cycle: undefined, frequency: 'frequency', re: 'impedance', im: 'impedance' };

export interface Picked {
  index: number;
  heading: string;
  factor: number;
  negated: boolean;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/^we\(\d+\)\./, '').replace(/\s+/g, ' ');
}

/** The column for a field, or undefined; a heading with a unit of the wrong kind is an error. */
export function pickColumn(t: HeadedTable, field: Field): Picked | undefined {
  for (const re of NAMES[field]) {
    for (let c = 0; c < t.headings.length; c++) {
      const heading = t.headings[c]!;
      const { name, unit } = splitHeading(heading);
      const n = normalise(name);
      if (!re.test(n)) continue;
      const unitText = t.units?.[c] ?? unit;
      // No unit written (EC-Lab's `cycle number`, ZPlot's Z'): the value is taken as SI.
      let factor = 1;
      const q = QUANTITY[field];
      if (q && unitText !== undefined && unitText !== '') {
        const u = unitFactor(unitText);
        if (!u || u.quantity !== q) {
          throw new InputError(`column '${heading}': unit '${unitText}' is not a ${q} unit (expected e.g. ${EXAMPLE[q]})`, {
            loc: { file: t.file, line: t.units ? t.headingLine + 1 : t.headingLine, column: 1 },
          });
        }
        factor = u.factor;
      }
      return { index: c, heading, factor, negated: n.startsWith('-') };
    }
  }
  return undefined;
}
const EXAMPLE: Record<Quantity, string> = { time: 's, min, h', potential: 'V, mV', current: 'A, mA, uA', frequency: 'Hz, kHz', impedance: 'Ohm, kOhm', angle: 'deg', count: '#' };

function need(t: HeadedTable, field: Field, what: string): Picked {
  const p = pickColumn(t, field);
  if (!p) {
    throw new InputError(`no ${what} column among the headings (${t.headings.join(', ')})`, { loc: { file: t.file, line: t.headingLine, column: 1 } });
  }
  return p;
}

export interface Assembled {
  columns: ImportedColumns;
  columnsRead: ImportMetadata['columnsRead'];
}

/**
 * The columns of one table. `currentFactor` is +1 when the vendor writes anodic current positive,
 * -1 for cathodic positive. `cycle` overrides the file's cycle column (Gamry: one table per cycle).
 */
export interface AssembleOptions {
  /** Rows start with a delimiter (Gamry), for cell columns in messages. */
  leading?: boolean;
  /** A CV without a time column (CHI): time is the swept potential distance over this rate, V/s. */
  scanRate?: number;
  /** A chrono without a potential column (CHI i-t): the potential held, V. */
  heldPotential?: number;
}

export function assembleTable(src: TextLines, t: HeadedTable, technique: Technique, currentFactor: number, opts: AssembleOptions = {}): Assembled {
  const leading = opts.leading ?? false;
  const read: ImportMetadata['columnsRead'] = [];
  const col = (p: Picked, name: string, extra = 1): Float64Array => {
    const f = p.factor * extra * (p.negated ? -1 : 1);
    read.push({ heading: p.heading, column: name, factor: f });
    return numericColumn(src, t, p.index, f, leading);
  };
  if (technique === 'eis') {
    const frequency = col(need(t, 'frequency', 'frequency'), 'frequency');
    const re = col(need(t, 're', 'real impedance (Re(Z), Zreal, Z\')'), 're(z)');
    const pi = need(t, 'im', 'imaginary impedance (Im(Z), -Im(Z), Zimag, Z\'\')');
    const im = col(pi, 'im(z)');
    return { columns: { kind: 'eis', frequency, re, im }, columnsRead: read };
  }
  const pt = pickColumn(t, 'time');
  const pv = pickColumn(t, 'v');
  const v = pv || opts.heldPotential === undefined ? col(pv ?? need(t, 'v', 'potential'), 'v') : new Float64Array(t.rows.length).fill(opts.heldPotential);
  let time: Float64Array;
  if (pt || opts.scanRate === undefined || technique !== 'cv') time = col(pt ?? need(t, 'time', 'time'), 'time');
  else {
    // The potential moves at the scan rate, so elapsed time is the distance swept over the rate.
    time = new Float64Array(v.length);
    for (let k = 1; k < v.length; k++) time[k] = time[k - 1]! + Math.abs(v[k]! - v[k - 1]!) / opts.scanRate;
    read.push({ heading: `(swept potential / scan rate ${opts.scanRate} V/s)`, column: 'time', factor: 1 });
  }
  const i = col(need(t, 'i', 'current'), 'i', currentFactor);
  const pc = pickColumn(t, 'cycle');
  const cycle = pc ? col(pc, 'cycle') : undefined;
  const order = ['time', 'v', 'i', 'cycle'];
  read.sort((a, b) => order.indexOf(a.column) - order.indexOf(b.column));
  return { columns: { kind: 'time', time, v, i, ...(cycle ? { cycle } : {}) }, columnsRead: read };
}

/**
 * True when the table has a frequency column and an impedance pair, i.e. it is a spectrum. A
 * frequency column of zeros (Parstat writes its AC columns in DC runs too) is not a spectrum.
 */
export function looksLikeSpectrum(t: HeadedTable): boolean {
  try {
    const f = pickColumn(t, 'frequency');
    if (!f || pickColumn(t, 're') === undefined || pickColumn(t, 'im') === undefined) return false;
    return t.rows.some((r) => Number((r[f.index] ?? '').replace(',', '.')) > 0);
  } catch {
    return false;
  }
}

/**
 * CV, GCD or other chrono from the data alone (a headed CSV names no technique): a GCD holds the
 * current at one magnitude (within 1 %, as a galvanostat does); a CV sweeps the potential at one
 * rate (within 5 %). An ideal capacitor satisfies both; the current test goes first because a
 * measured CV's current is never that flat. `--technique` settles any doubt.
 */
export function inferTimeTechnique(c: { time: Float64Array; v: Float64Array; i: Float64Array }): Technique {
  const n = c.time.length;
  if (n < 3) return 'chrono';
  const rates: number[] = [];
  for (let k = 1; k < n; k++) {
    const dt = c.time[k]! - c.time[k - 1]!;
    if (dt > 0) rates.push(Math.abs((c.v[k]! - c.v[k - 1]!) / dt));
  }
  const share = (xs: number[], tol: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    const med = s[Math.floor(s.length / 2)]!;
    if (!(med > 0)) return 0;
    return xs.filter((x) => Math.abs(x - med) <= tol * med).length / xs.length;
  };
  if (share(Array.from(c.i, Math.abs), 0.01) >= 0.8) return 'gcd';
  if (share(rates, 0.05) >= 0.8) return 'cv';
  return 'chrono';
}
