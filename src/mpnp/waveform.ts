/** The applied sheet potential phi_m(t): a triangle (CV) or a step, with the vertex times. */
export interface Waveform {
  /** phi_m at time t, V. */
  at(t: number): number;
  /** End time, s. */
  end: number;
  /** Times where the slope jumps (BDF2 restarts there), ascending, including 0 and end. */
  vertices: number[];
}

export interface TriangleOptions {
  /** Start (and lower vertex) potential, V. */
  from: number;
  /** Upper vertex potential, V. */
  to: number;
  /** Scan rate, V/s (> 0). */
  rate: number;
  cycles: number;
  /** Half-width of the parabolic rounding of each inner vertex, s (0: sharp triangle). */
  smoothing: number;
}

/** Cyclic voltammetry: from -> to -> from, `cycles` times, at constant |d phi_m / dt| = rate. */
export function triangleWave(o: TriangleOptions): Waveform {
  const half = Math.abs(o.to - o.from) / o.rate;
  const end = 2 * half * o.cycles;
  const sgn = Math.sign(o.to - o.from);
  const w = Math.min(o.smoothing, 0.5 * half);
  const sharp = (t: number): number => {
    const k = Math.floor(t / (2 * half));
    const u = t - 2 * k * half;
    return u <= half ? o.from + sgn * o.rate * u : o.to - sgn * o.rate * (u - half);
  };
  const vertices: number[] = [];
  for (let j = 0; j <= 2 * o.cycles; j++) vertices.push(j * half);
  return {
    end,
    vertices: w > 0 ? [0, end] : vertices,
    at(t: number): number {
      if (w > 0) {
        const j = Math.round(t / half);
        const tv = j * half;
        if (j > 0 && j < 2 * o.cycles && Math.abs(t - tv) < w) {
          const top = j % 2 === 1;
          const vv = top ? o.to : o.from;
          const dir = top ? -sgn : sgn;
          return vv + dir * o.rate * (w / 2 + ((t - tv) * (t - tv)) / (2 * w));
        }
      }
      return sharp(Math.min(Math.max(t, 0), end));
    },
  };
}

/**
 * A potential step to `value` at t = 0+, held until `end`. The first segment (end * 1e-9) is taken
 * as one implicit step, so the integrator restarts from the state just after the jump.
 */
export function stepWave(value: number, end: number): Waveform {
  return { end, vertices: [0, end * 1e-9, end], at: (t: number) => (t > 0 ? value : 0) };
}
