/**
 * MAX, MIN, PP, AVG, RMS and INTEG of a sampled signal over [from, to], as ngspice's `.meas`: the
 * window's ends are interpolated, integrals use the trapezoidal rule on the recorded points, AVG
 * is the integral over the window's width and RMS the root of the mean of y^2.
 */
import type { Statistic } from '../../circuit/measure.js';
import { interpolateAt } from './crossing.js';

/** The statistic over [from, to] (both inside the recorded range, from < to), or undefined when the window is empty. */
export function statistic(fn: Statistic, x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number | undefined {
  const y0 = interpolateAt(x, y, from);
  const y1 = interpolateAt(x, y, to);
  if (y0 === undefined || y1 === undefined || !(to >= from)) return undefined;
  let max = Math.max(y0, y1);
  let min = Math.min(y0, y1);
  let integ = 0;
  let integSq = 0;
  let xp = from;
  let yp = y0;
  for (let k = 0; k < x.length; k++) {
    const xk = x[k]!;
    if (xk <= from) continue;
    if (xk >= to) break;
    const yk = y[k]!;
    if (yk > max) max = yk;
    if (yk < min) min = yk;
    integ += 0.5 * (xk - xp) * (yk + yp);
    integSq += 0.5 * (xk - xp) * (yk * yk + yp * yp);
    xp = xk;
    yp = yk;
  }
  integ += 0.5 * (to - xp) * (y1 + yp);
  integSq += 0.5 * (to - xp) * (y1 * y1 + yp * yp);
  const width = to - from;
  switch (fn) {
    case 'max':
      return max;
    case 'min':
      return min;
    case 'pp':
      return max - min;
    case 'integ':
      return integ;
    case 'avg':
      return width > 0 ? integ / width : y0;
    case 'rms':
      return width > 0 ? Math.sqrt(integSq / width) : Math.abs(y0);
  }
}
