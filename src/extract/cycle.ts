/**
 * One cycle of a multi-cycle CV series: the paper extracts from the k-th (periodic) cycle, not from
 * the first one, which still carries the start from rest. The period is read from the triangle
 * itself (start value, far vertex and median sweep rate), so smoothed vertices work too.
 */
import { NcmError } from '../diagnostics.js';
import type { SlitSeries } from '../series/slitSeries.js';

export interface CycleSelection {
  series: SlitSeries;
  /** The cycle taken (1-based) and how many complete cycles the series holds. */
  cycle: number;
  cycles: number;
  /** CV period, s, and the time at which the cycle starts. */
  period: number;
  start: number;
}

/** CV period of a series: 2 |far vertex - start| / median |dphi_m/dt|. */
export function cvPeriod(s: SlitSeries): number {
  const v0 = s.phiM[0]!;
  let far = v0;
  for (const v of s.phiM) if (Math.abs(v - v0) > Math.abs(far - v0)) far = v;
  const rates: number[] = [];
  for (let r = 1; r < s.time.length; r++) {
    const dt = s.time[r]! - s.time[r - 1]!;
    if (dt > 0) rates.push(Math.abs((s.phiM[r]! - s.phiM[r - 1]!) / dt));
  }
  rates.sort((a, b) => a - b);
  const rate = rates[rates.length >> 1] ?? 0;
  if (!(rate > 0) || far === v0) throw new NcmError('the series is not a CV (phi_m does not sweep), so it has no cycles');
  return (2 * Math.abs(far - v0)) / rate;
}

function slice(a: Float64Array, r0: number, r1: number): Float64Array {
  return a.slice(r0, r1 + 1);
}

/**
 * The rows of cycle `which` (1-based, or 'last' for the last complete cycle), both end points
 * included. Errors name the cycles the series holds.
 */
export function selectCycle(s: SlitSeries, which: number | 'last'): CycleSelection {
  const period = cvPeriod(s);
  const t0 = s.time[0]!;
  const tEnd = s.time[s.time.length - 1]!;
  const cycles = Math.floor((tEnd - t0) / period + 1e-6);
  if (cycles < 1) throw new NcmError(`the series holds less than one CV cycle (period ${period.toPrecision(4)} s, duration ${(tEnd - t0).toPrecision(4)} s)`);
  const k = which === 'last' ? cycles : which;
  if (!Number.isInteger(k) || k < 1 || k > cycles) {
    throw new NcmError(`cycle ${which}: the series holds ${cycles} complete CV cycle${cycles > 1 ? 's' : ''} (1..${cycles}, or last)`, { exitCode: 2 });
  }
  const a = t0 + (k - 1) * period;
  const b = t0 + k * period;
  const tol = 1e-6 * period;
  let r0 = 0;
  while (r0 < s.time.length - 1 && s.time[r0]! < a - tol) r0++;
  let r1 = r0;
  while (r1 < s.time.length - 1 && s.time[r1 + 1]! <= b + tol) r1++;
  const cut = (arr: Float64Array[]): Float64Array[] => arr.map((c) => slice(c, r0, r1));
  const out: SlitSeries = {
    meta: { ...s.meta, cycle: k },
    time: slice(s.time, r0, r1),
    phiM: slice(s.phiM, r0, r1),
    phi: cut(s.phi),
    charge: cut(s.charge),
    current: cut(s.current),
  };
  if (s.parts) {
    out.parts = { migration: cut(s.parts.migration), diffusion: cut(s.parts.diffusion), steric: cut(s.parts.steric) };
    if (s.parts.displacement) out.parts.displacement = cut(s.parts.displacement);
  }
  if (s.totalCurrent) out.totalCurrent = slice(s.totalCurrent, r0, r1);
  if (s.electrodeCharge) out.electrodeCharge = slice(s.electrodeCharge, r0, r1);
  return { series: out, cycle: k, cycles, period, start: a };
}
