/**
 * Closed forms used as oracles (shared docs/mpnp.md, O1-O4 and O7). All in SI: potentials in V,
 * charges in C/m^2, capacitances in F/m^2, lengths in m, times in s.
 */
import { ELEMENTARY_CHARGE, AVOGADRO, BOLTZMANN, type MpnpPhysics, scalesOf } from './params.js';

/** O1: Bikerman/KBA diffuse-layer charge per area at diffuse-layer potential psiD (Gouy-Chapman for nu = 0). */
export function diffuseCharge(p: MpnpPhysics, psiD: number): number {
  const s = scalesOf(p);
  const psi = psiD / s.thermalVoltage;
  const n0 = p.electrolyte.concentration * AVOGADRO;
  const sh = Math.sinh(psi / 2);
  if (s.nu === 0) return 4 * ELEMENTARY_CHARGE * n0 * s.lambdaD * sh;
  const g = Math.sqrt((2 / s.nu) * Math.log1p(2 * s.nu * sh * sh));
  return Math.sign(psi) * 2 * ELEMENTARY_CHARGE * n0 * s.lambdaD * g;
}

/** O1: differential capacitance of the diffuse layer, F/m^2. */
export function diffuseCapacitance(p: MpnpPhysics, psiD: number): number {
  const s = scalesOf(p);
  const psi = psiD / s.thermalVoltage;
  if (s.nu === 0) return (s.eps / s.lambdaD) * Math.cosh(psi / 2);
  if (psi === 0) return s.eps / s.lambdaD;
  const sh = Math.sinh(psi / 2);
  const u = 1 + 2 * s.nu * sh * sh;
  return ((s.eps / s.lambdaD) * Math.sinh(Math.abs(psi))) / (u * Math.sqrt((2 / s.nu) * Math.log(u)));
}

/** O2: diffuse-layer potential for a total (Stern + diffuse) potential V, by bisection of V = psi + lambda_S q(psi)/eps. */
export function sternSplit(p: MpnpPhysics, v: number): number {
  const s = scalesOf(p);
  const lS = s.lambdaS * s.lambdaD;
  const f = (psi: number): number => psi + (lS / s.eps) * diffuseCharge(p, psi) - v;
  let lo = Math.min(0, v);
  let hi = Math.max(0, v);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** O2: charge per area of a Stern + diffuse layer at total potential V (electrode minus bulk). */
export function sternCharge(p: MpnpPhysics, v: number): number {
  return diffuseCharge(p, sternSplit(p, v));
}

/** O2: differential capacitance 1/C = 1/C_D + lambda_S/eps. */
export function sternCapacitance(p: MpnpPhysics, v: number): number {
  const s = scalesOf(p);
  const cd = diffuseCapacitance(p, sternSplit(p, v));
  return 1 / (1 / cd + (s.lambdaS * s.lambdaD) / s.eps);
}

/** O3: linear (Debye-Hueckel) capacitance of a slit of width d with two Stern walls, per area of one wall. */
export function slitCapacitanceLinear(p: MpnpPhysics, d: number): number {
  const s = scalesOf(p);
  const h = d / (2 * s.lambdaD);
  const lS = s.lambdaS * s.lambdaD;
  return (2 * s.eps * Math.sinh(h)) / (s.lambdaD * (Math.cosh(h) - 1) + lS * Math.sinh(h));
}

/** O4: low-frequency capacitance of the blocking cell -L..L (two electrodes in series), F/m^2. */
export function blockingCellCapacitance(p: MpnpPhysics, halfLength: number): number {
  const s = scalesOf(p);
  return s.eps / (2 * (s.lambdaD * Math.tanh(halfLength / s.lambdaD) + s.lambdaS * s.lambdaD));
}

/** O4: relaxation time of the blocking cell (Bazant-Thornton-Ajdari 2004), D+ = D- = D, L >> lambda_D. */
export function blockingCellTime(p: MpnpPhysics, halfLength: number): number {
  const s = scalesOf(p);
  const l = s.lambdaD;
  const lS = s.lambdaS * l;
  const d = 0.5 * (p.electrolyte.dPlus + p.electrolyte.dMinus);
  return (l * l * (2 * halfLength - 3 * l)) / (2 * d * (l + lS));
}

/** O7: bulk conductivity sigma = e^2 c0 N_A (D+ + D-) / kT, S/m. */
export function bulkConductivity(p: MpnpPhysics): number {
  const el = p.electrolyte;
  return (ELEMENTARY_CHARGE ** 2 * el.concentration * AVOGADRO * (el.dPlus + el.dMinus)) / (BOLTZMANN * el.temperature);
}
