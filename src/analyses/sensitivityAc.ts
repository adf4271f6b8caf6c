/**
 * The small-signal derivative of an `.ac` spectrum: with A(omega) = G + j omega C linearised at the
 * bias x_b(p) and the excitation b,
 *   A x = b   =>   dx/dp = A^-1 (db/dp - (dG/dp + j omega dC/dp) x),
 * where dG/dp, dC/dp are total derivatives: the element values move with p and the bias moves along
 * its own sensitivity s_b = dx_b/dp (the operating point's, J_dc s_b = -dF_dc/dp). Both are taken
 * in one central difference of the stamps: G, C at (x_b +- d s_b) of the circuit elaborated at p +- d.
 * The complex system is solved in the real 2n form with one factorisation per frequency, shared by
 * the spectrum and every parameter (one extra solve each). Frequency-dependent admittances (CPE,
 * Warburg: `Device.acDispersive`) are stamped per frequency and differentiated the same way.
 */
import type { AcAnalysis, Circuit } from '../circuit/circuit.js';
import { VoltageSourceDevice } from '../circuit/voltageSource.js';
import { InputError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { Mna } from '../engine/mna.js';
import { readOptions } from '../engine/options.js';
import { TransientSensitivity, type ParameterPerturbation } from '../engine/sensitivity.js';
import { realBlockSystem, SmallSignalSystem } from '../engine/smallSignal.js';
import type { SparseLu } from '../numeric/sparseLu.js';
import { acFrequencies } from './acFrequencies.js';
import type { AnalysisOptions } from './result.js';
import { acSourcePhasor, runAc } from './ac.js';
import type { SensitivityResult } from './sensitivity.js';

/** G + j omega C in the real 2n form on the MNA pattern, factored once per frequency, solved for many right-hand sides. */
class BlockSystem {
  private readonly block: Int32Array;
  private readonly values: Float64Array;
  private readonly lu: SparseLu;
  private readonly rhs: Float64Array;
  private readonly sol: Float64Array;
  private factored = false;
  factorizations = 0;
  solves = 0;

  /** G(omega), B(omega) of the frequency-dependent devices (CPE, Warburg), by handle. */
  readonly gw: Float64Array;
  readonly bw: Float64Array;

  constructor(
    private readonly mna: Mna,
    private readonly g: Float64Array,
    private readonly c: Float64Array,
  ) {
    this.gw = new Float64Array(mna.matrix.nnz + 1);
    this.bw = new Float64Array(mna.matrix.nnz + 1);
    const n = mna.matrix.n;
    ({ block: this.block, values: this.values, lu: this.lu } = realBlockSystem(mna));
    this.rhs = new Float64Array(2 * n);
    this.sol = new Float64Array(2 * n);
  }

  factor(omega: number): void {
    const { g, c, block, values, gw, bw } = this;
    const nnz = this.mna.matrix.nnz;
    values.fill(0);
    dispersiveStamps(this.mna.devices, omega, gw, bw);
    for (let p = 0; p < nnz; p++) {
      const cv = omega * c[p]! + bw[p]!;
      const gv = g[p]! + gw[p]!;
      values[block[4 * p]!] += gv;
      values[block[4 * p + 1]!] -= cv;
      values[block[4 * p + 2]!] += cv;
      values[block[4 * p + 3]!] += gv;
    }
    this.factorizations++;
    if (!(this.factored && this.lu.refactor(values))) {
      const bad = this.lu.factor(values);
      if (bad >= 0) throw this.mna.singularError(bad >> 1, `in the small-signal sensitivity at f = ${(omega / (2 * Math.PI)).toPrecision(4)} Hz`);
      this.factored = true;
    }
  }

  solve(bRe: Float64Array, bIm: Float64Array, re: Float64Array, im: Float64Array): void {
    const n = this.mna.n;
    for (let i = 0; i < n; i++) {
      this.rhs[2 * i] = bRe[i]!;
      this.rhs[2 * i + 1] = bIm[i]!;
    }
    this.lu.solve(this.rhs, this.sol);
    this.solves++;
    for (let i = 0; i < n; i++) {
      re[i] = this.sol[2 * i]!;
      im[i] = this.sol[2 * i + 1]!;
    }
  }
}

/** G(omega) and B(omega) of the devices with a frequency-dependent admittance, by handle. */
function dispersiveStamps(devices: Mna['devices'], omega: number, g: Float64Array, b: Float64Array): void {
  g.fill(0);
  b.fill(0);
  for (const d of devices) d.acDispersive?.(omega, g, b);
}

/** (y += A v) for a CSC value array A on the MNA pattern (v and y by unknown). */
function addProduct(mna: Mna, a: Float64Array, v: Float64Array, y: Float64Array, scale: number): void {
  const { n, colPtr, rowIdx } = mna.matrix;
  for (let j = 0; j < n; j++) {
    const vj = v[j]!;
    if (vj === 0) continue;
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) y[rowIdx[p]!] += scale * a[p]! * vj;
  }
}

export function acSensitivities(base: Circuit, analysis: AcAnalysis, per: ParameterPerturbation[], outputs: string[], options: AnalysisOptions): SensitivityResult {
  if (analysis.bias.kind !== 'op') {
    throw new InputError(`sensitivity of .ac at a CV bias (at=) is not supported: differentiate the .ac at its DC operating point, or the .cv itself`, { loc: analysis.loc });
  }
  const known = ['re(z)', 'im(z)', 'mag(z)', 'phase(z)'];
  for (const o of outputs) if (!known.includes(o.toLowerCase())) throw new InputError(`sensitivity: no .ac column '${o}'; known: ${known.join(', ')}`, { loc: analysis.loc });
  const result = runAc(base, analysis, options);
  const opts = readOptions(base.options);
  const mna = new Mna(base);
  const op = operatingPoint(mna, opts, 0);
  const x = op.x;
  // Bias sensitivities (the DC start of the transient sensitivities).
  const dc = new TransientSensitivity(mna, opts, base, per, []);
  dc.start(x, 0, false);
  const sys = new SmallSignalSystem(mna, x, 0);
  const { src, sRe, sIm } = acSourcePhasor(mna, analysis);
  const n1 = mna.n + 1;
  const node = (k: number): number => (k === 0 ? mna.n : k - 1);
  // Total derivatives of the stamps, per parameter.
  const dG: Float64Array[] = [];
  const dC: Float64Array[] = [];
  const dbRe: Float64Array[] = [];
  const dbIm: Float64Array[] = [];
  const dispersivePlus: Mna['devices'][] = [];
  const dispersiveMinus: Mna['devices'][] = [];
  per.forEach((pp, k) => {
    const s = dc.sensitivity(k);
    const half = pp.span / 2;
    const stamps = (c: Circuit, sign: number): SmallSignalSystem => {
      const m = new Mna(c);
      if (m.matrix.nnz !== mna.matrix.nnz || m.n !== mna.n) throw new InputError(`parameter ${pp.name}: the circuit's topology changes with it; sensitivities need the same elements at every value`);
      const xb = new Float64Array(n1);
      for (let i = 0; i < mna.n; i++) xb[i] = x[i]! + sign * half * s[i]!;
      return new SmallSignalSystem(m, xb, 0);
    };
    const up = stamps(pp.plus, 1);
    const down = stamps(pp.minus, -1);
    dispersivePlus.push(up.mna.devices.filter((d) => d.acDispersive));
    dispersiveMinus.push(down.mna.devices.filter((d) => d.acDispersive));
    const diff = (a: Float64Array, b: Float64Array): Float64Array => {
      const out = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) out[i] = (a[i]! - b[i]!) / pp.span;
      return out;
    };
    dG.push(diff(up.g, down.g));
    dC.push(diff(up.c, down.c));
    dbRe.push(diff(up.bRe, down.bRe));
    dbIm.push(diff(up.bIm, down.bIm));
  });
  const block = new BlockSystem(mna, sys.g, sys.c);
  const frequency = acFrequencies(analysis);
  const m = frequency.length;
  const P = per.length;
  const dRe = per.map(() => new Float64Array(m));
  const dIm = per.map(() => new Float64Array(m));
  const xr = new Float64Array(n1);
  const xi = new Float64Array(n1);
  const rr = new Float64Array(n1);
  const ri = new Float64Array(n1);
  const yr = new Float64Array(n1);
  const yi = new Float64Array(n1);
  const gwP = new Float64Array(mna.matrix.nnz + 1);
  const bwP = new Float64Array(mna.matrix.nnz + 1);
  const gwM = new Float64Array(mna.matrix.nnz + 1);
  const bwM = new Float64Array(mna.matrix.nnz + 1);
  for (let f = 0; f < m; f++) {
    const omega = 2 * Math.PI * frequency[f]!;
    block.factor(omega);
    block.solve(sys.bRe, sys.bIm, xr, xi);
    for (let k = 0; k < P; k++) {
      // r = db - (dG + j omega dC) x, with the derivative of the frequency-dependent stamps (G_w + j B_w) too.
      rr.set(dbRe[k]!);
      ri.set(dbIm[k]!);
      addProduct(mna, dG[k]!, xr, rr, -1);
      addProduct(mna, dC[k]!, xi, rr, omega);
      addProduct(mna, dG[k]!, xi, ri, -1);
      addProduct(mna, dC[k]!, xr, ri, -omega);
      if (dispersivePlus[k]!.length > 0) {
        const span = per[k]!.span;
        dispersiveStamps(dispersivePlus[k]!, omega, gwP, bwP);
        dispersiveStamps(dispersiveMinus[k]!, omega, gwM, bwM);
        for (let p = 0; p < gwP.length; p++) {
          gwP[p] = (gwP[p]! - gwM[p]!) / span;
          bwP[p] = (bwP[p]! - bwM[p]!) / span;
        }
        addProduct(mna, gwP, xr, rr, -1);
        addProduct(mna, bwP, xi, rr, 1);
        addProduct(mna, gwP, xi, ri, -1);
        addProduct(mna, bwP, xr, ri, -1);
      }
      block.solve(rr, ri, yr, yi);
      if (src instanceof VoltageSourceDevice) {
        // Z = S / D, D = -x_branch: dZ = -Z dD / D = Z y_b / D.
        const Dr = -xr[src.branch]!;
        const Di = -xi[src.branch]!;
        const den = Dr * Dr + Di * Di;
        const Zr = (sRe * Dr + sIm * Di) / den;
        const Zi = (sIm * Dr - sRe * Di) / den;
        // w = y_b / D
        const wr = (yr[src.branch]! * Dr + yi[src.branch]! * Di) / den;
        const wi = (yi[src.branch]! * Dr - yr[src.branch]! * Di) / den;
        dRe[k]![f] = Zr * wr - Zi * wi;
        dIm[k]![f] = Zr * wi + Zi * wr;
      } else {
        const p = node(src.element.nodes[0]!);
        const q = node(src.element.nodes[1]!);
        const nr = (q < mna.n ? yr[q]! : 0) - (p < mna.n ? yr[p]! : 0);
        const ni = (q < mna.n ? yi[q]! : 0) - (p < mna.n ? yi[p]! : 0);
        const den = sRe * sRe + sIm * sIm;
        dRe[k]![f] = (nr * sRe + ni * sIm) / den;
        dIm[k]![f] = (ni * sRe - nr * sIm) / den;
      }
    }
  }
  const w = result.waveforms;
  const re = w.columns[w.labels.indexOf('re(z)')]!;
  const im = w.columns[w.labels.indexOf('im(z)')]!;
  const derivatives: Record<string, Float64Array[]> = {};
  for (const o of outputs) {
    const label = o.toLowerCase();
    derivatives[o] = per.map((_, k) => {
      if (label === 're(z)') return dRe[k]!;
      if (label === 'im(z)') return dIm[k]!;
      const out = new Float64Array(m);
      for (let f = 0; f < m; f++) {
        const a = re[f]!;
        const b = im[f]!;
        const mag2 = a * a + b * b;
        out[f] = label === 'mag(z)' ? (a * dRe[k]![f]! + b * dIm[k]![f]!) / Math.sqrt(mag2) : ((a * dIm[k]![f]! - b * dRe[k]![f]!) / mag2) * (180 / Math.PI);
      }
      return out;
    });
  }
  return {
    result,
    params: per.map((p) => p.name),
    derivatives,
    stats: { factorizations: block.factorizations + dc.work.factorizations + op.iterations, solves: block.solves + dc.work.solves + op.iterations, runs: 1 },
  };
}
