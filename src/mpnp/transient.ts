/** Drives a Bdf2Integrator through a waveform segment by segment (restarting at every vertex). */
import type { Bdf2Integrator } from './integrator.js';

export interface DimensionlessWaveform {
  /** phi_m(t) in kT/e at dimensionless time t. */
  at(t: number): number;
  /** Vertex times (dimensionless), ascending, first 0, last the end. */
  vertices: number[];
  /** Further times to land on exactly without a restart (cycle ends of a smoothed wave). */
  landings?: number[];
}

/**
 * Runs from the integrator's current time to the last vertex, calling onStep after every accepted
 * step; onStep returning true stops the run there. The BDF history is dropped at each vertex
 * reached; a run resumed inside a segment keeps it.
 */
export function integrateWaveform(integ: Bdf2Integrator, wave: DimensionlessWaveform, onStep: (integ: Bdf2Integrator) => boolean | void): void {
  const at = (t: number): number => wave.at(t);
  const restartAt = new Set(wave.vertices);
  const stops = Array.from(new Set([...wave.vertices, ...(wave.landings ?? [])])).sort((a, b) => a - b);
  for (let j = 1; j < stops.length; j++) {
    const tEnd = stops[j]!;
    const t0 = stops[j - 1]!;
    if (integ.t >= tEnd * (1 - 1e-14)) continue;
    if (restartAt.has(t0) && integ.t <= t0 * (1 + 1e-14) + 1e-300) integ.restart();
    while (integ.t < tEnd * (1 - 1e-14)) {
      integ.step(tEnd, at);
      if (onStep(integ) === true) return;
    }
  }
}
