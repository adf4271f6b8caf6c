/**
 * Quantities of the MD configs: every value is a number in
 * SI units or a string "<number> <unit>" ("0.59 nm", "5 fs", "0.068 kcal/mol", "0.041 e"); every
 * problem is collected with its file:line:column, and all of them are reported at once.
 */
import { PositionedYaml, type QuantityStyle, type Section } from '../io/positionedYaml.js';

export type Dim = 'length' | 'time' | 'energy' | 'charge' | 'mass' | 'temperature' | 'concentration' | 'diffusivity' | 'number';
type Unit = Exclude<Dim, 'number'>;

const AVOGADRO = 6.02214076e23;
const E = 1.602176634e-19;

/** Factors to SI. Energies are per particle (J); masses per particle (kg). */
export const UNITS: Record<Unit, Record<string, number>> = {
  length: { m: 1, nm: 1e-9, A: 1e-10, 'Å': 1e-10, pm: 1e-12, um: 1e-6 },
  time: { s: 1, ns: 1e-9, ps: 1e-12, fs: 1e-15 },
  energy: { J: 1, 'kcal/mol': 4184 / AVOGADRO, 'kJ/mol': 1000 / AVOGADRO, eV: E },
  charge: { C: 1, e: E },
  mass: { kg: 1, 'g/mol': 1e-3 / AVOGADRO, u: 1e-3 / AVOGADRO, Da: 1e-3 / AVOGADRO },
  temperature: { K: 1 },
  concentration: { 'mol/m3': 1, 'mol/m^3': 1, M: 1000, 'mol/L': 1000, mM: 1 },
  diffusivity: { 'm2/s': 1, 'm^2/s': 1, 'cm2/s': 1e-4, 'cm^2/s': 1e-4 },
};

/** The MD's units; a bare number is in SI units and a failed check reports the value as written. */
const STYLE: QuantityStyle<Unit> = {
  units: UNITS,
  example: {
    length: '0.59 nm or 3.4 A',
    time: '5 fs or 100 ps',
    energy: '0.068 kcal/mol',
    charge: '0.041 e',
    mass: '39.0983 g/mol',
    temperature: '298.15 K',
    concentration: '1 M or 1000 (mol/m^3)',
    diffusivity: '2e-9 (m^2/s)',
  },
  bare: 'si',
  gotAsWritten: true,
};

export { nonNegative, positive, positiveInt, type Section } from '../io/positionedYaml.js';

/** The MD config reader: the shared positioned reader with quantities in the MD's style. */
export class ConfigReader extends PositionedYaml {
  quantity(sec: Section, path: string, key: string, dim: Dim, def: number, check?: (v: number) => string | null): number {
    return this.readQuantity(STYLE, sec, path, key, dim, def, check);
  }
}
