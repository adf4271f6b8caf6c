/**
 * The series file format (docs/series-format.md): column names and CSV writing. Columns (units in
 * brackets, names case-insensitive):
 *
 *   time[s], phi_m[V], phi_1[V]..phi_N[V], Q_1[C]..Q_N[C], I_1[A]..I_{N-1}[A]
 *   optional: I_mig_i[A], I_diff_i[A], I_ster_i[A], I_disp_i[A] (parts of I_i), I_m[A], Q_el[C]
 *
 * Lines starting with `#` before the header carry metadata as `# key: value`.
 */
import type { SlitSeries } from '../series/slitSeries.js';
import { toCsv } from './csv.js';

/** Column names of a series, in file order; the reader and writer share this. */
export function seriesColumns(s: SlitSeries): Array<{ name: string; data: Float64Array }> {
  const cols: Array<{ name: string; data: Float64Array }> = [
    { name: 'time[s]', data: s.time },
    { name: 'phi_m[V]', data: s.phiM },
  ];
  s.phi.forEach((d, i) => cols.push({ name: `phi_${i + 1}[V]`, data: d }));
  s.charge.forEach((d, i) => cols.push({ name: `Q_${i + 1}[C]`, data: d }));
  s.current.forEach((d, i) => cols.push({ name: `I_${i + 1}[A]`, data: d }));
  if (s.parts) {
    const p = s.parts;
    p.migration.forEach((d, i) => cols.push({ name: `I_mig_${i + 1}[A]`, data: d }));
    p.diffusion.forEach((d, i) => cols.push({ name: `I_diff_${i + 1}[A]`, data: d }));
    p.steric.forEach((d, i) => cols.push({ name: `I_ster_${i + 1}[A]`, data: d }));
    p.displacement?.forEach((d, i) => cols.push({ name: `I_disp_${i + 1}[A]`, data: d }));
  }
  if (s.totalCurrent) cols.push({ name: 'I_m[A]', data: s.totalCurrent });
  if (s.electrodeCharge) cols.push({ name: 'Q_el[C]', data: s.electrodeCharge });
  return cols;
}

/** The series as CSV text: metadata comments, header, one row per time point (17 significant digits). */
export function seriesToCsv(s: SlitSeries): string {
  const cols = seriesColumns(s);
  const comments = ['nanocircuit-series: 1', ...Object.entries(s.meta).map(([k, v]) => `${k}: ${v}`)];
  function* rows(): Generator<string[]> {
    const row: string[] = new Array<string>(cols.length);
    for (let r = 0; r < s.time.length; r++) {
      for (let c = 0; c < cols.length; c++) row[c] = String(cols[c]!.data[r]);
      yield row;
    }
  }
  return toCsv({ comments, header: cols.map((c) => c.name), rows: rows() });
}
