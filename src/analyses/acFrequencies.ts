/** The frequency grid of an `.ac` analysis: the analysis runs it, the netlist only checks its bounds. */
import { acPointCount } from '../circuit/acPointCount.js';
import type { AcAnalysis } from '../circuit/circuit.js';

/** The frequencies of a sweep, ngspice style: dec/oct = points per decade/octave from fstart up to fstop. */
export function acFrequencies(a: Pick<AcAnalysis, 'sweep' | 'points' | 'fStart' | 'fStop'>): Float64Array {
  if (a.sweep === 'lin') {
    if (a.points === 1) return Float64Array.of(a.fStart);
    const out = new Float64Array(a.points);
    for (let k = 0; k < a.points; k++) out[k] = a.fStart + ((a.fStop - a.fStart) * k) / (a.points - 1);
    return out;
  }
  const base = a.sweep === 'dec' ? 10 : 2;
  const n = acPointCount(a);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = a.fStart * Math.pow(base, k / a.points);
  return out;
}
