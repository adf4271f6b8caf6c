/** The size of an `.ac` frequency grid, known before any frequency is made (the netlist checks it, the analysis builds it). */
import type { AcAnalysis } from './circuit.js';

/** How many frequencies the sweep has: dec/oct = points per decade/octave from fstart up to fstop, ngspice style. */
export function acPointCount(a: Pick<AcAnalysis, 'sweep' | 'points' | 'fStart' | 'fStop'>): number {
  if (a.sweep === 'lin') return a.points;
  // A difference of logarithms: fStop / fStart overflows for fStart near 1e-308.
  const span = (Math.log(a.fStop) - Math.log(a.fStart)) / Math.log(a.sweep === 'dec' ? 10 : 2);
  return Math.floor(span * a.points + 1e-9) + 1;
}
