/** Physical constants (SI, CODATA 2018 exact values where defined). */
export const ELEMENTARY_CHARGE = 1.602176634e-19;
export const BOLTZMANN = 1.380649e-23;
export const AVOGADRO = 6.02214076e23;
export const VACUUM_PERMITTIVITY = 8.8541878128e-12;
