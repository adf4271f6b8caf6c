/**
 * Finite-length Warburg elements (diffusion through a layer of finite thickness, time constant
 * T = L^2 / D):
 *   WS (transmissive, short-circuit end): Z = R tanh(sqrt(j omega T)) / sqrt(j omega T)
 *   WO (reflective, open end):            Z = R coth(sqrt(j omega T)) / sqrt(j omega T)
 * exact in `.ac` (`acDispersive`, the admittance computed without overflow for any omega T).
 *
 * In the transient, the exact partial-fraction (Foster) expansion of the same impedance, i.e. the
 * transmission line's eigenmodes, truncated after TERMS terms:
 *   tanh(z)/z = sum_{n>=1} 2 / (z^2 + (n - 1/2)^2 pi^2),  coth(z)/z = 1/z^2 + sum_{n>=1} 2 / (z^2 + n^2 pi^2)
 * so Z(s) = [R / (s T)] + sum_n R_n / (1 + s R_n C_n), a chain of parallel R_n C_n cells in series
 * (WO: after a capacitor C_0 = T / R), with C_n = T / (2R) and R_n = 2R / (lambda_n^2), lambda_n =
 * (n - 1/2) pi (WS) or n pi (WO). The truncated modes are added as their DC limit, a series
 * resistor R - sum R_n (WS) or R/3 - sum R_n (WO), so the DC (WS) and low-frequency (WO) response
 * is exact and the first TERMS time constants T / lambda_n^2 are exact; docs/eis.md states the
 * error against omega T and TERMS.
 *
 * Transient unknowns: the element current i (branch 0), the voltage u_n across each cell (and
 * across C_0 for WO). Rows: v+ - v- = R_tail i + sum u_n (+ u_0); C_n du_n/dt + u_n / R_n = i;
 * C_0 du_0/dt = i.
 */
import { NcmError } from '../diagnostics.js';
import type { ElementCommon } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export interface FiniteWarburgElement extends ElementCommon {
  kind: 'WS' | 'WO';
  /** Diffusion resistance R (ohm): the DC resistance of WS; WO's low-frequency real part is R/3. */
  r: number;
  /** Diffusion time constant T = L^2 / D (s). */
  t: number;
  /** Modes kept in the transient expansion. */
  terms: number;
}

declare module './circuit.js' {
  interface ElementTypes {
    WS: FiniteWarburgElement & { kind: 'WS' };
    WO: FiniteWarburgElement & { kind: 'WO' };
  }
}

/** The R_n, C_n of the first `terms` modes, the tail resistor, and (WO) the series capacitor. */
export function finiteWarburgModes(kind: 'WS' | 'WO', r: number, t: number, terms: number): { rn: Float64Array; cn: Float64Array; rTail: number; c0: number } {
  const rn = new Float64Array(terms);
  const cn = new Float64Array(terms).fill(t / (2 * r));
  let sum = 0;
  for (let n = 1; n <= terms; n++) {
    const lambda = (kind === 'WS' ? n - 0.5 : n) * Math.PI;
    rn[n - 1] = (2 * r) / (lambda * lambda);
    sum += rn[n - 1]!;
  }
  // The DC limit of every mode left out (sum_n 2/lambda_n^2 = 1 for WS, 1/3 for WO).
  const rTail = Math.max(0, (kind === 'WS' ? r : r / 3) - sum);
  return { rn, cn, rTail, c0: kind === 'WO' ? t / r : 0 };
}

/**
 * Exact admittance Y = 1/Z at omega: WS: z coth(z) / R, WO: z tanh(z) / R with z = sqrt(j omega T)
 * = a (1 + j), a = sqrt(omega T / 2); tanh(z) written with E = exp(-2a) so no term overflows.
 */
export function finiteWarburgAdmittance(kind: 'WS' | 'WO', r: number, t: number, omega: number): { re: number; im: number } {
  const a = Math.sqrt((omega * t) / 2);
  const E = Math.exp(-2 * a);
  // tanh(a + j a) = (sinh 2a + j sin 2a) / (cosh 2a + cos 2a), numerator and denominator over cosh 2a, times (1 + E^2).
  const nRe = -Math.expm1(-4 * a);
  const nIm = 2 * E * Math.sin(2 * a);
  const dRe = 1 + E * E + 2 * E * Math.cos(2 * a);
  // WO: z tanh z = z (n / d); WS: z coth z = z (d / n).
  const [pRe, pIm, qRe, qIm] = kind === 'WO' ? [nRe, nIm, dRe, 0] : [dRe, 0, nRe, nIm];
  if (kind === 'WS' && a < 1e-4) return { re: 1 / r, im: (omega * t) / (3 * r) }; // z coth z = 1 + z^2/3 + ...
  const q2 = qRe * qRe + qIm * qIm;
  const fRe = (pRe * qRe + pIm * qIm) / q2;
  const fIm = (pIm * qRe - pRe * qIm) / q2;
  // times z = a (1 + j), over R
  return { re: (a * (fRe - fIm)) / r, im: (a * (fRe + fIm)) / r };
}

export class FiniteWarburgDevice implements Device {
  readonly branchCount: number;
  readonly stateCount: number;
  readonly nonlinear = false;
  readonly handles: Int32Array;
  private p = 0;
  private m = 0;
  private b0 = 0;
  private s0 = 0;
  private readonly rn: Float64Array;
  private readonly cn: Float64Array;
  private readonly rTail: number;
  private readonly c0: number;
  /** Capacitor-only cells: TERMS parallel R_n C_n cells, then (WO) C_0. */
  private readonly cells: number;

  constructor(readonly element: FiniteWarburgElement) {
    const e = element;
    const what = e.kind === 'WS' ? 'transmissive Warburg' : 'reflective Warburg';
    if (!(e.r > 0)) throw new NcmError(`${e.name}: the ${what} R must be positive (got ${e.r})`, { loc: e.loc });
    if (Number.isNaN(e.t)) throw new NcmError(`${e.name}: the ${what} needs its diffusion time constant: write ${e.name} <n+> <n-> <R> T=<s>`, { loc: e.loc });
    if (!(e.t > 0)) throw new NcmError(`${e.name}: the ${what} T must be positive (got ${e.t})`, { loc: e.loc });
    if (!(Number.isInteger(e.terms) && e.terms >= 1)) throw new NcmError(`${e.name}: TERMS must be a whole number >= 1 (got ${e.terms})`, { loc: e.loc });
    const m = finiteWarburgModes(e.kind, e.r, e.t, e.terms);
    this.rn = m.rn;
    this.cn = m.cn;
    this.rTail = m.rTail;
    this.c0 = m.c0;
    this.cells = e.terms + (e.kind === 'WO' ? 1 : 0);
    this.branchCount = 1 + this.cells;
    this.stateCount = this.cells;
    this.handles = new Int32Array(9 + 3 * this.cells);
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.b0 = ctx.firstBranch;
    this.s0 = ctx.firstState;
    const { p, m, b0 } = this;
    const h = this.handles;
    [h[0], h[1], h[2], h[3], h[4]] = [ctx.entry(p, b0), ctx.entry(m, b0), ctx.entry(b0, p), ctx.entry(b0, m), ctx.entry(b0, b0)];
    [h[5], h[6], h[7], h[8]] = [ctx.entry(p, p), ctx.entry(p, m), ctx.entry(m, p), ctx.entry(m, m)];
    for (let k = 0; k < this.cells; k++) {
      const u = b0 + 1 + k;
      const o = 9 + 3 * k;
      [h[o], h[o + 1], h[o + 2]] = [ctx.entry(b0, u), ctx.entry(u, u), ctx.entry(u, b0)];
    }
  }

  load(ctx: LoadContext): void {
    const { x, a, ag0 } = ctx;
    const bv = ctx.b;
    const h = this.handles;
    const { b0 } = this;
    a[h[0]!] += 1;
    a[h[1]!] -= 1;
    a[h[2]!] += 1;
    a[h[3]!] -= 1;
    a[h[4]!] -= this.rTail;
    const terms = this.rn.length;
    for (let k = 0; k < this.cells; k++) {
      const row = b0 + 1 + k;
      const o = 9 + 3 * k;
      const c = k < terms ? this.cn[k]! : this.c0;
      const u = x[row]!;
      const iq = ctx.integrate(this.s0 + k, c * u);
      a[h[o]!] -= 1;
      a[h[o + 1]!] += ag0 * c + (k < terms ? 1 / this.rn[k]! : 0);
      a[h[o + 2]!] -= 1;
      bv[row] -= iq - ag0 * c * u;
    }
  }

  /** `.ac` is exact (acDispersive); the branch unknowns are pinned to zero there. */
  acLoad(ctx: AcLoadContext): void {
    const h = this.handles;
    ctx.g[h[4]!] += 1;
    for (let k = 0; k < this.cells; k++) ctx.g[h[9 + 3 * k + 1]!] += 1;
  }

  acDispersive(omega: number, g: Float64Array, b: Float64Array): void {
    const y = finiteWarburgAdmittance(this.element.kind, this.element.r, this.element.t, omega);
    const h = this.handles;
    g[h[5]!] += y.re;
    g[h[6]!] -= y.re;
    g[h[7]!] -= y.re;
    g[h[8]!] += y.re;
    b[h[5]!] += y.im;
    b[h[6]!] -= y.im;
    b[h[7]!] -= y.im;
    b[h[8]!] += y.im;
  }

  storeStates(x: Float64Array, states: Float64Array): void {
    const terms = this.rn.length;
    for (let k = 0; k < this.cells; k++) states[this.s0 + k] = (k < terms ? this.cn[k]! : this.c0) * x[this.b0 + 1 + k]!;
  }

  initialCondition(states: Float64Array): void {
    for (let k = 0; k < this.cells; k++) states[this.s0 + k] = 0;
  }

  /** Current from n+ through the element to n-: its branch unknown. */
  current(x: Float64Array): number {
    return x[this.b0]!;
  }

  probes(): Probe[] {
    return [];
  }
}

function declaration(kind: 'WS' | 'WO'): ElementDeclaration<FiniteWarburgElement & { kind: typeof kind }> {
  const ws = kind === 'WS';
  return {
    kind,
    letter: kind,
    noun: ws ? 'transmissive finite-length Warburg element' : 'reflective finite-length Warburg element',
    nodes: ['n+', 'n-'],
    params: [
      { position: 'value', name: 'R', unit: 'ohm', description: ws ? 'diffusion resistance: Z = R tanh(sqrt(j omega T)) / sqrt(j omega T) (exact in .ac), R at DC' : 'diffusion resistance: Z = R coth(sqrt(j omega T)) / sqrt(j omega T) (exact in .ac), capacitive T/R at low frequency', positive: true },
      { position: 'keyed', name: 'T', unit: 's', description: 'diffusion time constant L^2 / D (required)', positive: true },
      { position: 'keyed', name: 'TERMS', unit: '', description: 'modes of the transient expansion (docs/eis.md: error stated there)', default: 48, positive: true },
    ],
    syntax: 'value',
    example: ws ? 'WS1 s0 d 20 T=1m' : 'WO1 s0 d 20 T=1m TERMS=48',
    build: (at, v) => {
      const t = v.get('T');
      return { kind, name: at.name, key: at.key, nodes: at.nodes, loc: at.loc, r: v.get('R')!, t: t ?? NaN, terms: v.get('TERMS')! } as FiniteWarburgElement & { kind: typeof kind };
    },
    conductsDc: () => ws,
    fixesDcVoltage: false,
    spiceLetter: ws ? 'R' : 'C',
    device: (e) => new FiniteWarburgDevice(e),
  };
}

export const warburgTransmissive = declaration('WS');
export const warburgReflective = declaration('WO');
