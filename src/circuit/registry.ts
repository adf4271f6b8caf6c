/**
 * Every element kind, by its one declaration (element.ts). Adding an element kind means its own
 * file and one line in ELEMENTS; the parser, elaboration, topology checks, `ncm check`, the docs
 * table, the exporter and the engine (through `createDevice`) find it here. The engine never names
 * an element kind.
 */
import type { CircuitElement } from './circuit.js';
import type { Device } from './device.js';
import type { ElementDeclaration } from './element.js';
import { resistor } from './resistor.js';
import { capacitor } from './capacitor.js';
import { inductor } from './inductor.js';
import { voltageSource } from './voltageSource.js';
import { currentSource } from './currentSource.js';
import { dynamicResistor } from './rdyn.js';
import { vcvs } from './vcvs.js';
import { vccs } from './vccs.js';
import { behaviouralSource } from './behaviouralSource.js';
import { switchElement } from './switch.js';
import { cpe } from './cpe.js';
import { warburg } from './warburg.js';
import { warburgReflective, warburgTransmissive } from './warburgFinite.js';
import { chargeCapacitor } from './chargeCapacitor.js';
import { ProtocolDriverDevice } from './protocolDriver.js';

/** The port driver of a `.protocol` run: created by the analysis, never written in a netlist. */
const protocolDriver: ElementDeclaration<Extract<CircuitElement, { kind: 'PDRV' }>> = {
  kind: 'PDRV',
  letter: undefined,
  noun: 'protocol driver',
  nodes: ['n+', 'n-'],
  params: [],
  syntax: 'internal',
  example: '',
  conductsDc: () => true,
  fixesDcVoltage: false,
  spiceLetter: 'V',
  device: (e) => new ProtocolDriverDevice(e),
};

/** In this order in messages (`element names start with R, RDYN, C, ...`) and in `ncm check`. */
const ELEMENTS: ElementDeclaration[] = [
  resistor,
  dynamicResistor,
  capacitor,
  inductor,
  voltageSource,
  currentSource,
  vcvs,
  vccs,
  behaviouralSource,
  switchElement,
  chargeCapacitor,
  protocolDriver,
  cpe,
  warburg,
  warburgTransmissive,
  warburgReflective,
];

const byKind = new Map<string, ElementDeclaration>(ELEMENTS.map((d) => [d.kind, d]));
const BUILT_IN_COUNT = ELEMENTS.length;

/** Adds an element kind at run time (a plug-in, or a test's toy element); its kind must be new. */
export function registerElement<E extends CircuitElement>(declaration: ElementDeclaration<E>): void {
  const d = declaration as unknown as ElementDeclaration;
  if (byKind.has(d.kind)) throw new Error(`element kind '${d.kind}' is already registered`);
  const clash = d.letter !== undefined && ELEMENTS.find((e) => e.letter?.toUpperCase() === d.letter!.toUpperCase());
  if (clash) throw new Error(`element letter '${d.letter}' is already taken by the ${clash.noun}`);
  if (d.letter?.toUpperCase().startsWith('X')) throw new Error(`element letter '${d.letter}': X names subcircuit instances`);
  ELEMENTS.push(d);
  byKind.set(d.kind, d);
}

/** Removes an element kind added by `registerElement` (a plug-in unloaded, a test's toy element); built-in kinds stay. */
export function unregisterElement(kind: string): void {
  const i = ELEMENTS.findIndex((d) => d.kind === kind);
  if (i < BUILT_IN_COUNT) throw new Error(i < 0 ? `no element kind '${kind}' is registered` : `element kind '${kind}' is built in`);
  ELEMENTS.splice(i, 1);
  byKind.delete(kind);
}

/** Every declaration, in registry order. */
export function elementDeclarations(): readonly ElementDeclaration[] {
  return ELEMENTS;
}

export function elementDeclaration<K extends CircuitElement['kind']>(kind: K): ElementDeclaration<Extract<CircuitElement, { kind: K }>> {
  const d = byKind.get(kind);
  if (!d) throw new Error(`no element kind '${kind}' is registered`);
  return d as unknown as ElementDeclaration<Extract<CircuitElement, { kind: K }>>;
}

/** The declaration whose letter starts `name` (the longest such letter: RDYN1 is a dynamic resistor, R1 a resistor). */
export function declarationForName(name: string): ElementDeclaration | undefined {
  const upper = name.toUpperCase();
  let best: ElementDeclaration | undefined;
  for (const d of ELEMENTS) {
    if (d.letter !== undefined && upper.startsWith(d.letter.toUpperCase()) && (!best || d.letter.length > best.letter!.length)) best = d;
  }
  return best;
}

export function createDevice(e: CircuitElement): Device {
  return (byKind.get(e.kind) ?? elementDeclaration(e.kind)).device(e);
}
