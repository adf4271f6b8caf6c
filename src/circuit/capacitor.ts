/**
 * Linear capacitor, charge-oriented: it supplies q = C (v+ - v-) and dq/dv = C; the integrator
 * turns the charge into the current dq/dt. Open circuit in DC.
 */
import type { CapacitorElement } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class CapacitorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 1;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);
  /** MNA unknowns of n+ and n- (ground = the engine's ground index). */
  p = 0;
  m = 0;
  state = 0;
  // Hot-loop copies (in-object fields: no pointer chasing through element and handles).
  private c: number;
  private h0 = 0;
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;

  constructor(readonly element: CapacitorElement) {
    this.c = element.capacitance;
  }

  get capacitance(): number {
    return this.element.capacitance;
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.state = ctx.firstState;
    const h = this.handles;
    h[0] = ctx.entry(this.p, this.p);
    h[1] = ctx.entry(this.p, this.m);
    h[2] = ctx.entry(this.m, this.p);
    h[3] = ctx.entry(this.m, this.m);
  }

  bind(): void {
    const h = this.handles;
    this.h0 = h[0]!;
    this.h1 = h[1]!;
    this.h2 = h[2]!;
    this.h3 = h[3]!;
  }

  /** Charge at the iterate x, in the netlist polarity. */
  charge(x: Float64Array): number {
    return this.c * (x[this.p]! - x[this.m]!);
  }

  load(ctx: LoadContext): void {
    const x = ctx.x;
    const c = this.c;
    const p = this.p;
    const m = this.m;
    const v = x[p]! - x[m]!;
    const i = ctx.integrate(this.state, c * v);
    const g = ctx.ag0 * c;
    const a = ctx.a;
    a[this.h0] += g;
    a[this.h1] -= g;
    a[this.h2] -= g;
    a[this.h3] += g;
    const ieq = i - g * v;
    const b = ctx.b;
    b[p] -= ieq;
    b[m] += ieq;
  }

  /** Admittance j omega C. */
  acLoad(ctx: AcLoadContext): void {
    const a = ctx.c;
    const c = this.c;
    a[this.h0] += c;
    a[this.h1] -= c;
    a[this.h2] -= c;
    a[this.h3] += c;
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    states[this.state] = this.charge(x);
  }

  initialCondition(states: Float64Array): void {
    states[this.state] = this.element.capacitance * (this.element.ic ?? 0);
  }

  probes(): Probe[] {
    return [
      { label: `q(${this.element.key})`, unit: 'C', read: (x) => this.charge(x) },
      // i(C) = dq/dt from n+ through the capacitor to n- (ngspice), as the integrator computed it.
      { label: `i(${this.element.key})`, unit: 'A', onRequest: true, read: (_x, dq) => (dq ? dq[this.state]! : 0) },
    ];
  }
}

/** The capacitor, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const capacitor: ElementDeclaration<CapacitorElement> = {
  kind: 'C',
  letter: 'C',
  noun: 'capacitor',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'capacitance', unit: 'F', description: 'capacitance', positive: true },
    { position: 'keyed', name: 'ic', unit: 'V', description: 'initial voltage v(n+) - v(n-), used with uic', what: 'initial condition' },
  ],
  syntax: 'value',
  example: 'Cslit1 m s1 {cs} ic=0',
  build: (at, v) => {
    const capacitance = v.get('capacitance')!;
    const ic = v.get('ic');
    // Plain object literals (not spreads): the engine walks these objects in its hot loops.
    return ic === undefined
      ? { kind: 'C', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, capacitance }
      : { kind: 'C', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, capacitance, ic };
  },
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'C',
  device: (e) => new CapacitorDevice(e),
};
