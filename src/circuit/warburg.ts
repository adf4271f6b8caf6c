/**
 * Semi-infinite Warburg element: Z = sigma (1 - j) / sqrt(omega) = sigma sqrt(2) / sqrt(j omega),
 * i.e. a constant-phase element with alpha = 1/2 and Q = 1 / (sigma sqrt 2) (cpe.ts): exact in
 * `.ac`, the same stated RC approximation in the transient.
 */
import type { ElementCommon } from './circuit.js';
import { CpeDevice } from './cpe.js';
import type { ElementDeclaration } from './element.js';

export interface WarburgElement extends ElementCommon {
  kind: 'W';
  /** Warburg coefficient sigma (ohm s^-1/2). */
  sigma: number;
  fmin: number;
  fmax: number;
}

declare module './circuit.js' {
  interface ElementTypes {
    W: WarburgElement;
  }
}

export const warburg: ElementDeclaration<WarburgElement> = {
  kind: 'W',
  letter: 'W',
  noun: 'Warburg element',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'sigma', unit: 'ohm s^-1/2', description: 'Warburg coefficient: Z = sigma (1 - j) / sqrt(omega) (semi-infinite diffusion, exact in .ac)', positive: true },
    { position: 'keyed', name: 'FMIN', unit: 'Hz', description: 'lower end of the band of the transient RC approximation (as for the CPE)', default: 1, positive: true },
    { position: 'keyed', name: 'FMAX', unit: 'Hz', description: 'upper end of that band', default: 1e9, positive: true },
  ],
  syntax: 'value',
  example: 'W1 s0 d 50',
  build: (at, v) => ({ kind: 'W', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, sigma: v.get('sigma')!, fmin: v.get('FMIN')!, fmax: v.get('FMAX')! }),
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'C',
  device: (e) => new CpeDevice(e, { q: 1 / (e.sigma * Math.SQRT2), alpha: 0.5, fmin: e.fmin, fmax: e.fmax }, 'Warburg'),
};
