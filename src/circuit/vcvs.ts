/**
 * Linear voltage-controlled voltage source (ngspice `E`): v(n+) - v(n-) = gain (v(c+) - v(c-)).
 * Its branch current (an MNA unknown) flows from n+ through the source to n-, as for `V`.
 */
import type { VcvsElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class VcvsDevice implements Device {
  readonly branchCount = 1;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(6);
  branch = 0;

  constructor(readonly element: VcvsElement) {}

  setup(ctx: SetupContext): void {
    const [p, m, cp, cm] = this.element.nodes.map((n) => ctx.node(n)) as [number, number, number, number];
    const k = ctx.firstBranch;
    this.branch = k;
    const h = this.handles;
    h[0] = ctx.entry(p, k);
    h[1] = ctx.entry(m, k);
    h[2] = ctx.entry(k, p);
    h[3] = ctx.entry(k, m);
    h[4] = ctx.entry(k, cp);
    h[5] = ctx.entry(k, cm);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    const g = this.element.gain;
    a[h[0]!] += 1;
    a[h[1]!] -= 1;
    a[h[2]!] += 1;
    a[h[3]!] -= 1;
    a[h[4]!] -= g;
    a[h[5]!] += g;
  }

  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => -x[this.branch]! }];
  }
}

/** The voltage-controlled voltage source, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const vcvs: ElementDeclaration<VcvsElement> = {
  kind: 'E',
  letter: 'E',
  noun: 'voltage-controlled voltage source',
  nodes: ['n+', 'n-', 'c+', 'c-'],
  params: [{ position: 'value', name: 'gain', unit: '', description: 'v(n+) - v(n-) = gain (v(c+) - v(c-))' }],
  syntax: 'controlled',
  form: '`E<name> n+ n- c+ c- <gain>` (see [loads.md](loads.md))',
  example: 'E1 out 0 in 0 1',
  conductsDc: () => true,
  fixesDcVoltage: false,
  spiceLetter: 'E',
  device: (e) => new VcvsDevice(e),
};
