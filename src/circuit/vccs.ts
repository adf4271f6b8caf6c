/** Linear voltage-controlled current source (ngspice `G`): i = gm (v(c+) - v(c-)) from n+ through it to n-. */
import type { VccsElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class VccsDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);

  private cp = 0;
  private cm = 0;

  constructor(readonly element: VccsElement) {}

  setup(ctx: SetupContext): void {
    const [p, m, cp, cm] = this.element.nodes.map((n) => ctx.node(n)) as [number, number, number, number];
    this.cp = cp;
    this.cm = cm;
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

  /** i(G): gm (v(c+) - v(c-)), from n+ through the source to n- (ngspice). */
  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', onRequest: true, read: (x) => this.element.transconductance * (x[this.cp]! - x[this.cm]!) }];
  }
}

/** The voltage-controlled current source, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const vccs: ElementDeclaration<VccsElement> = {
  kind: 'G',
  letter: 'G',
  noun: 'voltage-controlled current source',
  nodes: ['n+', 'n-', 'c+', 'c-'],
  params: [{ position: 'value', name: 'transconductance', unit: 'A/V', description: 'current from n+ through it to n- = gm (v(c+) - v(c-))' }],
  syntax: 'controlled',
  form: '`G<name> n+ n- c+ c- <transconductance>` (see [loads.md](loads.md))',
  example: 'G1 0 cell set 0 1m',
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'G',
  device: (e) => new VccsDevice(e),
};
