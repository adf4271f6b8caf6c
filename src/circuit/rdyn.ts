/**
 * The paper's dynamic trans-slit resistor (eq. 1a, 1b):
 *   i = (v+ - v-) / R(q),  R(q) = RC (1 - GAMMA q / QMAX),  q = C (v(c+) - v(c-))
 * with q the charge of the controlling capacitor read from the same iterate, so the Newton
 * Jacobian below is exact (d i/d v on its own two nodes and on the capacitor's two nodes).
 * The factor 1 - GAMMA q / QMAX is floored at FACTOR_FLOOR so that a Newton iterate far outside
 * the physical range (q > QMAX / GAMMA) cannot make the resistance zero or negative; on the
 * floor the charge derivative is zero.
 */
import { NcmError } from '../diagnostics.js';
import type { DynamicResistorElement } from './circuit.js';
import { CapacitorDevice } from './capacitor.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';

export const FACTOR_FLOOR = 1e-2;

export class DynamicResistorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = true;
  readonly handles = new Int32Array(8);
  private p = 0;
  private m = 0;
  private cp = 0;
  private cm = 0;
  private cap = 0;
  /** Q_max in coulomb; for `QMAX=peak` the CV analysis updates it cycle by cycle. */
  qmax = 1;
  readonly qmaxIsPeak: boolean;
  control: CapacitorDevice | undefined;

  constructor(readonly element: DynamicResistorElement) {
    this.qmaxIsPeak = element.qmax === 'peak';
    if (typeof element.qmax === 'number') this.qmax = element.qmax;
  }

  setup(ctx: SetupContext): void {
    const e = this.element;
    const ctl = ctx.device(e.control);
    if (!(ctl instanceof CapacitorDevice)) {
      throw new NcmError(`${e.name}: controlling element '${e.control}' ${ctl ? 'is not a capacitor' : 'does not exist'}`, { loc: e.loc });
    }
    this.control = ctl;
    this.cap = ctl.capacitance;
    if (this.qmaxIsPeak) this.qmax = Math.abs(this.cap) * ctx.peakVoltageGuess;
    if (!(this.qmax > 0)) throw new NcmError(`${e.name}: QMAX must be positive (got ${this.qmax} C)`, { loc: e.loc });
    if (!(e.rc > 0)) throw new NcmError(`${e.name}: RC must be positive (got ${e.rc} ohm)`, { loc: e.loc });
    this.p = ctx.node(e.nodes[0]!);
    this.m = ctx.node(e.nodes[1]!);
    this.cp = ctx.node(ctl.element.nodes[0]!);
    this.cm = ctx.node(ctl.element.nodes[1]!);
    const h = this.handles;
    h[0] = ctx.entry(this.p, this.p);
    h[1] = ctx.entry(this.p, this.m);
    h[2] = ctx.entry(this.m, this.p);
    h[3] = ctx.entry(this.m, this.m);
    h[4] = ctx.entry(this.p, this.cp);
    h[5] = ctx.entry(this.p, this.cm);
    h[6] = ctx.entry(this.m, this.cp);
    h[7] = ctx.entry(this.m, this.cm);
  }

  /** Present resistance R(q) at the iterate x. */
  resistance(x: Float64Array): number {
    const q = this.cap * (x[this.cp]! - x[this.cm]!);
    const f = Math.max(1 - (this.element.gamma * q) / this.qmax, FACTOR_FLOOR);
    return this.element.rc * f;
  }

  /** Current and its derivatives at x, written to out = [i, di/dvd, di/dq]. */
  evaluate(x: Float64Array, out: Float64Array): void {
    const e = this.element;
    const vd = x[this.p]! - x[this.m]!;
    const q = this.cap * (x[this.cp]! - x[this.cm]!);
    const k = e.gamma / this.qmax;
    let f = 1 - k * q;
    let dfdq = -k;
    if (f < FACTOR_FLOOR) {
      f = FACTOR_FLOOR;
      dfdq = 0;
    }
    const r = e.rc * f;
    out[0] = vd / r;
    out[1] = 1 / r;
    out[2] = (-vd * e.rc * dfdq) / (r * r);
  }

  private readonly tmp = new Float64Array(3);

  load(ctx: LoadContext): void {
    const x = ctx.x;
    this.evaluate(x, this.tmp);
    const i = this.tmp[0]!;
    const gd = this.tmp[1]!;
    const gq = this.tmp[2]! * this.cap;
    const vd = x[this.p]! - x[this.m]!;
    const vc = x[this.cp]! - x[this.cm]!;
    const a = ctx.a;
    const h = this.handles;
    a[h[0]!] += gd;
    a[h[1]!] -= gd;
    a[h[2]!] -= gd;
    a[h[3]!] += gd;
    a[h[4]!] += gq;
    a[h[5]!] -= gq;
    a[h[6]!] -= gq;
    a[h[7]!] += gq;
    const ieq = i - gd * vd - gq * vc;
    ctx.b[this.p] -= ieq;
    ctx.b[this.m] += ieq;
  }

  probes(): Probe[] {
    return [{ label: `r(${this.element.key})`, unit: 'ohm', read: (x) => this.resistance(x) }];
  }
}
