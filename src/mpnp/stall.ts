/**
 * The watchdog's report in physical units: where the run stopped making progress, why, and what to
 * change. Thrown by runMpnp after the state of the last accepted step was handed to onCheckpoint.
 */
import { ConvergenceError } from '../diagnostics.js';
import type { StallReport } from './integrator.js';

/** Seconds with an SI prefix: 48.85 us, 12.3 ns. */
export function formatSeconds(t: number): string {
  const a = Math.abs(t);
  const [f, u] = a >= 1 || a === 0 ? [1, 's'] : a >= 1e-3 ? [1e3, 'ms'] : a >= 1e-6 ? [1e6, 'us'] : a >= 1e-9 ? [1e9, 'ns'] : a >= 1e-12 ? [1e12, 'ps'] : [1e15, 'fs'];
  return `${Number((t * f).toPrecision(4))} ${u}`;
}

export class MpnpStallError extends ConvergenceError {
  constructor(
    readonly report: StallReport,
    /** Seconds per unit of the integrator's time. */
    timeScale: number,
    runEnd: number,
    tol: number,
    /** Whether a checkpoint of the last accepted step was written. */
    readonly checkpointed: boolean,
  ) {
    const r = report;
    const t = formatSeconds(r.t * timeScale);
    const pct = ((100 * r.t * timeScale) / runEnd).toFixed(1);
    const what =
      r.reason === 'wall-time'
        ? `one step has not been accepted after ${r.attempts} attempts`
        : r.reason === 'step-size'
          ? `the step size collapsed to ${formatSeconds(r.hLast * timeScale)} after ${r.attempts} rejected attempts`
          : `${r.attempts} attempts were rejected in a row`;
    const why = r.newtonConverged ? `the local error estimate stayed at ${Number(r.error.toPrecision(3))} x the tolerance` : `Newton did not converge (last update ${r.newtonUpdate.toExponential(2)})`;
    const tryThis = r.newtonConverged
      ? `try solver.maxStep: "${formatSeconds((r.hLast * timeScale) / 4)}" or a looser solver.tol (now ${tol})`
      : `try a finer grid near the walls (smaller grid.wall and grid.max) or solver.maxStep: "${formatSeconds((r.hLast * timeScale) / 4)}"`;
    super(
      `mpnp stopped making progress at t = ${t} (${pct}% of ${formatSeconds(runEnd)}, after step ${r.steps}): ${what}, ` +
        `the step went from ${formatSeconds(r.hBefore * timeScale)} to ${formatSeconds(r.hLast * timeScale)}; ${why}; ${tryThis}`,
    );
    this.name = 'MpnpStallError';
  }
}
