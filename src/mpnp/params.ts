/** Physical parameters of the mPNP model (SI) and the scales that make the unknowns dimensionless. */

import { AVOGADRO, BOLTZMANN, ELEMENTARY_CHARGE, VACUUM_PERMITTIVITY } from './constants.js';
import { speciesConstants, speciesSi, type SpeciesConstants, type SpeciesSi } from './species.js';

export { AVOGADRO, BOLTZMANN, ELEMENTARY_CHARGE, VACUUM_PERMITTIVITY };

/**
 * Binary electrolyte z+ : z- (1:1 K+, Cl- by default) in the size-modified lattice-gas model
 * (species.ts). The optional fields default to the symmetric 1:1 one-size model of the paper.
 */
export interface Electrolyte {
  /** Salt concentration, mol/m^3: the bulk concentration of each ion for a 1:1 salt; c+ = c |z-|/g, c- = c z+/g in general. */
  concentration: number;
  /** Relative permittivity of the solvent. */
  epsR: number;
  temperature: number;
  /** Diffusion coefficients of the cation and the anion, m^2/s. */
  dPlus: number;
  dMinus: number;
  /** Lattice size a (hydrated ion diameter), m; 0 switches the steric term off (plain PNP). */
  ionSize: number;
  /** Valences (default +1 and -1). */
  valencePlus?: number;
  valenceMinus?: number;
  /** Sizes of the cation and the anion when they differ (default ionSize), m. */
  ionSizePlus?: number;
  ionSizeMinus?: number;
  /** Solvent (lattice site) size a_0, m: steric exponents (a_i / a_0)^3 (default: the ions' common size, else the mean ion volume). */
  solventSize?: number;
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
  /** Packing fraction of the bulk, sum_i a_i^3 c_i N_A (2 a^3 c0 N_A for one size and 1:1). */
  nu: number;
  /** The two species (valences, charge weights, packings, steric exponents), dimensionless. */
  species: SpeciesConstants;
  /** The same in SI (bulk concentrations, volumes). */
  speciesSi: SpeciesSi;
  dPlus: number;
  dMinus: number;
  /** Stern length lambda_S = eps h_S / eps_S in units of lambda_D. */
  lambdaS: number;
  /** Solvent permittivity, F/m. */
  eps: number;
  /** Charge per unit area for a dimensionless surface charge of 1: e N_A I lambda_D (I the ionic strength, c0 for 1:1), C/m^2. */
  surfaceCharge: number;
  /** Current density for a dimensionless charge flux of 1: e N_A I D_ref / lambda_D, A/m^2. */
  currentDensity: number;
}

export function scalesOf(p: MpnpPhysics): Scales {
  const el = p.electrolyte;
  const eps = el.epsR * VACUUM_PERMITTIVITY;
  const kT = BOLTZMANN * el.temperature;
  const si = speciesSi(el);
  const species = speciesConstants(si);
  // the ionic strength (c0 for 1:1) sets the Debye length and the charge unit
  const n0 = si.ionicStrength * AVOGADRO;
  const lambdaD = Math.sqrt((eps * kT) / (2 * ELEMENTARY_CHARGE * ELEMENTARY_CHARGE * n0));
  const dRef = 0.5 * (el.dPlus + el.dMinus);
  const lambdaS = p.stern.thickness > 0 ? (el.epsR * p.stern.thickness) / p.stern.epsR : 0;
  return {
    lambdaD,
    thermalVoltage: kT / ELEMENTARY_CHARGE,
    dRef,
    time: (lambdaD * lambdaD) / dRef,
    nu: species.packPlus + species.packMinus,
    species,
    speciesSi: si,
    dPlus: el.dPlus / dRef,
    dMinus: el.dMinus / dRef,
    lambdaS: lambdaS / lambdaD,
    eps,
    surfaceCharge: ELEMENTARY_CHARGE * n0 * lambdaD,
    currentDensity: (ELEMENTARY_CHARGE * n0 * dRef) / lambdaD,
  };
}
