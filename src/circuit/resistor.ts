/** Linear resistor: i = (v+ - v-) / R. */
import type { ResistorElement } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class ResistorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);
  private readonly g: number;
  private p = 0;
  private m = 0;
  private h0 = 0;
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;

  constructor(readonly element: ResistorElement) {
    this.g = 1 / element.resistance;
  }

  setup(ctx: SetupContext): void {
    const p = (this.p = ctx.node(this.element.nodes[0]!));
    const m = (this.m = ctx.node(this.element.nodes[1]!));
    const h = this.handles;
    h[0] = ctx.entry(p, p);
    h[1] = ctx.entry(p, m);
    h[2] = ctx.entry(m, p);
    h[3] = ctx.entry(m, m);
  }

  bind(): void {
    const h = this.handles;
    this.h0 = h[0]!;
    this.h1 = h[1]!;
    this.h2 = h[2]!;
    this.h3 = h[3]!;
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const g = this.g;
    a[this.h0] += g;
    a[this.h1] -= g;
    a[this.h2] -= g;
    a[this.h3] += g;
  }

  acLoad(ctx: AcLoadContext): void {
    const a = ctx.g;
    const g = this.g;
    a[this.h0] += g;
    a[this.h1] -= g;
    a[this.h2] -= g;
    a[this.h3] += g;
  }

  /** i(R): from n+ through the resistor to n- (ngspice). */
  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', onRequest: true, read: (x) => (x[this.p]! - x[this.m]!) * this.g }];
  }
}

/** The resistor, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const resistor: ElementDeclaration<ResistorElement> = {
  kind: 'R',
  letter: 'R',
  noun: 'resistor',
  nodes: ['n+', 'n-'],
  params: [{ position: 'value', name: 'resistance', unit: 'ohm', description: 'resistance', positive: true }],
  syntax: 'value',
  example: 'Ropen 0 s0 1',
  build: (at, v) => ({ kind: 'R', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, resistance: v.get('resistance')! }),
  conductsDc: () => true,
  fixesDcVoltage: false,
  spiceLetter: 'R',
  device: (e) => new ResistorDevice(e),
};
