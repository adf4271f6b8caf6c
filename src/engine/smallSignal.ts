/**
 * The small-signal system of a circuit at a bias point: (G + j omega C) x = b, solved per frequency.
 *
 * Formulation: real 2n. Each complex unknown x_i = xr_i + j xi_i becomes two real unknowns
 * (interleaved 2i, 2i+1) and each complex entry g + j omega c a 2x2 block [[g, -omega c], [omega c, g]].
 * The pattern is the MNA pattern with every entry blown up into its block, so the engine's own
 * ordering and pivoting sparse LU are reused unchanged; the first frequency factors with pivoting,
 * later ones refactor numerically on the same pivots (falling back to a full factor if a pivot
 * degrades). G and C are stamped once (devices' `acLoad`, or derived from `load` for devices
 * without it) and only the combination changes with omega.
 */
import type { AcLoadContext } from '../circuit/device.js';
import type { Mna } from './mna.js';
import { minimumDegreeOrder } from '../numeric/ordering.js';
import { SparseLu } from '../numeric/sparseLu.js';
import { PatternBuilder } from './sparsePattern.js';

/**
 * The real 2n form of the MNA pattern: every entry blown up into its 2x2 block. `block[4p..4p+3]`
 * are the positions (rr, ri, ir, ii) of MNA entry p's block in `values`; `lu` is ordered once.
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
  private readonly lu: SparseLu;
  /** For MNA entry p: positions of its block entries (rr, ri, ir, ii) in `values`. */
  private readonly block: Int32Array;
  private readonly values: Float64Array;
  private readonly rhs: Float64Array;
  private readonly sol: Float64Array;
  private factored = false;
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
    ({ block: this.block, values: this.values, lu: this.lu } = realBlockSystem(mna));
    this.rhs = new Float64Array(2 * n);
    this.sol = new Float64Array(2 * n);
    this.dispersive = mna.devices.filter((d) => d.acDispersive);
    this.gw = new Float64Array(this.dispersive.length > 0 ? nnz + 1 : 0);
    this.bw = new Float64Array(this.gw.length);
  }

  /** Solves at angular frequency omega; writes the phasors of the unknowns into re/im (length >= n). */
  solve(omega: number, re: Float64Array, im: Float64Array): void {
    const { g, c, block, values, n } = this;
    const nnz = this.mna.matrix.nnz;
    values.fill(0);
    const { gw, bw } = this;
    if (this.dispersive.length > 0) {
      gw.fill(0);
      bw.fill(0);
      for (const d of this.dispersive) d.acDispersive!(omega, gw, bw);
    }
    const dispersive = this.dispersive.length > 0;
    for (let p = 0; p < nnz; p++) {
      const gv = dispersive ? g[p]! + gw[p]! : g[p]!;
      const cv = dispersive ? omega * c[p]! + bw[p]! : omega * c[p]!;
      values[block[4 * p]!] += gv;
      values[block[4 * p + 1]!] -= cv;
      values[block[4 * p + 2]!] += cv;
      values[block[4 * p + 3]!] += gv;
    }
    if (!(this.factored && this.lu.refactor(values))) {
      const bad = this.lu.factor(values);
      if (bad >= 0) {
        throw this.mna.singularError(bad >> 1, `in the small-signal analysis at f = ${(omega / (2 * Math.PI)).toPrecision(4)} Hz`);
      }
      this.factored = true;
    }
    const rhs = this.rhs;
    for (let i = 0; i < n; i++) {
      rhs[2 * i] = this.bRe[i]!;
      rhs[2 * i + 1] = this.bIm[i]!;
    }
    this.lu.solve(rhs, this.sol);
    for (let i = 0; i < n; i++) {
      re[i] = this.sol[2 * i]!;
      im[i] = this.sol[2 * i + 1]!;
    }
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
