/**
 * Constant-phase element, Y(s) = Q s^alpha (0 < alpha < 1): exact in `.ac` (`acDispersive`), and in
 * the transient a rational (RC) approximation over a stated band, from the integral representation
 *   s^alpha = (sin(alpha pi) / pi) * integral_0^inf x^(alpha-1) s / (s + x) dx
 * discretised with the trapezoidal rule in u = ln x on poles x_k spaced PER_DECADE per decade from
 * 2 pi fmin / 10^PAD to 2 pi fmax 10^PAD. Each term is a series R_k C_k branch (Y_k = G_k s/(s + x_k),
 * G_k = Q (sin(alpha pi)/pi) w_k x_k^alpha, R_k = 1/G_k, C_k = G_k / x_k); the two truncated tails
 * are added in their limits: a capacitor C_inf = Q (sin(alpha pi)/pi) X^(alpha-1)/(1-alpha) for the
 * poles above X, a conductance G_0 = Q (sin(alpha pi)/pi) x_0^alpha / alpha for those below x_0.
 * docs/eis.md states the measured error. The Warburg element (warburg.ts) is this device with
 * alpha = 1/2.
 *
 * Transient unknowns: one branch unknown per RC branch, the voltage u_k across C_k; its current is
 * i_k = d(C_k u_k)/dt (the integrator's state), and its row is v+ - v- = R_k i_k + u_k.
 */
import { NcmError } from '../diagnostics.js';
import type { ElementCommon } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';
import type { WarburgElement } from './warburg.js';

export interface CpeElement extends ElementCommon {
  kind: 'CPE';
  /** Q in S s^alpha (F s^(alpha-1)). */
  q: number;
  alpha: number;
  /** Band (Hz) over which the transient approximation is made. */
  fmin: number;
  fmax: number;
}

/** What the device needs: Y = q s^alpha, approximated in the transient over [fmin, fmax] Hz. */
export interface CpeSpec {
  q: number;
  alpha: number;
  fmin: number;
  fmax: number;
}

declare module './circuit.js' {
  interface ElementTypes {
    CPE: CpeElement;
  }
}

/** Poles per decade and decades of padding beyond the band on each side. */
export const PER_DECADE = 4;
export const PAD = 2;

/** The RC branches of the transient approximation (and the two tail terms) of Q s^alpha over [fmin, fmax]. */
export function cpeBranches(q: number, alpha: number, fmin: number, fmax: number): { r: Float64Array; c: Float64Array; cInf: number; g0: number } {
  const x0 = 2 * Math.PI * fmin * 10 ** -PAD;
  const X = 2 * Math.PI * fmax * 10 ** PAD;
  const k = Math.ceil(Math.log10(X / x0) * PER_DECADE) + 1;
  const du = Math.log(X / x0) / (k - 1);
  const a = (q * Math.sin(alpha * Math.PI)) / Math.PI;
  const r = new Float64Array(k);
  const c = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const x = x0 * Math.exp(i * du);
    const w = i === 0 || i === k - 1 ? du / 2 : du;
    const g = a * w * x ** alpha;
    r[i] = 1 / g;
    c[i] = g / x;
  }
  return { r, c, cInf: (a * X ** (alpha - 1)) / (1 - alpha), g0: (a * x0 ** alpha) / alpha };
}

export class CpeDevice implements Device {
  readonly branchCount: number;
  readonly stateCount: number;
  readonly nonlinear = false;
  readonly handles: Int32Array;
  private p = 0;
  private m = 0;
  private b0 = 0;
  private s0 = 0;
  private readonly r: Float64Array;
  private readonly c: Float64Array;
  private readonly cInf: number;
  private readonly g0: number;

  private readonly q: number;
  private readonly alpha: number;

  constructor(
    readonly element: CpeElement | WarburgElement,
    spec: CpeSpec,
    what = 'CPE',
  ) {
    const e = { ...spec, name: element.name, loc: element.loc };
    this.q = e.q;
    this.alpha = e.alpha;
    if (!(e.alpha > 0 && e.alpha < 1)) throw new NcmError(`${e.name}: the ${what} exponent must lie in (0, 1) (got ${e.alpha}); use a capacitor for 1 and a resistor for 0`, { loc: e.loc });
    if (!(e.q > 0)) throw new NcmError(`${e.name}: Q must be positive (got ${e.q})`, { loc: e.loc });
    if (!(e.fmin > 0 && e.fmax > e.fmin)) throw new NcmError(`${e.name}: the band needs 0 < FMIN < FMAX (got ${e.fmin} Hz, ${e.fmax} Hz)`, { loc: e.loc });
    const b = cpeBranches(e.q, e.alpha, e.fmin, e.fmax);
    this.r = b.r;
    this.c = b.c;
    this.cInf = b.cInf;
    this.g0 = b.g0;
    this.branchCount = b.r.length;
    this.stateCount = b.r.length + 1;
    this.handles = new Int32Array(4 + 5 * b.r.length);
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.b0 = ctx.firstBranch;
    this.s0 = ctx.firstState;
    const h = this.handles;
    const { p, m } = this;
    h[0] = ctx.entry(p, p);
    h[1] = ctx.entry(p, m);
    h[2] = ctx.entry(m, p);
    h[3] = ctx.entry(m, m);
    for (let k = 0; k < this.r.length; k++) {
      const b = this.b0 + k;
      const o = 4 + 5 * k;
      h[o] = ctx.entry(p, b);
      h[o + 1] = ctx.entry(m, b);
      h[o + 2] = ctx.entry(b, p);
      h[o + 3] = ctx.entry(b, m);
      h[o + 4] = ctx.entry(b, b);
    }
  }

  load(ctx: LoadContext): void {
    const { x, a, ag0 } = ctx;
    const bv = ctx.b;
    const h = this.handles;
    const { p, m } = this;
    const v = x[p]! - x[m]!;
    // Parallel tail terms: conductance g0 and capacitor cInf.
    const iInf = ctx.integrate(this.s0 + this.r.length, this.cInf * v);
    const g = this.g0 + ag0 * this.cInf;
    a[h[0]!] += g;
    a[h[1]!] -= g;
    a[h[2]!] -= g;
    a[h[3]!] += g;
    const eqInf = iInf - ag0 * this.cInf * v;
    bv[p] -= eqInf;
    bv[m] += eqInf;
    for (let k = 0; k < this.r.length; k++) {
      const b = this.b0 + k;
      const o = 4 + 5 * k;
      const ck = this.c[k]!;
      const rk = this.r[k]!;
      const u = x[b]!;
      const i = ctx.integrate(this.s0 + k, ck * u);
      const gu = ag0 * ck;
      const hist = i - gu * u;
      a[h[o]!] += gu;
      a[h[o + 1]!] -= gu;
      bv[p] -= hist;
      bv[m] += hist;
      // v+ - v- - R_k i_k - u_k = 0
      a[h[o + 2]!] += 1;
      a[h[o + 3]!] -= 1;
      a[h[o + 4]!] -= rk * gu + 1;
      bv[b] += rk * hist;
    }
  }

  /** `.ac` is exact (acDispersive); the branch unknowns are pinned to zero there. */
  acLoad(ctx: AcLoadContext): void {
    for (let k = 0; k < this.r.length; k++) ctx.g[this.handles[4 + 5 * k + 4]!] += 1;
  }

  acDispersive(omega: number, g: Float64Array, b: Float64Array): void {
    const mag = this.q * omega ** this.alpha;
    const gr = mag * Math.cos((this.alpha * Math.PI) / 2);
    const bi = mag * Math.sin((this.alpha * Math.PI) / 2);
    const h = this.handles;
    g[h[0]!] += gr;
    g[h[1]!] -= gr;
    g[h[2]!] -= gr;
    g[h[3]!] += gr;
    b[h[0]!] += bi;
    b[h[1]!] -= bi;
    b[h[2]!] -= bi;
    b[h[3]!] += bi;
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    for (let k = 0; k < this.r.length; k++) states[this.s0 + k] = this.c[k]! * x[this.b0 + k]!;
    states[this.s0 + this.r.length] = this.cInf * (x[this.p]! - x[this.m]!);
  }

  initialCondition(states: Float64Array): void {
    for (let k = 0; k <= this.r.length; k++) states[this.s0 + k] = 0;
  }

  /** Current from n+ through the element to n- (both tails and every branch). */
  current(x: Float64Array, dq: Float64Array | undefined): number {
    let i = this.g0 * (x[this.p]! - x[this.m]!);
    if (dq) for (let k = 0; k <= this.r.length; k++) i += dq[this.s0 + k]!;
    return i;
  }

  probes(): Probe[] {
    return [];
  }
}

export const cpe: ElementDeclaration<CpeElement> = {
  kind: 'CPE',
  letter: 'CPE',
  noun: 'constant-phase element',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'Q', unit: 'S s^a', description: 'CPE coefficient: Y = Q (j omega)^ALPHA (exact in .ac)', positive: true },
    { position: 'keyed', name: 'ALPHA', unit: '', description: 'exponent, in (0, 1)', default: 0.9 },
    { position: 'keyed', name: 'FMIN', unit: 'Hz', description: 'lower end of the band of the transient RC approximation (docs/eis.md: error stated there)', default: 1, positive: true },
    { position: 'keyed', name: 'FMAX', unit: 'Hz', description: 'upper end of that band', default: 1e9, positive: true },
  ],
  syntax: 'value',
  example: 'CPE1 m s0 2u ALPHA=0.85',
  build: (at, v) => ({ kind: 'CPE', name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, q: v.get('Q')!, alpha: v.get('ALPHA')!, fmin: v.get('FMIN')!, fmax: v.get('FMAX')! }),
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'C',
  device: (e) => new CpeDevice(e, e),
};
