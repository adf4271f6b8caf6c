/**
 * The small-signal system of a circuit at a bias point: (G + j omega C) x = b, solved per frequency.
 *
 * Formulation: complex, on the MNA pattern itself, with the numbers as separate real and imaginary
 * arrays (src/numeric/complexLu.ts). The engine's column order of that pattern is reused (no second
 * ordering); the first frequency factors with pivoting and fixes the patterns of L and U (the
 * symbolic factorisation), every later frequency only refills the numbers on them (falling back to
 * a full factor if a pivot degrades). G and C are stamped once (devices' `acLoad`, or derived from
 * `load` for devices without it) and only the combination changes with omega.
 */
import type { AcLoadContext } from '../circuit/device.js';
import type { Mna } from './mna.js';
import { ComplexSparseLu } from '../numeric/complexLu.js';
import { minimumDegreeOrder } from '../numeric/ordering.js';
import { SparseLu } from '../numeric/sparseLu.js';
import { PatternBuilder } from './sparsePattern.js';

/**
 * The real 2n form of the MNA pattern: every entry blown up into its 2x2 block. `block[4p..4p+3]`
 * are the positions (rr, ri, ir, ii) of MNA entry p's block in `values`; `lu` is ordered once.
 * Used by the AC sensitivities (src/analyses/sensitivityAc.ts); `.ac` itself solves in complex form
 * (`SmallSignalSystem.factor` and `solveFactored` serve several right-hand sides per frequency).
 */
export function realBlockSystem(mna: Mna): { block: Int32Array; values: Float64Array; lu: SparseLu } {
  const { n, nnz, colPtr, rowIdx } = mna.matrix;
  const pb = new PatternBuilder(2 * n);
  const provisional = new Int32Array(4 * nnz);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const r = rowIdx[p]!;
      provisional[4 * p] = pb.add(2 * r, 2 * j);
      provisional[4 * p + 1] = pb.add(2 * r, 2 * j + 1);
      provisional[4 * p + 2] = pb.add(2 * r + 1, 2 * j);
      provisional[4 * p + 3] = pb.add(2 * r + 1, 2 * j + 1);
    }
  }
  const built = pb.build();
  const block = new Int32Array(4 * nnz);
  for (let i = 0; i < 4 * nnz; i++) block[i] = built.remap(provisional[i]!);
  return { block, values: new Float64Array(built.matrix.nnz + 1), lu: new SparseLu(built.matrix, minimumDegreeOrder(built.matrix)) };
}

export class SmallSignalSystem {
  /** Number of complex unknowns (the MNA unknowns). */
  readonly n: number;
  /** Linearised conductances and j omega coefficients by MNA handle (last slot: ground trash). */
  readonly g: Float64Array;
  readonly c: Float64Array;
  readonly bRe: Float64Array;
  readonly bIm: Float64Array;
  /** Built on the first factorisation: a system made only for its stamps (sensitivities) needs none. */
  private lu: ComplexSparseLu | undefined;
  /** A(omega) = G + j omega C (+ the dispersive admittances) on the MNA pattern. */
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  private readonly rhsRe: Float64Array;
  private readonly rhsIm: Float64Array;
  /** Devices with a frequency-dependent admittance, and their G(omega), B(omega) by handle. */
  private readonly dispersive: Mna['devices'];
  private readonly gw: Float64Array;
  private readonly bw: Float64Array;

  constructor(
    readonly mna: Mna,
    bias: Float64Array,
    /** Time of the bias state (devices whose stamps depend on time, derived from `load`). */
    time = 0,
  ) {
    const n = mna.n;
    this.n = n;
    const nnz = mna.matrix.nnz;
    this.g = new Float64Array(nnz + 1);
    this.c = new Float64Array(nnz + 1);
    this.bRe = new Float64Array(n + 1);
    this.bIm = new Float64Array(n + 1);
    const ctx: AcLoadContext = { x: bias, g: this.g, c: this.c, bRe: this.bRe, bIm: this.bIm };
    const derived = mna.devices.filter((d) => !d.acLoad);
    for (const d of mna.devices) d.acLoad?.(ctx);
    if (derived.length > 0) deriveFromLoad(mna, bias, time, derived, this.g, this.c);
    this.aRe = new Float64Array(nnz);
    this.aIm = new Float64Array(nnz);
    this.rhsRe = new Float64Array(n);
    this.rhsIm = new Float64Array(n);
    this.dispersive = mna.devices.filter((d) => d.acDispersive);
    this.gw = new Float64Array(this.dispersive.length > 0 ? nnz + 1 : 0);
    this.bw = new Float64Array(this.gw.length);
  }

  /** Factors A(omega): numerically on the first frequency's patterns and pivots when they still serve. */
  factor(omega: number): void {
    const { g, c, aRe, aIm, gw, bw } = this;
    const nnz = aRe.length;
    if (this.dispersive.length > 0) {
      gw.fill(0);
      bw.fill(0);
      for (const d of this.dispersive) d.acDispersive!(omega, gw, bw);
      for (let p = 0; p < nnz; p++) {
        aRe[p] = g[p]! + gw[p]!;
        aIm[p] = omega * c[p]! + bw[p]!;
      }
    } else {
      for (let p = 0; p < nnz; p++) {
        aRe[p] = g[p]!;
        aIm[p] = omega * c[p]!;
      }
    }
    const lu = (this.lu ??= new ComplexSparseLu(this.mna.matrix, this.mna.lu.q));
    if (!lu.refactor(aRe, aIm)) {
      const bad = lu.factor(aRe, aIm);
      if (bad >= 0) throw this.mna.singularError(bad, `in the small-signal analysis at f = ${(omega / (2 * Math.PI)).toPrecision(4)} Hz`);
    }
  }

  /** With A(omega) factored: x = A^-1 b for the excitation (bRe, bIm) by unknown; x into re/im (length >= n). */
  solveFactored(bRe: Float64Array, bIm: Float64Array, re: Float64Array, im: Float64Array): void {
    const { rhsRe, rhsIm, n } = this;
    for (let i = 0; i < n; i++) {
      rhsRe[i] = bRe[i]!;
      rhsIm[i] = bIm[i]!;
    }
    this.lu!.solve(rhsRe, rhsIm, re, im);
  }

  /** Solves at angular frequency omega; writes the phasors of the unknowns into re/im (length >= n). */
  solve(omega: number, re: Float64Array, im: Float64Array): void {
    this.factor(omega);
    this.solveFactored(this.bRe, this.bIm, re, im);
  }
}

/**
 * Small-signal stamps of devices without `acLoad`, from their `load`: with the integration
 * coefficient ag0 = 0 the Jacobian is G; the part proportional to ag0 (a charge derivative) is C.
 */
function deriveFromLoad(mna: Mna, bias: Float64Array, time: number, devices: Mna['devices'], g: Float64Array, c: Float64Array): void {
  const saved = { ag0: mna.ag0, srcFactor: mna.srcFactor, time: mna.time };
  mna.x = bias;
  mna.time = time;
  mna.srcFactor = 0;
  mna.hist.fill(0);
  const a = mna.a;
  a.fill(0);
  mna.ag0 = 0;
  for (const d of devices) d.load(mna);
  const a0 = Float64Array.from(a);
  a.fill(0);
  mna.ag0 = 1;
  for (const d of devices) d.load(mna);
  for (let p = 0; p < a0.length - 1; p++) {
    g[p] += a0[p]!;
    c[p] += a[p]! - a0[p]!;
  }
  mna.ag0 = saved.ag0;
  mna.srcFactor = saved.srcFactor;
  mna.time = saved.time;
}
