import type { SlitSeries } from '../series/slitSeries.js';
import type { Extraction } from './extractParameters.js';
import type { OpenSpace } from './ncmNetlist.js';

/**
 * C_open from the charge the electrode holds outside its slits, when the series has the electrode
 * charge: Q_out = -(Q_el + sum_i Q_i) is the ionic charge of the open-space double layer, and the
 * reservoir side of that layer sits near 0 V, so Q_out = -C_open phi_m (least squares through 0).
 */
export function openSpaceCapacitance(s: SlitSeries): number | undefined {
  const qel = s.electrodeCharge;
  if (!qel) return undefined;
  let num = 0;
  let den = 0;
  for (let r = 0; r < s.time.length; r++) {
    let qSlits = 0;
    for (const q of s.charge) qSlits += q[r]!;
    const qOut = -(qel[r]! + qSlits);
    const v = s.phiM[r]!;
    num += -qOut * v;
    den += v * v;
  }
  const c = den > 0 ? num / den : NaN;
  return c > 0 && Number.isFinite(c) ? c : undefined;
}

/**
 * Open-space elements: command-line options first, then the series metadata, then (for C_open) the
 * electrode charge outside the slits, else a stated assumption.
 */
export function openSpace(s: SlitSeries, ex: Extraction, ropen?: number, copen?: number): { open: OpenSpace; warning?: string } {
  const metaNum = (k: string): number | undefined => (typeof s.meta[k] === 'number' && (s.meta[k] as number) > 0 ? (s.meta[k] as number) : undefined);
  const fromCharge = openSpaceCapacitance(s);
  const r = ropen ?? metaNum('ropen');
  const c = copen ?? metaNum('copen') ?? fromCharge;
  const from = (opt: number | undefined, meta: number | undefined, fit?: number): string =>
    opt !== undefined ? 'option' : meta !== undefined ? 'series metadata' : fit !== undefined ? 'the electrode charge outside the slits' : 'assumed';
  const src = `ropen from ${from(ropen, metaNum('ropen'))}, copen from ${from(copen, metaNum('copen'), fromCharge)}`;
  if (r !== undefined && c !== undefined) return { open: { ropen: r, copen: c, source: src } };
  const assumed = [r === undefined ? 'ropen = rc' : '', c === undefined ? 'copen = cs' : ''].filter(Boolean).join(', ');
  const open = { ropen: r ?? ex.resistance.pooled.rc, copen: c ?? ex.capacitance.value, source: `${src} (not identifiable from the series: ${assumed} assumed)` };
  return {
    open,
    warning: `warning: the series does not determine ${r === undefined ? 'Ropen' : ''}${r === undefined && c === undefined ? '/' : ''}${c === undefined ? 'Copen' : ''} (give --ropen/--copen or meta ropen/copen); assumed ${assumed}`,
  };
}
