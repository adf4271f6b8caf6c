/**
 * Nonlinear capacitor, charge-oriented: `C1 n+ n- Q={expression of V}` with V = v(n+) - v(n-). It
 * supplies q = Q(V) and the exact dq/dV of the compiled tape (reverse sweep); the integrator turns
 * the charge into the current dq/dt, so charge is conserved whatever C(V) = dQ/dV does. For a slit
 * capacitance that varies with the voltage (the Bikerman layer of the mPNP, `ncm extract`).
 */
import { NcmError } from '../diagnostics.js';
import { BehaviouralTape } from './behaviouralTape.js';
import type { BehaviouralExpr, ElementCommon } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export interface ChargeCapacitorElement extends ElementCommon {
  kind: 'CQ';
  /** Q(V) with V already written as v(n+, n-). */
  expr: BehaviouralExpr;
  /** The expression as written, for messages and export. */
  text: string;
}

declare module './circuit.js' {
  interface ElementTypes {
    CQ: ChargeCapacitorElement;
  }
}

export class ChargeCapacitorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 1;
  readonly nonlinear = true;
  handles = new Int32Array(0);
  private p = 0;
  private m = 0;
  private state = 0;
  private tape: BehaviouralTape | undefined;
  private lastTime = 0;

  constructor(readonly element: ChargeCapacitorElement) {}

  setup(ctx: SetupContext): void {
    const e = this.element;
    this.p = ctx.node(e.nodes[0]!);
    this.m = ctx.node(e.nodes[1]!);
    this.state = ctx.firstState;
    const tape = new BehaviouralTape(
      e.expr,
      (n) => ctx.node(n),
      () => {
        throw new NcmError(`${e.name}: Q= may read only the voltage V across the capacitor (and parameters)`, { loc: e.loc });
      },
      ctx.groundIndex,
    );
    this.tape = tape;
    const h = new Int32Array(2 * tape.inputs.length);
    tape.inputs.forEach((u, j) => {
      h[2 * j] = ctx.entry(this.p, u);
      h[2 * j + 1] = ctx.entry(this.m, u);
    });
    this.handles = h;
  }

  /** Charge at the iterate x, in the netlist polarity. */
  charge(x: Float64Array): number {
    return this.tape!.evaluate(x, this.lastTime);
  }

  load(ctx: LoadContext): void {
    this.lastTime = ctx.time;
    const tape = this.tape!;
    const x = ctx.x;
    const q = tape.evaluate(x, ctx.time);
    const i = ctx.integrate(this.state, q);
    const g = tape.grad;
    const inputs = tape.inputs;
    const a = ctx.a;
    const h = this.handles;
    let ieq = i;
    for (let j = 0; j < inputs.length; j++) {
      const gj = ctx.ag0 * g[j]!;
      a[h[2 * j]!] += gj;
      a[h[2 * j + 1]!] -= gj;
      ieq -= gj * x[inputs[j]!]!;
    }
    ctx.b[this.p] -= ieq;
    ctx.b[this.m] += ieq;
  }

  /** Admittance j omega dQ/dV at the bias point. */
  acLoad(ctx: AcLoadContext): void {
    const tape = this.tape!;
    tape.evaluate(ctx.x, this.lastTime);
    const g = tape.grad;
    const h = this.handles;
    for (let j = 0; j < tape.inputs.length; j++) {
      ctx.c[h[2 * j]!] += g[j]!;
      ctx.c[h[2 * j + 1]!] -= g[j]!;
    }
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    states[this.state] = this.charge(x);
  }

  probes(): Probe[] {
    return [{ label: `q(${this.element.key})`, unit: 'C', read: (x) => this.charge(x) }];
  }
}

/**
 * The nonlinear capacitor is written on a C line (`C1 a b Q={...}`), so it has no letter of its own:
 * the capacitor's line reader hands a `Q=` line to it. Listed in registry.ts.
 */
export const chargeCapacitor: ElementDeclaration<ChargeCapacitorElement> = {
  kind: 'CQ',
  letter: undefined,
  noun: 'nonlinear capacitor',
  nodes: ['n+', 'n-'],
  params: [{ position: 'keyed', name: 'Q', unit: 'C', description: 'charge on n+, an expression of V = v(n+) - v(n-) and parameters; C(V) = dQ/dV' }],
  syntax: 'behavioural',
  form: '`C<name> n+ n- Q={expression of V}`',
  example: 'Cslit1 m s1 Q={c0*V + c1*V^3}',
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'C',
  device: (e) => new ChargeCapacitorDevice(e),
};
