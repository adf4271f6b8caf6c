/** Steady states (equilibrium with the reservoir) by Newton with continuation in phi_m. */
import type { MpnpSystem } from './system.js';
import { ConvergenceError, InputError } from '../diagnostics.js';

/**
 * Brings the system to its steady state at phi_m = target (kT/e), stepping phi_m from its current
 * value by at most maxStep and halving the step when Newton fails.
 */
export function solveSteady(sys: MpnpSystem, target: number, maxStep = 1): void {
  if (!sys.hasReservoir) throw new InputError('a steady state needs a reservoir (a closed box keeps its ion content)');
  sys.a0 = 0;
  sys.hist.fill(0);
  const saved = new Float64Array(sys.x.length);
  let step = maxStep;
  let guard = 0;
  for (;;) {
    const from = sys.phiM;
    const remaining = target - from;
    const next = Math.abs(remaining) <= step ? target : from + Math.sign(remaining) * step;
    saved.set(sys.x);
    sys.phiM = next;
    const r = sys.newton(40, 1e-11);
    if (r.converged) {
      if (next === target) return;
      step = Math.min(maxStep, step * 1.5);
    } else {
      sys.x.set(saved);
      sys.phiM = from;
      step /= 2;
      if (step < 1e-6 || ++guard > 200) throw new ConvergenceError(`steady state at phi_m = ${next} kT/e did not converge`);
    }
  }
}
