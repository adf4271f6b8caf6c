/** Builds `Circuit` values in code for engine tests (the netlist parser is tested elsewhere). */
import type { Analysis, Circuit, CircuitElement, Waveform } from '../../src/circuit/circuit.js';

type Dist<T> = T extends unknown ? Omit<T, 'key' | 'nodes' | 'loc'> : never;

export class CircuitBuilder {
  readonly nodeNames = ['0'];
  readonly elements: CircuitElement[] = [];
  readonly analyses: Analysis[] = [];
  options: Record<string, number | string> = {};
  private line = 1;

  node(name: string): number {
    if (name === '0' || name.toLowerCase() === 'gnd') return 0;
    const i = this.nodeNames.indexOf(name);
    if (i >= 0) return i;
    this.nodeNames.push(name);
    return this.nodeNames.length - 1;
  }

  add(e: Dist<CircuitElement>, nodes: string[]): this {
    const el = { ...e, key: e.name.toLowerCase(), nodes: nodes.map((n) => this.node(n)), loc: { file: 'test.cir', line: this.line++, column: 1 } } as CircuitElement;
    this.elements.push(el);
    return this;
  }

  r(name: string, a: string, b: string, resistance: number): this {
    return this.add({ kind: 'R', name, resistance }, [a, b]);
  }
  c(name: string, a: string, b: string, capacitance: number, ic?: number): this {
    return this.add(ic === undefined ? { kind: 'C', name, capacitance } : { kind: 'C', name, capacitance, ic }, [a, b]);
  }
  l(name: string, a: string, b: string, inductance: number): this {
    return this.add({ kind: 'L', name, inductance }, [a, b]);
  }
  v(name: string, a: string, b: string, waveform: Waveform): this {
    return this.add({ kind: 'V', name, waveform }, [a, b]);
  }
  i(name: string, a: string, b: string, waveform: Waveform): this {
    return this.add({ kind: 'I', name, waveform }, [a, b]);
  }
  rdyn(name: string, a: string, b: string, rc: number, gamma: number, control: string, qmax: number | 'peak'): this {
    return this.add({ kind: 'RDYN', name, rc, gamma, control: control.toLowerCase(), qmax }, [a, b]);
  }

  build(title = 'test'): Circuit {
    return { title, nodeNames: [...this.nodeNames], elements: [...this.elements], analyses: [...this.analyses], options: { ...this.options }, saves: [], file: 'test.cir' };
  }
}
