/**
 * Element kind -> device constructor. Adding an element kind means one device file and one line
 * here; the engine never names an element kind.
 */
import type { CircuitElement, ElementKind } from './circuit.js';
import type { Device } from './device.js';
import { ResistorDevice } from './resistor.js';
import { CapacitorDevice } from './capacitor.js';
import { InductorDevice } from './inductor.js';
import { VoltageSourceDevice } from './voltageSource.js';
import { CurrentSourceDevice } from './currentSource.js';
import { DynamicResistorDevice } from './rdyn.js';
import { VcvsDevice } from './vcvs.js';
import { VccsDevice } from './vccs.js';
import { BehaviouralSourceDevice } from './behaviouralSource.js';
import { SwitchDevice } from './switch.js';
import { ProtocolDriverDevice } from './protocolDriver.js';

type Factory<K extends ElementKind> = (e: Extract<CircuitElement, { kind: K }>) => Device;

const registry: { [K in ElementKind]: Factory<K> } = {
  R: (e) => new ResistorDevice(e),
  C: (e) => new CapacitorDevice(e),
  L: (e) => new InductorDevice(e),
  V: (e) => new VoltageSourceDevice(e),
  I: (e) => new CurrentSourceDevice(e),
  RDYN: (e) => new DynamicResistorDevice(e),
  E: (e) => new VcvsDevice(e),
  G: (e) => new VccsDevice(e),
  B: (e) => new BehaviouralSourceDevice(e),
  S: (e) => new SwitchDevice(e),
  PDRV: (e) => new ProtocolDriverDevice(e),
};

export function createDevice(e: CircuitElement): Device {
  return (registry[e.kind] as (e: CircuitElement) => Device)(e);
}
