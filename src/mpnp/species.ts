/**
 * The two ion species of a binary electrolyte z+ : z- with their own lattice sizes, in the
 * size-modified (lattice-gas) PNP model: ion i occupies the volume v_i = a_i^3, the solvent fills
 * the rest on sites of volume v_0, and the free energy
 *   f = kT sum_i c_i (ln(c_i v_i) - 1) + (kT / v_0) (1 - phi) ln(1 - phi),   phi = sum_i v_i c_i
 * (Borukhov-Andelman-Orland 1997 for one size; Li 2009 and Lu-Zhou 2011 for unequal sizes) gives
 * the steric chemical potential -(v_i / v_0) kT ln(1 - phi). With a+ = a- = a_0 this is exactly the
 * paper's Kilic-Bazant-Ajdari / Bikerman mPNP. The steric exponents v_i / v_0 come from a free
 * energy, so d mu_i / d c_j is symmetric (the plain "-ln(1 - phi)" for every species with unequal
 * sizes is not: it has no free energy and its equilibrium is not a Boltzmann-type state).
 *
 * Dimensionless form used by the solver (unknowns c_i / c_i^bulk, so the bulk is 1 for both):
 * Poisson  lap phi = -(q+ c+ + q- c-)/2 with q_i = 2 z_i c_i^b / sum_j z_j^2 c_j^b (+-1 for z:z),
 * packing  phi = p+ c+ + p- c-, p_i = v_i c_i^b N_A, steric potential s_i mu, mu = -ln(1 - phi),
 * s_i = v_i / v_0.
 */
import { AVOGADRO } from './constants.js';
import type { Electrolyte } from './params.js';
import { InputError } from '../diagnostics.js';

/** SI description of the two species (resolved from an Electrolyte). */
export interface SpeciesSi {
  zPlus: number;
  zMinus: number;
  /** Bulk concentrations, mol/m^3 (electroneutral: z+ c+ + z- c- = 0). */
  cPlus: number;
  cMinus: number;
  /** Ion volumes a_i^3 and the solvent site volume v_0, m^3. */
  vPlus: number;
  vMinus: number;
  vSolvent: number;
  /** Ionic strength (1/2) sum z_i^2 c_i, mol/m^3 (c0 for a 1:1 salt). */
  ionicStrength: number;
}

/** Dimensionless species constants of the discrete system. */
export interface SpeciesConstants {
  zPlus: number;
  zMinus: number;
  /** Charge weights 2 z_i c_i^b / sum z_j^2 c_j^b (1 and -1 for a z:z salt). */
  qPlus: number;
  qMinus: number;
  /** Bulk volume fractions v_i c_i^b N_A. */
  packPlus: number;
  packMinus: number;
  /** Steric exponents v_i / v_0 (1 for one lattice size). */
  stericPlus: number;
  stericMinus: number;
  /** packPlus === packMinus: the packing is evaluated as p (c+ + c-), the one-size formula (bit-for-bit the symmetric model). */
  onePacking: boolean;
  /** 1:1 with one size (z = +-1, equal packing, steric exponents 1): the closed-form Bikerman distribution applies. */
  symmetric: boolean;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Inputs that define the species (a subset of Electrolyte, documented there). */
export type SpeciesInput = Pick<Electrolyte, 'concentration' | 'ionSize' | 'valencePlus' | 'valenceMinus' | 'ionSizePlus' | 'ionSizeMinus' | 'solventSize'>;

/**
 * Bulk concentrations from the salt concentration c and the stoichiometry (|z-|/g cations and z+/g
 * anions per formula unit, g = gcd), ion volumes, and the solvent site: solventSize if given, else
 * the ions' common size, else the mean ion volume.
 */
export function speciesSi(el: SpeciesInput): SpeciesSi {
  const zPlus = el.valencePlus ?? 1;
  const zMinus = el.valenceMinus ?? -1;
  // the config checks these with positions; a library caller gets a plain error
  if (!(Number.isInteger(zPlus) && zPlus >= 1 && Number.isInteger(zMinus) && zMinus <= -1)) throw new InputError(`valences must be whole numbers z+ >= 1 and z- <= -1, got ${zPlus} and ${zMinus}`);
  const g = gcd(zPlus, -zMinus);
  const cPlus = el.concentration * (-zMinus / g);
  const cMinus = el.concentration * (zPlus / g);
  const aPlus = el.ionSizePlus ?? el.ionSize;
  const aMinus = el.ionSizeMinus ?? el.ionSize;
  const vPlus = aPlus ** 3;
  const vMinus = aMinus ** 3;
  const vSolvent = el.solventSize !== undefined ? el.solventSize ** 3 : vPlus === vMinus ? vPlus : 0.5 * (vPlus + vMinus);
  return { zPlus, zMinus, cPlus, cMinus, vPlus, vMinus, vSolvent, ionicStrength: 0.5 * (zPlus * zPlus * cPlus + zMinus * zMinus * cMinus) };
}

export function speciesConstants(si: SpeciesSi): SpeciesConstants {
  const sumZ2 = si.zPlus * si.zPlus * si.cPlus + si.zMinus * si.zMinus * si.cMinus;
  const packPlus = si.vPlus * (si.cPlus * AVOGADRO);
  const packMinus = si.vMinus * (si.cMinus * AVOGADRO);
  // without steric volume the exponents do not matter: keep them 1
  const stericPlus = si.vSolvent > 0 ? si.vPlus / si.vSolvent : 1;
  const stericMinus = si.vSolvent > 0 ? si.vMinus / si.vSolvent : 1;
  const onePacking = packPlus === packMinus;
  return {
    zPlus: si.zPlus,
    zMinus: si.zMinus,
    qPlus: (2 * si.zPlus * si.cPlus) / sumZ2,
    qMinus: (2 * si.zMinus * si.cMinus) / sumZ2,
    packPlus,
    packMinus,
    stericPlus,
    stericMinus,
    onePacking,
    symmetric: onePacking && si.zPlus === 1 && si.zMinus === -1 && stericPlus === 1 && stericMinus === 1,
  };
}

/** The 1:1, one-size species of total bulk packing nu (what a bare ModelConstants means). */
export function symmetricSpecies(nu: number): SpeciesConstants {
  const h = 0.5 * nu;
  return { zPlus: 1, zMinus: -1, qPlus: 1, qMinus: -1, packPlus: h, packMinus: h, stericPlus: 1, stericMinus: 1, onePacking: true, symmetric: true };
}

/** Local volume fraction of the ions at dimensionless concentrations cp, cm. */
export function packing(sp: SpeciesConstants, cp: number, cm: number): number {
  return sp.onePacking ? sp.packPlus * (cp + cm) : sp.packPlus * cp + sp.packMinus * cm;
}
