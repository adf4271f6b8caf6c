/** Linear resistor: i = (v+ - v-) / R. */
import type { ResistorElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';

export class ResistorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);
  private readonly g: number;

  constructor(readonly element: ResistorElement) {
    this.g = 1 / element.resistance;
  }

  setup(ctx: SetupContext): void {
    const p = ctx.node(this.element.nodes[0]!);
    const m = ctx.node(this.element.nodes[1]!);
    const h = this.handles;
    h[0] = ctx.entry(p, p);
    h[1] = ctx.entry(p, m);
    h[2] = ctx.entry(m, p);
    h[3] = ctx.entry(m, m);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    const g = this.g;
    a[h[0]!] += g;
    a[h[1]!] -= g;
    a[h[2]!] -= g;
    a[h[3]!] += g;
  }

  probes(): Probe[] {
    return [];
  }
}
