/**
 * The port driver of a `.protocol` run. One branch unknown i: the current pushed into n+ from
 * outside (positive charges the cell), returned at n-. Its equation follows the present step:
 *   current: i = I      rest: i = 0      voltage: v(n+) - v(n-) = V
 *   power:   v i = P    (linearised with its exact Jacobian; P < 0 discharges)
 */
import type { ProtocolDriverElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';

export type DriverMode = 'current' | 'power' | 'voltage';

export class ProtocolDriverDevice implements Device {
  readonly branchCount = 1;
  readonly stateCount = 0;
  readonly nonlinear = true;
  readonly handles = new Int32Array(5);
  p = 0;
  m = 0;
  branch = 0;
  mode: DriverMode = 'current';
  /** Set point in A, W or V by mode. */
  value = 0;

  constructor(readonly element: ProtocolDriverElement) {}

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    const k = (this.branch = ctx.firstBranch);
    const h = this.handles;
    h[0] = ctx.entry(this.p, k);
    h[1] = ctx.entry(this.m, k);
    h[2] = ctx.entry(k, k);
    h[3] = ctx.entry(k, this.p);
    h[4] = ctx.entry(k, this.m);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    const k = this.branch;
    if (this.mode === 'current') {
      // A known current: injected straight into the KCL rows, and the branch unknown decoupled
      // (its row reads i = I alone), so it comes out exact, also at I = 0 (a rest), where its
      // convergence tolerance is only abstol.
      a[h[2]!] += 1;
      ctx.b[k] += this.value;
      ctx.b[this.p] += this.value;
      ctx.b[this.m] -= this.value;
      return;
    }
    a[h[0]!] -= 1;
    a[h[1]!] += 1;
    switch (this.mode) {
      case 'voltage':
        a[h[3]!] += 1;
        a[h[4]!] -= 1;
        ctx.b[k] += this.value;
        break;
      case 'power': {
        const x = ctx.x;
        const v = x[this.p]! - x[this.m]!;
        const i = x[k]!;
        a[h[2]!] += v;
        a[h[3]!] += i;
        a[h[4]!] -= i;
        ctx.b[k] += this.value + v * i;
        break;
      }
    }
  }

  voltage(x: Float64Array): number {
    return x[this.p]! - x[this.m]!;
  }

  current(x: Float64Array): number {
    return x[this.branch]!;
  }

  probes(): Probe[] {
    // Same label and sign as the replaced source's probe: the current delivered into the cell at n+.
    return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => this.current(x) }];
  }
}
