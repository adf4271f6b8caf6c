/** Drives a Bdf2Integrator through a waveform segment by segment (restarting at every vertex). */
import type { Bdf2Integrator } from './integrator.js';

export interface DimensionlessWaveform {
  /** phi_m(t) in kT/e at dimensionless time t. */
  at(t: number): number;
  /** Vertex times (dimensionless), ascending, first 0, last the end. */
  vertices: number[];
}

/**
 * Runs from the integrator's current time to the last vertex, calling onStep after every accepted
 * step. The BDF history is dropped at each vertex reached; a run resumed inside a segment keeps it.
 */
export function integrateWaveform(integ: Bdf2Integrator, wave: DimensionlessWaveform, onStep: (integ: Bdf2Integrator) => void): void {
  const at = (t: number): number => wave.at(t);
  for (let j = 1; j < wave.vertices.length; j++) {
    const tEnd = wave.vertices[j]!;
    if (integ.t >= tEnd * (1 - 1e-14)) continue;
    if (integ.t <= wave.vertices[j - 1]! * (1 + 1e-14) + 1e-300) integ.restart();
    while (integ.t < tEnd * (1 - 1e-14)) {
      integ.step(tEnd, at);
      onStep(integ);
    }
  }
}
