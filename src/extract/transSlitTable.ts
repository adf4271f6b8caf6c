/**
 * The derived per-trans-slit quantities of a series as a CSV table for `ncm discover`: for every row,
 * dphi_i = phi_{i+1} - phi_i, I_i, Q_i and q_i = Q_i / Q_i^max (Q_i^max from the extraction).
 */
import type { SlitSeries } from '../series/slitSeries.js';
import type { Extraction } from './extractParameters.js';
import { toCsv } from '../io/csv.js';

export function transSlitTable(s: SlitSeries, ex: Extraction): string {
  const m = s.current.length;
  const head = ['time'];
  for (let i = 1; i <= m; i++) head.push(`dphi_${i}`, `I_${i}`, `Q_${i}`, `q_${i}`);
  const rows: string[][] = [];
  for (let r = 0; r < s.time.length; r++) {
    const row = [String(s.time[r])];
    for (let i = 0; i < m; i++) {
      const q = s.charge[i]![r]!;
      row.push(String(s.phi[i + 1]![r]! - s.phi[i]![r]!), String(s.current[i]![r]), String(q), String(q / ex.transSlits[i]!.qmax));
    }
    rows.push(row);
  }
  return toCsv({ comments: ['per-trans-slit table: dphi_i [V] = phi_{i+1} - phi_i, I_i [A], Q_i [C], q_i [1] = Q_i/Q_i^max'], header: head, rows });
}
