/**
 * The acceptance problem of the paper's law: from a synthetic NCM series with 1% noise, the trans-slit
 * voltage of slit 2 as a function of its current I and charge Q, and the check that a discovered
 * model is algebraically c0 I + c1 I Q (linear in {I, I Q}, nothing else).
 */
import { generateLadderSeries } from '../../extract/syntheticSeries.js';
import { linearLeastSquares } from '../../numeric/leastSquares.js';
import type { DiscoveryData } from '../engine.js';
import { predictModel, type DiscoveredModel } from '../model.js';
import { Rng } from '../../numeric/random.js';

export interface LawData extends DiscoveryData {
  /** The noise-free peak charge (negative), for turning c1 into gamma. */
  qmax: number;
}

/** dphi_2 = f(I_2, Q_2) from the default synthetic ladder with 1% noise and the given seed. */
export function lawData(seed: number, noise = 0.01): LawData {
  const run = generateLadderSeries({ noise, seed });
  const s = run.series;
  const i = 1;
  const target = Float64Array.from(s.phi[i + 1]!, (v, r) => v - s.phi[i]![r]!);
  return { names: ['I', 'Q'], features: [s.current[i]!, s.charge[i]!], target, qmax: -run.qmax[i + 1]! };
}

/**
 * True when the model equals c0 I + c1 I Q for some c0, c1: the model's predictions on the data and on
 * random points spanning the data ranges are fitted by those two terms to 1e-8 relative.
 */
export function isLinearInIAndIQ(m: DiscoveredModel, d: DiscoveryData): boolean {
  const [I0, Q0] = d.features as [Float64Array, Float64Array];
  const rng = new Rng(12345);
  const span = (a: Float64Array): [number, number] => [a.reduce((x, y) => Math.min(x, y), Infinity), a.reduce((x, y) => Math.max(x, y), -Infinity)];
  const [il, ih] = span(I0);
  const [ql, qh] = span(Q0);
  const n = 400;
  const I = new Float64Array(I0.length + n);
  const Q = new Float64Array(Q0.length + n);
  I.set(I0);
  Q.set(Q0);
  for (let k = 0; k < n; k++) {
    I[I0.length + k] = rng.uniform(il, ih);
    Q[Q0.length + k] = rng.uniform(ql, qh);
  }
  const pred = predictModel(m, [I, Q]);
  if (!pred.every(Number.isFinite)) return false;
  const IQ = Float64Array.from(I, (v, k) => v * Q[k]!);
  const fit = linearLeastSquares([I, IQ], pred);
  let md = 0;
  let mp = 0;
  for (let k = 0; k < I.length; k++) {
    md = Math.max(md, Math.abs(pred[k]! - fit.coef[0]! * I[k]! - fit.coef[1]! * IQ[k]!));
    mp = Math.max(mp, Math.abs(pred[k]!));
  }
  return md <= 1e-8 * mp;
}
