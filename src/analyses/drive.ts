/**
 * One way for an analysis to drive the cell's source (the driver skeleton shared by cv, chrono and
 * protocol). The analysis says what it applies to the named source, and gets back the circuit with
 * that source replaced at the data level (no device is reached into), its MNA system, and the
 * port's two probes: the applied voltage v(n+) - v(n-) and the current into the cell at n+
 * (positive while charging: the source's own `i(...)` probe).
 *  - `waveform` (cv, chrono): the voltage source keeps its place and takes the analysis' waveform
 *    (src/circuit/waveform.ts: the CV triangle, the potential step);
 *  - `port` (protocol): the voltage or current source becomes the protocol's port driver, whose
 *    equation (current, power, voltage) the protocol sets step by step.
 */
import type { Circuit, Waveform } from '../circuit/circuit.js';
import type { SourceLocation } from '../diagnostics.js';
import type { Probe } from '../circuit/device.js';
import { ProtocolDriverDevice } from '../circuit/protocolDriver.js';
import { InputError } from '../diagnostics.js';
import { Mna, type MnaBuildOptions } from '../engine/mna.js';

export type SourceDrive = { kind: 'waveform'; waveform: Waveform } | { kind: 'port' };

export interface DrivenSource {
  /** The circuit as run: the source replaced by the driven element. */
  circuit: Circuit;
  mna: Mna;
  /** Element key and display name of the source. */
  key: string;
  name: string;
  /** `vapp(key)`: v(n+) - v(n-) (V). */
  applied: Probe;
  /** `i(key)`: current into the cell at n+, positive while charging (A). */
  current: Probe;
  /** Gives a `waveform` drive a new waveform for the next run on the same MNA system. */
  apply(waveform: Waveform): void;
}

/** The circuit with source `key` driven as `drive` says; `what` (`.cv`, ...) and `loc` place the errors. */
export function drivenCircuit(circuit: Circuit, key: string, drive: SourceDrive, what: string, loc: SourceLocation): Circuit {
  const src = circuit.elements.find((e) => e.key === key.toLowerCase());
  if (drive.kind === 'waveform') {
    if (src?.kind !== 'V') {
      throw new InputError(`${what}: '${key}' ${src ? 'is not a voltage source' : 'is not an element of the circuit'}; name the voltage source that drives the cell`, { loc });
    }
    const driven = { ...src, waveform: drive.waveform };
    return { ...circuit, elements: circuit.elements.map((e) => (e === src ? driven : e)) };
  }
  if (!src || (src.kind !== 'V' && src.kind !== 'I')) {
    throw new InputError(`${what}: '${key}' is not a voltage or current source of the circuit`, { loc });
  }
  const driver = { kind: 'PDRV' as const, name: src.name, key: src.key, nodes: src.nodes, loc: src.loc };
  return { ...circuit, elements: circuit.elements.map((e) => (e === src ? driver : e)) };
}

/** Drives the source and builds the MNA system of the driven circuit. */
export function driveSource(circuit: Circuit, key: string, drive: SourceDrive, what: string, loc: SourceLocation, mnaOptions: MnaBuildOptions = {}): DrivenSource {
  const driven = drivenCircuit(circuit, key, drive, what, loc);
  const mna = new Mna(driven, mnaOptions);
  const element = driven.elements.find((e) => e.key === key.toLowerCase())!;
  const unknown = (node: number): number => (node === 0 ? mna.n : node - 1);
  const p = unknown(element.nodes[0]!);
  const m = unknown(element.nodes[1]!);
  const label = `i(${element.key})`;
  const current = mna.byKey.get(element.key)!.probes().find((pr) => pr.label === label)!;
  return {
    circuit: driven,
    mna,
    key: element.key,
    name: element.name,
    applied: { label: `vapp(${element.key})`, unit: 'V', read: (x) => x[p]! - x[m]! },
    current: { label, unit: 'A', read: current.read },
    apply: (waveform) => {
      const d = mna.byKey.get(element.key)!;
      if (drive.kind !== 'waveform' || !d.setWaveform) throw new Error(`${element.name} is not driven by a waveform`);
      d.setWaveform(waveform);
    },
  };
}

/** The port driver of a `port` drive, to set its equation step by step. */
export function portDriver(port: DrivenSource): ProtocolDriverDevice {
  const d = port.mna.byKey.get(port.key);
  if (!(d instanceof ProtocolDriverDevice)) throw new Error(`${port.name} is not driven as a port`);
  return d;
}
