/**
 * Linear capacitor, charge-oriented: it supplies q = C (v+ - v-) and dq/dv = C; the integrator
 * turns the charge into the current dq/dt. Open circuit in DC.
 */
import type { CapacitorElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';

export class CapacitorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 1;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);
  /** MNA unknowns of n+ and n- (ground = the engine's ground index). */
  p = 0;
  m = 0;
  state = 0;
  private pRow = 0;
  private mRow = 0;

  constructor(readonly element: CapacitorElement) {}

  get capacitance(): number {
    return this.element.capacitance;
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.pRow = this.p;
    this.mRow = this.m;
    this.state = ctx.firstState;
    const h = this.handles;
    h[0] = ctx.entry(this.p, this.p);
    h[1] = ctx.entry(this.p, this.m);
    h[2] = ctx.entry(this.m, this.p);
    h[3] = ctx.entry(this.m, this.m);
  }

  /** Charge at the iterate x, in the netlist polarity. */
  charge(x: Float64Array): number {
    return this.element.capacitance * (x[this.p]! - x[this.m]!);
  }

  load(ctx: LoadContext): void {
    const x = ctx.x;
    const c = this.element.capacitance;
    const v = x[this.p]! - x[this.m]!;
    const i = ctx.integrate(this.state, c * v);
    const g = ctx.ag0 * c;
    const a = ctx.a;
    const h = this.handles;
    a[h[0]!] += g;
    a[h[1]!] -= g;
    a[h[2]!] -= g;
    a[h[3]!] += g;
    const ieq = i - g * v;
    ctx.b[this.pRow] -= ieq;
    ctx.b[this.mRow] += ieq;
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    states[this.state] = this.charge(x);
  }

  initialCondition(states: Float64Array): void {
    states[this.state] = this.element.capacitance * (this.element.ic ?? 0);
  }

  probes(): Probe[] {
    return [{ label: `q(${this.element.key})`, unit: 'C', read: (x) => this.charge(x) }];
  }
}
