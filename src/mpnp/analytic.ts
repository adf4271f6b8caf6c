/**
 * Closed forms used as oracles (shared docs/mpnp.md, O1-O4 and O7; A1-A3 for asymmetric salts).
 * All in SI: potentials in V, charges in C/m^2, capacitances in F/m^2, lengths in m, times in s.
 */
import { equilibriumDensity } from './equilibrium.js';
import { ELEMENTARY_CHARGE, AVOGADRO, BOLTZMANN, type MpnpPhysics, scalesOf } from './params.js';

/**
 * A1: diffuse-layer charge of a z+ : z- salt with unequal ion sizes (lattice gas, species.ts), from
 * the first integral of the modified Poisson-Boltzmann equation, (eps/2) E^2 = Pi(psi) - Pi_bulk,
 * with the osmotic pressure of the lattice gas
 *   Pi / kT = sum_i n_i - (phi + ln(1 - phi)) / v_0,     phi = sum_i v_i n_i,
 * so q = sgn(psi) sqrt(2 eps (Pi(psi_D) - Pi_b)). The concentrations at psi_D solve one scalar
 * equation (equilibriumDensity); with one size and z = +-1 this is the closed form of O1
 * (Kornyshev 2007, Kilic-Bazant-Ajdari 2007), with sizes 0 Grahame's equation (A2).
 */
export function latticeGasCharge(p: MpnpPhysics, psiD: number): number {
  const s = scalesOf(p);
  const si = s.speciesSi;
  const psi = psiD / s.thermalVoltage;
  const d = equilibriumDensity(psi, s.species);
  // c_i / c_i^b - 1 = expm1(-z_i psi + s_i t), exact to the last digit near the bulk
  const gp = Math.expm1(-si.zPlus * psi + s.species.stericPlus * d.t);
  const gm = Math.expm1(-si.zMinus * psi + s.species.stericMinus * d.t);
  const ions = AVOGADRO * (si.cPlus * gp + si.cMinus * gm);
  const phiGap = s.species.packPlus * gp + s.species.packMinus * gm;
  const solvent = si.vSolvent > 0 ? (phiGap + d.t) / si.vSolvent : 0;
  const dPi = BOLTZMANN * p.electrolyte.temperature * (ions - solvent);
  return Math.sign(psiD) * Math.sqrt(2 * s.eps * Math.max(0, dPi));
}

/** A1: differential capacitance dq/dpsi_D = -eps rho(psi_D) / q(psi_D) (from d Pi / d psi = -rho), F/m^2. */
export function latticeGasCapacitance(p: MpnpPhysics, psiD: number): number {
  const s = scalesOf(p);
  if (psiD === 0) return s.eps / s.lambdaD;
  const si = s.speciesSi;
  const d = equilibriumDensity(psiD / s.thermalVoltage, s.species);
  const rho = ELEMENTARY_CHARGE * AVOGADRO * (si.zPlus * si.cPlus * d.plus + si.zMinus * si.cMinus * d.minus);
  return (-s.eps * rho) / latticeGasCharge(p, psiD);
}

/**
 * A2: Grahame's equation for a dilute (point-ion) z+ : z- salt, the sizes -> 0 limit:
 * q = sgn(psi) sqrt(2 eps kT N_A sum_i c_i (exp(-z_i e psi / kT) - 1)),
 * C = eps e N_A sum_i (-z_i) c_i exp(-z_i e psi / kT) / q (e.g. Bard & Faulkner, Electrochemical
 * Methods, 2nd ed., section 13.3, for the general z:z'; Gouy-Chapman for z:z).
 */
export function grahameCharge(p: MpnpPhysics, psiD: number): { charge: number; capacitance: number } {
  const s = scalesOf(p);
  const si = s.speciesSi;
  const y = psiD / s.thermalVoltage;
  const sum = si.cPlus * Math.expm1(-si.zPlus * y) + si.cMinus * Math.expm1(-si.zMinus * y);
  const charge = Math.sign(psiD) * Math.sqrt(2 * s.eps * BOLTZMANN * p.electrolyte.temperature * AVOGADRO * sum);
  const rho = si.zPlus * si.cPlus * Math.exp(-si.zPlus * y) + si.zMinus * si.cMinus * Math.exp(-si.zMinus * y);
  return { charge, capacitance: psiD === 0 ? s.eps / s.lambdaD : (-s.eps * ELEMENTARY_CHARGE * AVOGADRO * rho) / charge };
}

/**
 * A3: distance from the surface at which the diffuse layer of A1 has fallen from psiD to psi (same
 * sign, 0 < |psi| <= |psiD|), x = int_psi^psiD dpsi' / |E(psi')|, |E| = sqrt(2 (Pi - Pi_b) / eps):
 * an independent integration of the modified Poisson-Boltzmann equation (Gauss-Legendre in
 * ln |psi|, where the integrand is smooth).
 */
export function latticeGasDepth(p: MpnpPhysics, psiD: number, psi: number): number {
  const sg = Math.sign(psiD);
  const u0 = Math.log(Math.abs(psi));
  const u1 = Math.log(Math.abs(psiD));
  const panels = 40;
  // 5-point Gauss-Legendre
  const xs = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const ws = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];
  const eps = scalesOf(p).eps;
  const h = (u1 - u0) / panels;
  let x = 0;
  for (let k = 0; k < panels; k++) {
    const mid = u0 + (k + 0.5) * h;
    for (let j = 0; j < 5; j++) {
      const v = Math.exp(mid + 0.5 * h * xs[j]!);
      const q = Math.abs(latticeGasCharge(p, sg * v));
      x += 0.5 * h * ws[j]! * (v * eps) / q;
    }
  }
  return x;
}

/** O1: Bikerman/KBA diffuse-layer charge per area at diffuse-layer potential psiD (Gouy-Chapman for nu = 0); A1 for an asymmetric salt. */
export function diffuseCharge(p: MpnpPhysics, psiD: number): number {
  const s = scalesOf(p);
  if (!s.species.symmetric) return latticeGasCharge(p, psiD);
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
  if (!s.species.symmetric) return latticeGasCapacitance(p, psiD);
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

/** O7: bulk conductivity sigma = e^2 N_A sum_i z_i^2 c_i D_i / kT (e^2 c0 N_A (D+ + D-) / kT for 1:1), S/m. */
export function bulkConductivity(p: MpnpPhysics): number {
  const el = p.electrolyte;
  const si = scalesOf(p).speciesSi;
  // 1:1: the formula as written before asymmetric salts, so its digits do not move
  if (si.zPlus === 1 && si.zMinus === -1) return (ELEMENTARY_CHARGE ** 2 * el.concentration * AVOGADRO * (el.dPlus + el.dMinus)) / (BOLTZMANN * el.temperature);
  return (ELEMENTARY_CHARGE ** 2 * AVOGADRO * (si.zPlus * si.zPlus * si.cPlus * el.dPlus + si.zMinus * si.zMinus * si.cMinus * el.dMinus)) / (BOLTZMANN * el.temperature);
}
