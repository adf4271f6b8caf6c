/**
 * Linear inductor with its current as an MNA unknown; flux-oriented: phi = L i is integrated,
 * v+ - v- = dphi/dt. A short circuit in DC.
 */
import type { InductorElement } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class InductorDevice implements Device {
  readonly branchCount = 1;
  readonly stateCount = 1;
  readonly nonlinear = false;
  readonly handles = new Int32Array(5);
  private p = 0;
  private m = 0;
  branch = 0;
  private state = 0;

  constructor(readonly element: InductorElement) {}

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.branch = ctx.firstBranch;
    this.state = ctx.firstState;
    const k = this.branch;
    const h = this.handles;
    h[0] = ctx.entry(this.p, k);
    h[1] = ctx.entry(this.m, k);
    h[2] = ctx.entry(k, this.p);
    h[3] = ctx.entry(k, this.m);
    h[4] = ctx.entry(k, k);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    const l = this.element.inductance;
    const i = ctx.x[this.branch]!;
    const dphi = ctx.integrate(this.state, l * i);
    const g = ctx.ag0 * l;
    a[h[0]!] += 1;
    a[h[1]!] -= 1;
    a[h[2]!] += 1;
    a[h[3]!] -= 1;
    a[h[4]!] -= g;
    // v+ - v- - (g i + (dphi - g i)) = 0
    ctx.b[this.branch] += dphi - g * i;
  }

  /** Branch row: v+ - v- - j omega L i = 0. */
  acLoad(ctx: AcLoadContext): void {
    const h = this.handles;
    const g = ctx.g;
    g[h[0]!] += 1;
    g[h[1]!] -= 1;
    g[h[2]!] += 1;
    g[h[3]!] -= 1;
    ctx.c[h[4]!] -= this.element.inductance;
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    states[this.state] = this.element.inductance * x[this.branch]!;
  }

  initialCondition(states: Float64Array): void {
    states[this.state] = this.element.inductance * (this.element.ic ?? 0);
  }

  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => x[this.branch]! }];
  }
}

/** The inductor, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const inductor: ElementDeclaration<InductorElement> = {
  kind: 'L',
  letter: 'L',
  noun: 'inductor',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'inductance', unit: 'H', description: 'inductance', positive: true },
    { position: 'keyed', name: 'ic', unit: 'A', description: 'initial current from n+ through the inductor to n-, used with uic', what: 'initial condition' },
  ],
  syntax: 'value',
  example: 'L1 a b 1uH',
  build: (at, v) => {
    const inductance = v.get('inductance')!;
    const ic = v.get('ic');
    return ic === undefined
      ? { kind: 'L', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, inductance }
      : { kind: 'L', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, inductance, ic };
  },
  conductsDc: () => true,
  fixesDcVoltage: true,
  spiceLetter: 'L',
  device: (e) => new InductorDevice(e),
};
