/**
 * The per-slit time-series format that links the nanoscale (mPNP) to extraction and discovery.
 * Documented in docs/series-format.md. CSV columns (units in brackets, names case-insensitive):
 *
 *   time[s], phi_m[V], phi_1[V]..phi_N[V], Q_1[C]..Q_N[C], I_1[A]..I_{N-1}[A]
 *   optional: I_mig_i[A], I_diff_i[A], I_ster_i[A], I_disp_i[A] (parts of I_i), I_m[A], Q_el[C]
 *
 * Lines starting with `#` before the header carry metadata as `# key: value`.
 * Slit 1 is nearest the reservoir. I_i is the trans-slit current between slit i and slit i+1,
 * positive when positive charge flows from slit i+1 toward slit i (toward the reservoir), so that
 * dphi_i = phi_{i+1} - phi_i and I_i are both positive while a positive sheet charges.
 * Q_i is the net ionic charge in slit i (negative for a positively polarised sheet), per unit depth
 * if meta.depth says so.
 */
export interface SlitSeries {
  meta: Record<string, string | number>;
  time: Float64Array;
  /** Sheet (electrode) potential phi_m(t), V. */
  phiM: Float64Array;
  /** phi_i at the slit middle, one array per slit (index 0 is slit 1). */
  phi: Float64Array[];
  /** Q_i, net ionic charge per slit (index 0 is slit 1). */
  charge: Float64Array[];
  /** I_i between slit i and i+1 (index 0 is I_1); length = slits - 1. */
  current: Float64Array[];
  /** Optional split of each I_i; the parts add up to current[i]. */
  parts?: {
    migration: Float64Array[];
    diffusion: Float64Array[];
    steric: Float64Array[];
    displacement?: Float64Array[];
  };
  /** Total current into the electrode, A (optional). */
  totalCurrent?: Float64Array;
  /** Electrode charge, C (optional). */
  electrodeCharge?: Float64Array;
}

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
  const lines: string[] = ['# nanocircuit-series: 1'];
  for (const [k, v] of Object.entries(s.meta)) lines.push(`# ${k}: ${v}`);
  lines.push(cols.map((c) => c.name).join(','));
  const n = s.time.length;
  const row: string[] = new Array<string>(cols.length);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < cols.length; c++) row[c] = String(cols[c]!.data[r]);
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
