/**
 * One cycle of a multi-cycle CV series: the paper extracts from the k-th (periodic) cycle, not from
 * the first one, which still carries the start from rest. The period is read from the triangle
 * itself, from the straight parts of its first sweep out and back, so that vertices rounded by the
 * mPNP's `protocol.smoothing` (which lower the far extreme by rate w / 2) do not shorten it.
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

/** The symmetric CV triangle a series (or one cycle of it) starts on: its corners and rate, without rounding. */
export interface CvShape {
  /** Start (and return) potential and far vertex of the sharp triangle, V. */
  v0: number;
  vertex: number;
  /** |dphi_m/dt|, V/s, and the period, s. */
  rate: number;
  period: number;
}

/** First time after row `from` where y crosses `level` upward (dir 1) or downward (-1), interpolated; NaN if none. */
function crossing(t: Float64Array, y: Float64Array, level: number, dir: 1 | -1, from: number): { time: number; row: number } {
  for (let r = Math.max(from, 1); r < y.length; r++) {
    if (dir * (y[r - 1]! - level) < 0 && dir * (y[r]! - level) >= 0) {
      return { time: t[r - 1]! + ((level - y[r - 1]!) / (y[r]! - y[r - 1]!)) * (t[r]! - t[r - 1]!), row: r };
    }
  }
  return { time: NaN, row: -1 };
}

/**
 * The triangle of a series that starts at a cycle start (a lower vertex, possibly rounded): with
 * y = |phi_m - phi_m(0)| in the sweep direction, the rate is the slope between the crossings of 30 %
 * and 70 % of the swing on the way out; the far vertex time is the midpoint of the two crossings of
 * the 70 % level (out and back), which is half the period after the start. The corners follow from
 * the straight lines, so a rounded vertex (smoothing) gives the same triangle as a sharp one.
 * A series that does not come back falls back to the far extreme and the median rate.
 */
export function cvShape(s: SlitSeries): CvShape {
  const t = s.time;
  const p0 = s.phiM[0]!;
  let far = p0;
  for (const v of s.phiM) if (Math.abs(v - p0) > Math.abs(far - p0)) far = v;
  const rates: number[] = [];
  for (let r = 1; r < t.length; r++) {
    const dt = t[r]! - t[r - 1]!;
    if (dt > 0) rates.push(Math.abs((s.phiM[r]! - s.phiM[r - 1]!) / dt));
  }
  rates.sort((a, b) => a - b);
  const median = rates[rates.length >> 1] ?? 0;
  if (!(median > 0) || far === p0) throw new NcmError('the series is not a CV (phi_m does not sweep), so it has no cycles');
  const sgn = Math.sign(far - p0);
  const swing = Math.abs(far - p0);
  const y = Float64Array.from(s.phiM, (v) => sgn * (v - p0));
  const a = crossing(t, y, 0.3 * swing, 1, 1);
  const b = crossing(t, y, 0.7 * swing, 1, a.row);
  const back = b.row > 0 ? crossing(t, y, 0.7 * swing, -1, b.row) : { time: NaN, row: -1 };
  if (!(back.row > 0) || !(b.time > a.time)) return { v0: p0, vertex: far, rate: median, period: (2 * swing) / median };
  const rate = (0.4 * swing) / (b.time - a.time);
  const half = 0.5 * (b.time + back.time) - t[0]!;
  const top = 0.7 * swing + (rate * (back.time - b.time)) / 2;
  // a sharp triangle's corners are the data's own (not their reconstruction's last digits)
  const exact = (x: number, data: number): number => (Math.abs(x - data) <= 1e-9 * swing ? data : x);
  return { v0: exact(p0 + sgn * (top - rate * half), p0), vertex: exact(p0 + sgn * top, far), rate, period: 2 * half };
}

/** CV period of a series (see `cvShape`). */
export function cvPeriod(s: SlitSeries): number {
  return cvShape(s).period;
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
