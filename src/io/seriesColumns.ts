/**
 * Column naming rules of the series format, shared by the CSV and JSON readers: which names exist,
 * their units, and how a set of named columns becomes a `SlitSeries` (or which columns are missing).
 */
import type { SlitSeries } from '../series/slitSeries.js';

/** What a column holds, parsed from a header such as `Q_3[C]` or `I_mig_2[A]`. */
export type ColumnKind = 'time' | 'phi_m' | 'phi' | 'Q' | 'I' | 'I_mig' | 'I_diff' | 'I_ster' | 'I_disp' | 'I_m' | 'Q_el';

export interface ColumnName {
  kind: ColumnKind;
  /** 1-based slit or trans-slit index for per-slit kinds, 0 otherwise. */
  index: number;
}

const UNIT: Record<ColumnKind, string> = {
  time: 's',
  phi_m: 'V',
  phi: 'V',
  Q: 'C',
  I: 'A',
  I_mig: 'A',
  I_diff: 'A',
  I_ster: 'A',
  I_disp: 'A',
  I_m: 'A',
  Q_el: 'C',
};

/** Canonical header text of a column, e.g. `phi_2[V]`. */
export function columnHeader(c: ColumnName): string {
  const base = c.index > 0 ? `${c.kind}_${c.index}` : c.kind;
  return `${base}[${UNIT[c.kind]}]`;
}

/**
 * Parses one header cell. Returns the column or an error text saying what was expected. Names are
 * case-insensitive; the unit in brackets is required and must be the SI unit of the column.
 */
export function parseColumnName(text: string): ColumnName | { error: string } {
  const m = /^\s*([A-Za-z_]+?)(?:_(\d+))?\s*(?:\[\s*([^\]]*)\s*\])?\s*$/.exec(text);
  if (!m) return { error: `cannot read column name '${text}' (expected e.g. 'time[s]', 'phi_1[V]', 'Q_1[C]', 'I_1[A]')` };
  const rawBase = m[1]!.toLowerCase();
  const idx = m[2] === undefined ? 0 : Number(m[2]);
  const unit = m[3];
  const kinds: Record<string, ColumnKind> = {
    time: 'time',
    phi: 'phi',
    q: 'Q',
    i: 'I',
    i_mig: 'I_mig',
    i_diff: 'I_diff',
    i_ster: 'I_ster',
    i_disp: 'I_disp',
  };
  let kind: ColumnKind | undefined;
  if (rawBase === 'phi' && m[2] === undefined) kind = undefined;
  else if (rawBase === 'phi_m') kind = 'phi_m';
  else if (rawBase === 'i_m' && idx === 0) kind = 'I_m';
  else if (rawBase === 'q_el' && idx === 0) kind = 'Q_el';
  else kind = kinds[rawBase];
  if (kind === undefined) return { error: `unknown column '${text.trim()}' (expected time, phi_m, phi_i, Q_i, I_i, I_mig_i, I_diff_i, I_ster_i, I_disp_i, I_m or Q_el with a unit in brackets)` };
  const perSlit = kind !== 'time' && kind !== 'phi_m' && kind !== 'I_m' && kind !== 'Q_el';
  if (perSlit && idx < 1) return { error: `column '${text.trim()}' needs a slit index starting at 1, e.g. '${kind}_1[${UNIT[kind]}]'` };
  if (!perSlit && m[2] !== undefined) return { error: `column '${text.trim()}' takes no index` };
  if (unit === undefined || unit === '') return { error: `column '${text.trim()}' has no unit; expected '[${UNIT[kind]}]'` };
  if (unit !== UNIT[kind]) return { error: `column '${text.trim()}' has unit '${unit}'; expected '${UNIT[kind]}' (SI)` };
  return { kind, index: perSlit ? idx : 0 };
}

/** A key that identifies a column regardless of spelling: `Q#3`. */
export function columnKey(c: ColumnName): string {
  return `${c.kind}#${c.index}`;
}

/**
 * Assembles a series from parsed columns. Returns the list of missing columns (canonical headers)
 * when the set is incomplete: phi_1..phi_N and Q_1..Q_N, I_1..I_{N-1}, and for each optional current
 * part present, all of its N-1 columns (migration, diffusion and steric come together).
 */
export function assembleSeries(
  meta: Record<string, string | number>,
  cols: ReadonlyMap<string, Float64Array>,
): { series: SlitSeries; missing: [] } | { series?: undefined; missing: string[] } {
  const missing: string[] = [];
  const get = (kind: ColumnKind, index = 0): Float64Array | undefined => cols.get(columnKey({ kind, index }));
  const need = (kind: ColumnKind, index = 0): Float64Array => {
    const d = get(kind, index);
    if (!d) missing.push(columnHeader({ kind, index }));
    return d ?? new Float64Array(0);
  };
  let n = 0;
  for (const k of cols.keys()) {
    const [kind, idx] = k.split('#') as [ColumnKind, string];
    if (kind === 'phi' || kind === 'Q') n = Math.max(n, Number(idx));
    if (kind === 'I' || kind === 'I_mig' || kind === 'I_diff' || kind === 'I_ster' || kind === 'I_disp') n = Math.max(n, Number(idx) + 1);
  }
  const time = need('time');
  const phiM = need('phi_m');
  if (n === 0) missing.push('phi_1[V]', 'Q_1[C]');
  const range = (len: number): number[] => Array.from({ length: len }, (_, i) => i + 1);
  const phi = range(n).map((i) => need('phi', i));
  const charge = range(n).map((i) => need('Q', i));
  const current = range(n - 1).map((i) => need('I', i));
  const has = (kind: ColumnKind): boolean => range(n - 1).some((i) => get(kind, i) !== undefined);
  let parts: SlitSeries['parts'];
  if (has('I_mig') || has('I_diff') || has('I_ster') || has('I_disp')) {
    parts = {
      migration: range(n - 1).map((i) => need('I_mig', i)),
      diffusion: range(n - 1).map((i) => need('I_diff', i)),
      steric: range(n - 1).map((i) => need('I_ster', i)),
    };
    if (has('I_disp')) parts.displacement = range(n - 1).map((i) => need('I_disp', i));
  }
  if (missing.length > 0) return { missing };
  const series: SlitSeries = { meta, time, phiM, phi, charge, current };
  if (parts) series.parts = parts;
  const im = get('I_m');
  if (im) series.totalCurrent = im;
  const qel = get('Q_el');
  if (qel) series.electrodeCharge = qel;
  return { series, missing: [] };
}
