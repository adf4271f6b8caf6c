/** Linear voltage-controlled current source (ngspice `G`): i = gm (v(c+) - v(c-)) from n+ through it to n-. */
import type { VccsElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';

export class VccsDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);

  constructor(readonly element: VccsElement) {}

  setup(ctx: SetupContext): void {
    const [p, m, cp, cm] = this.element.nodes.map((n) => ctx.node(n)) as [number, number, number, number];
    const h = this.handles;
    h[0] = ctx.entry(p, cp);
    h[1] = ctx.entry(p, cm);
    h[2] = ctx.entry(m, cp);
    h[3] = ctx.entry(m, cm);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    const g = this.element.transconductance;
    a[h[0]!] += g;
    a[h[1]!] -= g;
    a[h[2]!] -= g;
    a[h[3]!] += g;
  }

  probes(): Probe[] {
    return [];
  }
}
