/**
 * The per-slit time series: the data that links the nanoscale (mPNP) to extraction and discovery,
 * as the Circuit links the netlist language to the engine. Its file format (docs/series-format.md)
 * is written by src/io/series.ts and read by src/io/seriesReader.ts.
 *
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
