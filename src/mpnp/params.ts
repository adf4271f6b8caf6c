/** Physical parameters of the mPNP model (SI) and the scales that make the unknowns dimensionless. */

export const ELEMENTARY_CHARGE = 1.602176634e-19;
export const BOLTZMANN = 1.380649e-23;
export const AVOGADRO = 6.02214076e23;
export const VACUUM_PERMITTIVITY = 8.8541878128e-12;

/** Binary symmetric 1:1 electrolyte (K+, Cl- by default) in the Bikerman lattice-gas model. */
export interface Electrolyte {
  /** Bulk concentration of each species, mol/m^3. */
  concentration: number;
  /** Relative permittivity of the solvent. */
  epsR: number;
  temperature: number;
  /** Diffusion coefficients of the cation and the anion, m^2/s. */
  dPlus: number;
  dMinus: number;
  /** Lattice size a (hydrated ion diameter), m; 0 switches the steric term off (plain PNP). */
  ionSize: number;
}

/** Stern layer: a charge-free dielectric film of thickness h_S and permittivity eps_S on every sheet. */
export interface SternLayer {
  thickness: number;
  epsR: number;
}

export interface MpnpPhysics {
  electrolyte: Electrolyte;
  stern: SternLayer;
}

/** 1 M KCl at 298.15 K, Stern layer 0.33 nm with the solvent permittivity (shared docs/mpnp.md). */
export function defaultPhysics(): MpnpPhysics {
  return {
    electrolyte: { concentration: 1000, epsR: 78.5, temperature: 298.15, dPlus: 1.957e-9, dMinus: 2.032e-9, ionSize: 0.66e-9 },
    stern: { thickness: 0.33e-9, epsR: 78.5 },
  };
}

/**
 * Scales of the non-dimensional model: x / lambda_D, t D_ref / lambda_D^2, c / c0, e phi / kT.
 * In these units Poisson reads lap(phi) = -(c+ - c-)/2 and the displacement current is 2 dE/dt.
 */
export interface Scales {
  /** Debye length, m. */
  lambdaD: number;
  /** kT/e, V. */
  thermalVoltage: number;
  /** Reference diffusion coefficient (mean of D+ and D-), m^2/s. */
  dRef: number;
  /** Time unit lambda_D^2 / D_ref, s. */
  time: number;
  /** Packing fraction nu = 2 a^3 c0 N_A of the bulk. */
  nu: number;
  dPlus: number;
  dMinus: number;
  /** Stern length lambda_S = eps h_S / eps_S in units of lambda_D. */
  lambdaS: number;
  /** Solvent permittivity, F/m. */
  eps: number;
  /** Charge per unit area for a dimensionless surface charge of 1: e N_A c0 lambda_D, C/m^2. */
  surfaceCharge: number;
  /** Current density for a dimensionless flux of 1: e N_A c0 D_ref / lambda_D, A/m^2. */
  currentDensity: number;
}

export function scalesOf(p: MpnpPhysics): Scales {
  const el = p.electrolyte;
  const eps = el.epsR * VACUUM_PERMITTIVITY;
  const kT = BOLTZMANN * el.temperature;
  const n0 = el.concentration * AVOGADRO;
  const lambdaD = Math.sqrt((eps * kT) / (2 * ELEMENTARY_CHARGE * ELEMENTARY_CHARGE * n0));
  const dRef = 0.5 * (el.dPlus + el.dMinus);
  const lambdaS = p.stern.thickness > 0 ? (el.epsR * p.stern.thickness) / p.stern.epsR : 0;
  return {
    lambdaD,
    thermalVoltage: kT / ELEMENTARY_CHARGE,
    dRef,
    time: (lambdaD * lambdaD) / dRef,
    nu: 2 * el.ionSize ** 3 * n0,
    dPlus: el.dPlus / dRef,
    dMinus: el.dMinus / dRef,
    lambdaS: lambdaS / lambdaD,
    eps,
    surfaceCharge: ELEMENTARY_CHARGE * n0 * lambdaD,
    currentDensity: (ELEMENTARY_CHARGE * n0 * dRef) / lambdaD,
  };
}
