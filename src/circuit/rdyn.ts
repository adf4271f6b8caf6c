/**
 * The paper's dynamic trans-slit resistor (eq. 1a, 1b):
 *   i = (v+ - v-) / R(q),  R(q) = RC (1 - GAMMA s),  s = |q| / |QMAX|,  q = q_c(v(c+) - v(c-))
 * with q the charge of the controlling capacitor read from the same iterate through its charge
 * relation (chargeRelation.ts: C v for a capacitor, Q(V) for a nonlinear C... Q={...}), so the
 * Newton Jacobian below is exact (d i/d v on its own two nodes and, through dq/dv, on the
 * capacitor's two nodes).
 * s is the paper's normalised storage Q_i / Q_i^max: its magnitude, so that an electrode charged
 * to a negative potential (or a capacitor written the other way round) is the mirror image of
 * one charged to a positive potential, not an electrode with the opposite GAMMA.
 * The factor 1 - GAMMA s is floored at FACTOR_FLOOR so that a Newton iterate far outside
 * the physical range (s > 1 / GAMMA) cannot make the resistance zero or negative; on the
 * floor the charge derivative is zero.
 */
import { NcmError } from '../diagnostics.js';
import type { DynamicResistorElement } from './circuit.js';
import { CapacitorDevice } from './capacitor.js';
import { ChargeCapacitorDevice } from './chargeCapacitor.js';
import { chargeRelation, chargeScale, type ChargeRelation } from './chargeRelation.js';
import type { AcLoadContext, Device, LoadContext, PeakParameter, SetupContext, Probe, StepWatch } from './device.js';
import type { ElementDeclaration } from './element.js';

export const FACTOR_FLOOR = 1e-2;

/**
 * The normalised charge s = |q| / |qmax| of eq. 1b (the one place this formula lives: the device,
 * its per-kind kernels, the export and the reports call it). Polarity-independent.
 */
export function normalisedCharge(q: number, qmax: number): number {
  return Math.abs(q) / Math.abs(qmax);
}

/** ds/dq of `normalisedCharge`: sign(q) / |qmax| (0 at q = 0, where |q| has its corner). */
export function normalisedChargeSlope(q: number, qmax: number): number {
  return Math.sign(q) / Math.abs(qmax);
}

/** The floored factor 1 - gamma s of R = RC (1 - gamma s), as the engine evaluates it. */
export function rdynFactor(gamma: number, q: number, qmax: number): number {
  return Math.max(1 - gamma * normalisedCharge(q, qmax), FACTOR_FLOOR);
}

/**
 * The warning of an RDYN that sat on its factor floor for `onFloor` seconds of a run of `span`
 * seconds (undefined if it never did); shared by the device's watch and the engine's batched one.
 */
export function floorWarning(name: string, onFloor: number, span: number, qPeak: number, qmax: number, gamma: number): string | undefined {
  if (!(onFloor > 0)) return undefined;
  const pct = (100 * onFloor) / span;
  return `${name}: the factor 1 - GAMMA |q|/QMAX sat on its floor ${FACTOR_FLOOR} for ${pct < 0.1 ? pct.toPrecision(2) : pct.toFixed(1)} % of the run: |q| reached ${qPeak.toPrecision(4)} C against QMAX = ${qmax.toPrecision(4)} C (|q|/QMAX = ${(qPeak / qmax).toPrecision(4)}, GAMMA = ${gamma}); raise QMAX or use QMAX=peak`;
}

export class DynamicResistorDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = true;
  readonly handles = new Int32Array(8);
  private p = 0;
  private m = 0;
  private cp = 0;
  private cm = 0;
  private rel: ChargeRelation | undefined;
  private rc: number;
  private gamma: number;
  private h0 = 0;
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;
  private h4 = 0;
  private h5 = 0;
  private h6 = 0;
  private h7 = 0;
  /**
   * Q_max in coulomb; for `QMAX=peak` the CV analysis updates it cycle by cycle. It lives in a slot
   * that the engine's RDYN kernel reads (`shareQmax`), so an update reaches the kernel at once.
   */
  get qmax(): number {
    return this.qmaxStore[this.qmaxSlot]!;
  }
  set qmax(v: number) {
    this.qmaxStore[this.qmaxSlot] = v;
  }
  private qmaxStore: Float64Array = new Float64Array([1]);
  private qmaxSlot = 0;

  /** Keeps Q_max in `store[slot]` from now on (the engine's per-kind arrays, src/engine/loadKernels.ts). */
  shareQmax(store: Float64Array, slot: number): void {
    store[slot] = this.qmax;
    this.qmaxStore = store;
    this.qmaxSlot = slot;
  }
  readonly qmaxIsPeak: boolean;
  control: CapacitorDevice | ChargeCapacitorDevice | undefined;

  peakParameters(): PeakParameter[] {
    if (!this.qmaxIsPeak) return [];
    return [{ name: this.element.name, tracked: (x) => this.rel!.at(x[this.cp]! - x[this.cm]!), get: () => this.qmax, set: (v) => (this.qmax = v) }];
  }

  constructor(readonly element: DynamicResistorElement) {
    this.qmaxIsPeak = element.qmax === 'peak';
    this.rc = element.rc;
    this.gamma = element.gamma;
    if (typeof element.qmax === 'number') this.qmax = element.qmax;
  }

  setup(ctx: SetupContext): void {
    const e = this.element;
    const ctl = ctx.device(e.control);
    if (!(ctl instanceof CapacitorDevice || ctl instanceof ChargeCapacitorDevice)) {
      throw new NcmError(`${e.name}: controlling element '${e.control}' ${ctl ? 'is not a capacitor' : 'does not exist'}`, { loc: e.loc });
    }
    this.control = ctl;
    this.rel = chargeRelation(ctl.element);
    if (this.qmaxIsPeak) this.qmax = chargeScale(this.rel, ctx.peakVoltageGuess);
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
    return this.element.rc * rdynFactor(this.gamma, this.rel!.at(x[this.cp]! - x[this.cm]!), this.qmax);
  }

  bind(): void {
    const h = this.handles;
    this.h0 = h[0]!;
    this.h1 = h[1]!;
    this.h2 = h[2]!;
    this.h3 = h[3]!;
    this.h4 = h[4]!;
    this.h5 = h[5]!;
    this.h6 = h[6]!;
    this.h7 = h[7]!;
  }

  load(ctx: LoadContext): void {
    const x = ctx.x;
    const p = this.p;
    const m = this.m;
    const vd = x[p]! - x[m]!;
    const vc = x[this.cp]! - x[this.cm]!;
    const rel = this.rel!;
    const q = rel.at(vc);
    const dqdv = rel.slope;
    let f = 1 - this.gamma * normalisedCharge(q, this.qmax);
    let dfdq = -this.gamma * normalisedChargeSlope(q, this.qmax);
    if (f < FACTOR_FLOOR) {
      f = FACTOR_FLOOR;
      dfdq = 0;
    }
    const rc = this.rc;
    const r = rc * f;
    const gd = 1 / r;
    const i = vd * gd;
    const gq = -vd * rc * dfdq * gd * gd * dqdv;
    this.stamp(ctx.a, gd, gq);
    const ieq = i - gd * vd - gq * vc;
    const b = ctx.b;
    b[p] -= ieq;
    b[m] += ieq;
  }

  /**
   * Linearised at the bias: di = dv / R(q) + (di/dq) (dq/dv) d(v(c+) - v(c-)); the second term couples
   * the small-signal current to the controlling capacitor's charge (same entries as the Newton Jacobian).
   */
  acLoad(ctx: AcLoadContext): void {
    const x = ctx.x;
    const vd = x[this.p]! - x[this.m]!;
    const vc = x[this.cp]! - x[this.cm]!;
    const q = this.rel!.at(vc);
    let f = 1 - this.gamma * normalisedCharge(q, this.qmax);
    let dfdq = -this.gamma * normalisedChargeSlope(q, this.qmax);
    if (f < FACTOR_FLOOR) {
      f = FACTOR_FLOOR;
      dfdq = 0;
    }
    const gd = 1 / (this.rc * f);
    const gq = -vd * this.rc * dfdq * gd * gd * this.rel!.slope;
    this.stamp(ctx.g, gd, gq);
  }

  /** Conductance gd between n+ and n-, and gq = di/dv_c coupling the current to the controlling capacitor's voltage. */
  private stamp(a: Float64Array, gd: number, gq: number): void {
    a[this.h0] += gd;
    a[this.h1] -= gd;
    a[this.h2] -= gd;
    a[this.h3] += gd;
    a[this.h4] += gq;
    a[this.h5] -= gq;
    a[this.h6] -= gq;
    a[this.h7] += gq;
  }

  /**
   * Time on the factor floor over a run: with a fixed QMAX below the charge reached, 1 - GAMMA |q|/QMAX
   * sits at FACTOR_FLOOR and the law no longer holds; the warning names the fraction and |q| vs QMAX.
   */
  watch(): StepWatch {
    let t0 = NaN;
    let tPrev = NaN;
    let onFloor = 0;
    let qPeak = 0;
    return {
      accept: (t, x) => {
        const q = this.rel!.at(x[this.cp]! - x[this.cm]!);
        const floored = 1 - this.gamma * normalisedCharge(q, this.qmax) <= FACTOR_FLOOR;
        if (Number.isNaN(t0)) t0 = t;
        else if (floored) onFloor += t - tPrev;
        tPrev = t;
        qPeak = Math.max(qPeak, Math.abs(q));
      },
      warning: () => floorWarning(this.element.name, onFloor, tPrev - t0, qPeak, this.qmax, this.gamma),
    };
  }

  probes(): Probe[] {
    return [
      { label: `r(${this.element.key})`, unit: 'ohm', onRequest: true, read: (x) => this.resistance(x) },
      // i(RDYN): from n+ through the resistor to n- (ngspice).
      { label: `i(${this.element.key})`, unit: 'A', onRequest: true, read: (x) => (x[this.p]! - x[this.m]!) / this.resistance(x) },
    ];
  }
}

/** The dynamic resistor, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const dynamicResistor: ElementDeclaration<DynamicResistorElement> = {
  kind: 'RDYN',
  letter: 'RDYN',
  noun: 'dynamic resistor',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'keyed', name: 'RC', unit: 'ohm', description: 'resistance at zero charge', positive: true },
    { position: 'keyed', name: 'GAMMA', unit: '', description: 'charge sensitivity, in [-1, 1): R = RC (1 - GAMMA |q| / QMAX), the same for either sign of q' },
    { position: 'keyed', name: 'Q', unit: '', description: 'the controlling capacitor (a name in the same subcircuit scope): a capacitor C... <value> or a nonlinear C... Q={...}' },
    { position: 'keyed', name: 'QMAX', unit: 'C', description: 'charge scale (positive), or peak: the largest |q| of the capacitor over a cycle (over the run outside .cv)', default: 'peak', positive: true },
  ],
  syntax: 'dynamic-resistor',
  form: '`RDYN<name> n+ n- RC=<ohm> GAMMA=<value> Q=<capacitor> [QMAX=peak|<coulomb>]`',
  example: 'RDYN2 s1 s2 RC={rc} GAMMA=0.5 Q=Cslit1',
  conductsDc: () => true,
  fixesDcVoltage: false,
  spiceLetter: 'B',
  device: (e) => new DynamicResistorDevice(e),
};
