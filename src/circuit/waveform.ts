/** Values and corners (breakpoints) of independent-source waveforms, with ngspice semantics. */
import type { Waveform } from './circuit.js';

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
