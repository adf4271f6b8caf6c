/**
 * The steady electrode charge of a half cell at an electrode potential, and its differential
 * capacitance by a centred difference of the steady charges at V -/+ dV: the quantities the
 * analytic oracles (Gouy-Chapman, Bikerman, Stern, their asymmetric forms) predict.
 */
import { halfCell, type GridSpec } from './halfCell.js';
import { electrodeCharge } from './observables.js';
import type { MpnpPhysics } from './params.js';
import { solveSteady } from './steady.js';

/** Charge in C/m^2 and capacitance in F/m^2 at electrode potential v (V), half cell of the given length (m). */
export function steadyChargeAndCapacitance(p: MpnpPhysics, v: number, grid: GridSpec, length = 6e-9, dv = 1e-4): { q: number; c: number } {
  const { sys, scales: s } = halfCell(p, length, grid);
  const at = (u: number): number => {
    solveSteady(sys, u / s.thermalVoltage);
    return electrodeCharge(sys) * s.surfaceCharge;
  };
  const lo = at(v - dv);
  const q = at(v);
  const hi = at(v + dv);
  return { q, c: (hi - lo) / (2 * dv) };
}
