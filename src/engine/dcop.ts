/**
 * DC operating point: capacitors open, inductors shorted, sources at their t = 0 values.
 * Plain Newton first; if the matrix is singular or Newton fails, gmin stepping (a conductance to
 * ground on every node, lowered decade by decade to `gmin`), then source stepping (sources ramped
 * from 0 to full value with gmin kept). The chosen method and any warning are returned.
 */
import { ConvergenceError } from '../diagnostics.js';
import type { Mna } from './mna.js';
import { NewtonSolver } from './newton.js';
import type { SimOptions } from './options.js';

export interface OperatingPoint {
  x: Float64Array;
  method: 'newton' | 'gmin-stepping' | 'source-stepping';
  iterations: number;
  warnings: string[];
}

export function operatingPoint(mna: Mna, opts: SimOptions, time = 0): OperatingPoint {
  const newton = new NewtonSolver(mna, opts);
  const x = new Float64Array(mna.n + 1);
  const warnings: string[] = [];
  mna.ag0 = 0;
  mna.hist.fill(0);
  mna.time = time;
  mna.srcFactor = 1;
  mna.gminDiag = 0;
  let r = newton.solve(x, opts.itl1);
  if (r.converged) return finish(mna, x, 'newton', newton.totalIterations, warnings);
  const firstSingular = r.singular;
  if (firstSingular >= 0) {
    const { label } = mna.describeUnknown(firstSingular);
    warnings.push(`operating point: ${label} has no DC solution on its own (no DC path to ground?); solved with gmin = ${opts.gmin} S to ground on every node`);
  }
  // gmin stepping
  const gFinal = Math.max(opts.gmin, 1e-15);
  let ok = true;
  x.fill(0);
  for (let g = Math.max(1e-2, gFinal); ; g /= 10) {
    mna.gminDiag = Math.max(g, gFinal);
    r = newton.solve(x, opts.itl1);
    if (r.singular >= 0) throw mna.singularError(r.singular, 'in the DC operating point (even with gmin stepping)');
    if (!r.converged) {
      ok = false;
      break;
    }
    if (mna.gminDiag <= gFinal) break;
  }
  if (ok) return finish(mna, x, 'gmin-stepping', newton.totalIterations, warnings);
  // source stepping with the final gmin
  x.fill(0);
  mna.gminDiag = gFinal;
  for (let step = 1; step <= 20; step++) {
    mna.srcFactor = step / 20;
    r = newton.solve(x, opts.itl1);
    if (r.singular >= 0) throw mna.singularError(r.singular, 'in the DC operating point (source stepping)');
    if (!r.converged) {
      mna.srcFactor = 1;
      const { label, element } = mna.describeUnknown(r.worst);
      throw new ConvergenceError(
        `the DC operating point did not converge (Newton, gmin stepping and source stepping all failed; worst unknown ${label}). ` +
          `Try .options itl1=500, or give the run a start with 'uic' and ic= values`,
        element ? { loc: element.loc } : {},
      );
    }
  }
  mna.srcFactor = 1;
  return finish(mna, x, 'source-stepping', newton.totalIterations, warnings);
}

function finish(mna: Mna, x: Float64Array, method: OperatingPoint['method'], iterations: number, warnings: string[]): OperatingPoint {
  for (const d of mna.devices) d.storeStates?.(x, mna.q0);
  mna.dq0.fill(0);
  return { x, method, iterations, warnings };
}
