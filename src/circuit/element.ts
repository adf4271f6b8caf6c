/**
 * The one declaration of an element kind: what the netlist calls it (letter, nodes, parameters with
 * units, defaults and descriptions), how its checked values become a circuit element, how the
 * topology checks treat it in DC, what ngspice calls it, and its device. The parser, elaboration,
 * topology checks, `ncm check`, the docs table and the ngspice exporter all read it, so a new
 * element is one file (its element type, declaration and device) plus one line in registry.ts.
 *
 * Plain data and small functions only: this layer imports nothing from src/netlist.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { CircuitElement } from './circuit.js';
import type { Device } from './device.js';

/** One parameter of an element line. */
export interface ParamDeclaration {
  /**
   * `'value'`: the value after the nodes, named in messages and forms by `name` (`resistance`);
   * `'keyed'`: written `name=value` (`ic=0`), the key matched case-insensitively.
   */
  position: 'value' | 'keyed';
  name: string;
  /** SI unit symbol (`ohm`, `F`, `V`, ...), empty for a pure number. */
  unit: string;
  description: string;
  /** Value when absent; undefined = the value is required (positional) or left out of the element (keyed). */
  default?: number | string;
  /** Elaboration rejects a value that is not > 0 ("the resistance must be positive"). */
  positive?: boolean;
  /** What messages call it when not `name` (`initial condition` for `ic`). */
  what?: string;
}

/**
 * How the netlist reads the element's line. `'value'` is the generic reader, driven by `nodes` and
 * `params` alone (`R1 a b 5k`, `C1 a b 1n ic=0`); the others name a reader of src/netlist for a line
 * shape of its own (waveforms, behavioural expressions, controlling capacitors, control nodes).
 */
export type ElementSyntax = 'value' | 'source' | 'dynamic-resistor' | 'controlled' | 'behavioural' | 'switch' | 'internal';

/** What elaboration hands to `build`: the placed name, key, node indices and source position. */
export interface ElementPlacement {
  name: string;
  key: string;
  nodes: number[];
  loc: SourceLocation;
}

export interface ElementDeclaration<E extends CircuitElement = CircuitElement> {
  /** The circuit element kind (`CircuitElement['kind']`). */
  kind: E['kind'];
  /** Name prefix in a netlist (`R`, `RDYN`); undefined for elements an analysis creates. */
  letter: string | undefined;
  /** In words, for messages and `ncm check` (`resistor`). */
  noun: string;
  /** Terminal roles in netlist order (`n+`, `n-`, `c+`, `c-`). */
  nodes: readonly string[];
  params: readonly ParamDeclaration[];
  syntax: ElementSyntax;
  /** The line's form for the docs table (Markdown); derived from `nodes` and `params` for `'value'` syntax. */
  form?: string;
  /** A netlist example line, for the docs table. */
  example: string;
  /** `'value'` syntax: the element from its checked SI values (params by name, defaults filled in). */
  build?(at: ElementPlacement, values: ReadonlyMap<string, number>): E;
  /** True if the element ties its first two nodes together in DC (a resistive or voltage-fixing path). */
  conductsDc(e: E): boolean;
  /** True if it fixes the voltage across its terminals in DC (V, L): a loop of only such elements is rejected. */
  fixesDcVoltage: boolean;
  /** The ngspice element letter the exporter writes. */
  spiceLetter: string;
  device(e: E): Device;
}
