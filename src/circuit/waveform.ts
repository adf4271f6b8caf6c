/**
 * Values and corners (breakpoints) of independent-source waveforms, with ngspice semantics, and
 * the waveforms analyses apply to a source (the CV triangle, the potential step): one definition
 * shared by the engine run and the ngspice export.
 */
import type { ChronoAnalysis, Circuit, CvAnalysis, Waveform } from './circuit.js';

export function waveformValue(w: Waveform, t: number): number {
  switch (w.kind) {
    case 'dc':
      return w.value;
    case 'pwl':
      return pwlValue(w.times, w.values, t);
    case 'sin': {
      const phase = (w.phaseDeg * Math.PI) / 180;
      if (t <= w.td) return w.vo + w.va * Math.sin(phase);
      const tt = t - w.td;
      return w.vo + w.va * Math.exp(-w.theta * tt) * Math.sin(2 * Math.PI * w.freq * tt + phase);
    }
    case 'pulse': {
      if (t <= w.td) return w.v1;
      let tt = t - w.td;
      if (Number.isFinite(w.per) && w.per > 0) {
        const k = Math.floor(tt / w.per);
        if (k >= w.np) return w.v1;
        tt -= k * w.per;
        // Left-continuous at period boundaries, like the instants inside a period.
        if (tt === 0 && k > 0) tt = w.per;
      }
      if (tt <= w.tr) return w.tr > 0 ? w.v1 + ((w.v2 - w.v1) * tt) / w.tr : w.v1;
      if (tt <= w.tr + w.pw) return w.v2;
      if (tt <= w.tr + w.pw + w.tf) return w.tf > 0 ? w.v2 + ((w.v1 - w.v2) * (tt - w.tr - w.pw)) / w.tf : w.v2;
      return w.v1;
    }
  }
}

/** Linear interpolation, held at the end values outside the points; left-continuous at jumps. */
export function pwlValue(times: ArrayLike<number>, values: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0) return 0;
  if (t <= times[0]!) return values[0]!;
  if (t >= times[n - 1]!) return values[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo]!;
  const t1 = times[hi]!;
  if (t1 === t0) return values[hi]!;
  return values[lo]! + ((values[hi]! - values[lo]!) * (t - t0)) / (t1 - t0);
}

/** Corners of the waveform in (0, tstop]. */
export function waveformBreakpoints(w: Waveform, tstop: number, out: number[]): void {
  switch (w.kind) {
    case 'dc':
      return;
    case 'pwl':
      for (const t of w.times) if (t > 0 && t <= tstop) out.push(t);
      return;
    case 'sin':
      if (w.td > 0 && w.td <= tstop) out.push(w.td);
      return;
    case 'pulse': {
      const per = Number.isFinite(w.per) && w.per > 0 ? w.per : Infinity;
      for (let k = 0; k < w.np; k++) {
        const base = w.td + k * (Number.isFinite(per) ? per : 0);
        if (base > tstop) break;
        for (const dt of [0, w.tr, w.tr + w.pw, w.tr + w.pw + w.tf]) {
          const t = base + dt;
          if (t > 0 && t <= tstop) out.push(t);
        }
        if (!Number.isFinite(per)) break;
        if (k > 1e6) break;
      }
      return;
    }
  }
}

/** Largest |value| over [0, tstop] (exact for dc, pwl and pulse; the envelope for sin). */
export function waveformPeak(w: Waveform, tstop: number): number {
  switch (w.kind) {
    case 'dc':
      return Math.abs(w.value);
    case 'pwl': {
      let m = 0;
      for (let i = 0; i < w.values.length; i++) if (i === 0 || w.times[i - 1]! <= tstop) m = Math.max(m, Math.abs(w.values[i]!));
      return m;
    }
    case 'sin':
      return Math.abs(w.vo) + Math.abs(w.va);
    case 'pulse':
      return Math.max(Math.abs(w.v1), Math.abs(w.v2));
  }
}

/** The CV triangle of `cycles` cycles, with its cycle starts and vertex times. */
export interface CvSchedule {
  waveform: Waveform & { kind: 'pwl' };
  /** Start time of each cycle, plus the end of the last. */
  cycleStarts: number[];
  /** Vertex time of each cycle. */
  vertexTimes: number[];
  period: number;
}

/** Chords per rounded vertex of a smoothed CV (the PWL that stands for the parabola; see `roundCorners`). */
export const SMOOTH_SEGMENTS = 64;

/**
 * v_start -> v_vertex -> v_end (-> back to v_start at the same rate when v_end differs) per cycle
 * at |dV/dt| = rate; every cycle, the last included, ends back at v_start. With `smooth` > 0 every
 * inner vertex is rounded as the mPNP rounds it (src/mpnp/waveform.ts, the paper's smoothed V_m).
 */
export function cvTriangle(a: Pick<CvAnalysis, 'vStart' | 'vVertex' | 'vEnd' | 'rate' | 'smooth'>, cycles: number): CvSchedule {
  if (!(a.rate > 0)) throw new RangeError(`CV rate must be positive (got ${a.rate} V/s)`);
  const t1 = Math.abs(a.vVertex - a.vStart) / a.rate;
  const t2 = Math.abs(a.vEnd - a.vVertex) / a.rate;
  const t3 = Math.abs(a.vStart - a.vEnd) / a.rate;
  const period = t1 + t2 + t3;
  const times: number[] = [0];
  const values: number[] = [a.vStart];
  const cycleStarts = [0];
  const vertexTimes: number[] = [];
  for (let c = 0; c < cycles; c++) {
    const base = c * period;
    vertexTimes.push(base + t1);
    times.push(base + t1, base + t1 + t2);
    values.push(a.vVertex, a.vEnd);
    if (t3 > 0) {
      times.push(base + period);
      values.push(a.vStart);
    }
    cycleStarts.push(base + period);
  }
  const waveform = a.smooth && a.smooth > 0 ? roundCorners(times, values, a.smooth) : { kind: 'pwl' as const, times, values };
  return { waveform, cycleStarts, vertexTimes, period };
}

/**
 * The triangle with each inner corner t_v (slopes s_in before, s_out after) replaced on
 * [t_v - w, t_v + w] by the parabola that joins both lines with their slopes,
 *   v(t) = v(t_v) + s_in (t - t_v) + (s_out - s_in) (t - t_v + w)^2 / (4 w),
 * the mPNP's rounding (for s_out = -s_in it is v_v -+ rate (w/2 + (t - t_v)^2 / (2 w))), with
 * w = min(smooth, half the shorter neighbouring segment). The parabola is written as
 * SMOOTH_SEGMENTS chords through its points, so the PWL (and its ngspice export) meets it at every
 * point and is within |s_out - s_in| w / (4 SMOOTH_SEGMENTS^2) of it between them.
 */
function roundCorners(times: number[], values: number[], smooth: number): Waveform & { kind: 'pwl' } {
  const t: number[] = [times[0]!];
  const v: number[] = [values[0]!];
  const last = times.length - 1;
  for (let k = 1; k < last; k++) {
    const tv = times[k]!;
    const sIn = (values[k]! - values[k - 1]!) / (tv - times[k - 1]!);
    const sOut = (values[k + 1]! - values[k]!) / (times[k + 1]! - tv);
    const w = Math.min(smooth, 0.5 * (tv - times[k - 1]!), 0.5 * (times[k + 1]! - tv));
    for (let j = 0; j <= SMOOTH_SEGMENTS; j++) {
      const u = -w + (2 * w * j) / SMOOTH_SEGMENTS;
      const tt = tv + u;
      if (tt <= t[t.length - 1]!) continue; // two roundings meeting at a shared end point
      t.push(tt);
      v.push(values[k]! + sIn * u + ((sOut - sIn) * (u + w) ** 2) / (4 * w));
    }
  }
  t.push(times[last]!);
  v.push(values[last]!);
  return { kind: 'pwl', times: t, values: v };
}

/**
 * The potential step of `.chrono`: v_initial until t_step, v_step after it. With rise = 0 a true
 * jump (left-continuous PWL, as the engine takes it); a SPICE PWL needs increasing times, so the
 * export gives the jump a short rise.
 */
export function potentialStep(a: Pick<ChronoAnalysis, 'vInitial' | 'vStep' | 'tStep' | 'tStop'>, rise = 0): Waveform & { kind: 'pwl' } {
  if (rise === 0) return { kind: 'pwl', times: [0, a.tStep, a.tStep, a.tStop], values: [a.vInitial, a.vInitial, a.vStep, a.vStep] };
  const times = a.tStep > 0 ? [0, a.tStep, a.tStep + rise, a.tStop] : [0, rise, a.tStop];
  const values = a.tStep > 0 ? [a.vInitial, a.vInitial, a.vStep, a.vStep] : [a.vInitial, a.vStep, a.vStep];
  return { kind: 'pwl', times, values };
}

/**
 * The largest |value| the circuit's voltage sources reach over [0, horizon], or 1 if none: the
 * voltage scale of RDYN QMAX=peak before a cycle has run (docs/analyses.md).
 */
export function sourcePeak(circuit: Circuit, horizon: number): number {
  let peak = 0;
  for (const e of circuit.elements) if (e.kind === 'V') peak = Math.max(peak, waveformPeak(e.waveform, horizon));
  return peak > 0 ? peak : 1;
}
