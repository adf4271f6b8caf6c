/**
 * Writes the NCM netlist of an extracted electrode: Ropen/Copen for the open space, then per slit a
 * dynamic trans-slit resistor (controlled by the charge of its upstream capacitor) and Cslit, driven by
 * the CV of the series. Comments say where every value came from.
 */
import type { Extraction } from './extractParameters.js';

export interface OpenSpace {
  ropen: number;
  copen: number;
  /** Where the values came from, for the comments: 'option', 'series metadata' or an assumption. */
  source: string;
}

/** Six significant digits, plain SI (exponent form when needed), as netlist parsers read them. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

export function ncmNetlist(ex: Extraction, open: OpenSpace, sourceName: string): string {
  const p = ex.resistance.pooled;
  const L: string[] = [];
  L.push(`NCM electrode of ${ex.slits} nanoslits extracted from ${sourceName}`);
  L.push(`* written by ncm extract; values in SI units`);
  L.push(`* rc, gamma: pooled fit of dphi_i = I_i rc (1 - gamma Q_i/Q_i^max) over ${ex.slits - 1} trans-slit series, ${p.points} points;`);
  L.push(`*   rc = ${formatNumber(p.rc)} +- ${formatNumber(p.rcStdErr)} ohm, gamma = ${formatNumber(p.gamma)} +- ${formatNumber(p.gammaStdErr)}, relative residual ${formatNumber(p.relativeResidual)}`);
  L.push(`* cs: mean of per-slit linear fits of |Q_i| against |phi_m - phi_i| (spread across slits ${formatNumber(ex.capacitance.spreadAcrossSlits)})`);
  L.push(`* ropen, copen: ${open.source}`);
  for (const w of ex.warnings) L.push(`* WARNING: ${w}`);
  L.push(`.param rc=${formatNumber(p.rc)} gamma=${formatNumber(p.gamma)} cs=${formatNumber(ex.capacitance.value)} ropen=${formatNumber(open.ropen)} copen=${formatNumber(open.copen)}`);
  L.push(`* the sheet potential phi_m, driven by the CV below`);
  L.push('Vm m 0 DC 0');
  L.push('Ropen 0 s0 {ropen}');
  L.push('Copen m s0 {copen}');
  for (let k = 1; k <= ex.slits; k++) {
    const upstream = k === 1 ? 'Copen' : `Cslit${k - 1}`;
    L.push(`RDYN${k} s${k - 1} s${k} RC={rc} GAMMA={gamma} Q=${upstream} QMAX=peak`);
    L.push(`Cslit${k} m s${k} {cs}`);
  }
  L.push(`* CV from the series' phi_m: start ${formatNumber(ex.cv.v0)} V, vertex ${formatNumber(ex.cv.vmax)} V, median sweep rate`);
  L.push(`.cv Vm ${formatNumber(ex.cv.v0)} ${formatNumber(ex.cv.vmax)} rate=${formatNumber(ex.cv.rate)}V/s cycles=2`);
  L.push('.end');
  return L.join('\n') + '\n';
}
