/**
 * Voltage- or time-controlled switch. The conductance moves between goff = 1/roff and gon = 1/ron:
 *  - smooth (vh = 0): log g = log goff + ln(gon/goff) s(z), s = 3z^2 - 2z^3 over
 *    z = (u - vt)/width + 1/2 in [0, 1], so g and dg/du are continuous and Newton sees the exact
 *    derivative; a time switch adds breakpoints at both ends of the transition (or at vt when width = 0);
 *  - hysteretic (vh > 0): on above vt + vh, off below vt - vh. The state changes only between
 *    accepted time points (a state computed at a converged point is committed when the next step
 *    starts later than it), so Newton never sees the jump inside an iteration.
 */
import type { SwitchElement } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext, TransientEvent } from './device.js';
import type { ElementDeclaration } from './element.js';

export class SwitchDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear: boolean;
  readonly handles = new Int32Array(8);
  private p = 0;
  private m = 0;
  private cp = 0;
  private cm = 0;
  private readonly gon: number;
  private readonly goff: number;
  private readonly lnRatio: number;
  /** Hysteretic state: committed, and the one computed at the last converged point. */
  on: boolean;
  private pending: boolean;
  private pendingTime = -Infinity;
  private lastLoadTime = 0;

  constructor(readonly element: SwitchElement) {
    this.gon = 1 / element.ron;
    this.goff = 1 / element.roff;
    this.lnRatio = Math.log(this.gon / this.goff);
    this.nonlinear = element.control === 'voltage';
    this.on = element.initiallyOn;
    this.pending = this.on;
  }

  setup(ctx: SetupContext): void {
    const e = this.element;
    this.p = ctx.node(e.nodes[0]!);
    this.m = ctx.node(e.nodes[1]!);
    const h = this.handles;
    h[0] = ctx.entry(this.p, this.p);
    h[1] = ctx.entry(this.p, this.m);
    h[2] = ctx.entry(this.m, this.p);
    h[3] = ctx.entry(this.m, this.m);
    if (e.control === 'voltage') {
      this.cp = ctx.node(e.nodes[2]!);
      this.cm = ctx.node(e.nodes[3]!);
      h[4] = ctx.entry(this.p, this.cp);
      h[5] = ctx.entry(this.p, this.cm);
      h[6] = ctx.entry(this.m, this.cp);
      h[7] = ctx.entry(this.m, this.cm);
    } else {
      for (let k = 4; k < 8; k++) h[k] = h[k - 4]!;
    }
  }

  private control(x: Float64Array, t: number): number {
    return this.element.control === 'voltage' ? x[this.cp]! - x[this.cm]! : t;
  }

  /** Conductance and d g / d u at control value u (smooth law), or the committed state (hysteretic). */
  conductance(u: number, out: Float64Array): void {
    const e = this.element;
    if (e.vh > 0) {
      out[0] = this.on ? this.gon : this.goff;
      out[1] = 0;
      return;
    }
    if (e.width <= 0) {
      out[0] = u > e.vt ? this.gon : this.goff;
      out[1] = 0;
      return;
    }
    const z = (u - e.vt) / e.width + 0.5;
    if (z <= 0) {
      out[0] = this.goff;
      out[1] = 0;
    } else if (z >= 1) {
      out[0] = this.gon;
      out[1] = 0;
    } else {
      const s = z * z * (3 - 2 * z);
      const g = this.goff * Math.exp(this.lnRatio * s);
      out[0] = g;
      out[1] = (g * this.lnRatio * 6 * z * (1 - z)) / e.width;
    }
  }

  private readonly gd = new Float64Array(2);

  load(ctx: LoadContext): void {
    const e = this.element;
    const x = ctx.x;
    if (e.vh > 0) {
      if (ctx.time > this.pendingTime) this.on = this.pending;
      this.lastLoadTime = ctx.time;
    }
    const u = this.control(x, ctx.time);
    this.conductance(u, this.gd);
    const g = this.gd[0]!;
    const dg = this.gd[1]!;
    const a = ctx.a;
    const h = this.handles;
    a[h[0]!] += g;
    a[h[1]!] -= g;
    a[h[2]!] -= g;
    a[h[3]!] += g;
    // A TIME switch's control is t, not an unknown: its dg/du is no Jacobian entry.
    if (dg !== 0 && e.control === 'voltage') {
      const vd = x[this.p]! - x[this.m]!;
      const gu = vd * dg;
      a[h[4]!] += gu;
      a[h[5]!] -= gu;
      a[h[6]!] -= gu;
      a[h[7]!] += gu;
      // i = g vd, linearised: g vd0 + g (vd - vd0) + gu (u - u0): the constant part is -gu u0.
      const ieq = -gu * u;
      ctx.b[this.p] -= ieq;
      ctx.b[this.m] += ieq;
    }
  }

  /** Fixes the committed hysteretic state, with no change pending (a copy of another device's state, for sensitivities). */
  holdState(on: boolean): void {
    this.on = on;
    this.pending = on;
    this.pendingTime = Infinity;
  }

  /** Called at every converged point: the hysteretic state the next step will use if this point is accepted. */
  storeStates(x: Float64Array): void {
    const e = this.element;
    if (!(e.vh > 0)) return;
    const u = e.control === 'voltage' ? x[this.cp]! - x[this.cm]! : NaN;
    this.pending = this.on ? !(u < e.vt - e.vh) : u > e.vt + e.vh;
    this.pendingTime = this.lastLoadTime;
  }

  /** A hysteretic switch's event: its control crossing the threshold that flips its committed state. */
  events(): TransientEvent[] {
    const e = this.element;
    if (!(e.vh > 0)) return [];
    return [
      {
        name: e.name,
        landing: 'past',
        tolerance: 0,
        level: () => (this.on ? e.vt - e.vh : e.vt + e.vh),
        direction: () => (this.on ? -1 : 1),
        value: (x) => x[this.cp]! - x[this.cm]!,
      },
    ];
  }

  breakpoints(tstop: number, out: number[]): void {
    const e = this.element;
    if (e.control !== 'time') return;
    const pts = e.width > 0 ? [e.vt - e.width / 2, e.vt + e.width / 2] : [e.vt];
    for (const t of pts) if (t > 0 && t <= tstop) out.push(t);
  }

  probes(): Probe[] {
    return [];
  }
}

/** The switch, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const switchElement: ElementDeclaration<SwitchElement> = {
  kind: 'S',
  letter: 'S',
  noun: 'switch',
  nodes: ['n+', 'n-', 'c+', 'c-'],
  params: [
    { position: 'keyed', name: 'VT', unit: 'V', description: 'threshold of the control voltage v(c+) - v(c-) (seconds for a TIME switch); required unless a .model gives it' },
    { position: 'keyed', name: 'VH', unit: 'V', description: 'hysteresis: on above VT + VH, off below VT - VH', default: 0 },
    { position: 'keyed', name: 'RON', unit: 'ohm', description: 'resistance when on', default: 1, positive: true },
    { position: 'keyed', name: 'ROFF', unit: 'ohm', description: 'resistance when off (larger than RON)', default: 1e9 },
    { position: 'keyed', name: 'WIDTH', unit: 'V', description: 'width of the smooth transition without hysteresis (0 for a TIME switch)', default: 0.01 },
  ],
  syntax: 'switch',
  form: '`S<name> n+ n- c+ c- VT=<V> [VH=] [RON=] [ROFF=] [WIDTH=] [ON]`, `S<name> n+ n- TIME VT=<s> ...` or `S<name> n+ n- c+ c- <.model name>` (see [loads.md](loads.md))',
  example: 'S1 a 0 c 0 VT=0.4 VH=0.05 RON=1 ROFF=1meg',
  conductsDc: () => true,
  fixesDcVoltage: false,
  spiceLetter: 'S',
  device: (e) => new SwitchDevice(e),
};
