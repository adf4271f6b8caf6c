/**
 * Parameter extraction from a per-slit series (docs/extraction.md): C_slit per slit, the dynamic
 * trans-slit resistance R_i(t), and R_c, gamma of the law dphi_i = I_i R_c (1 - gamma Q_i / Q_i^max),
 * per trans-slit and pooled, with residuals and standard errors.
 */
import { cvShape } from './cycle.js';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { SlitSeries } from '../series/slitSeries.js';
import { linearLeastSquares } from '../numeric/leastSquares.js';

export interface ExtractOptions {
  /** Points with |phi_m - phi_i| below this fraction of its maximum are left out of the C_slit fit. */
  minVoltageFraction: number;
  /** Points with |I_i| below this fraction of its maximum are left out of the resistance fits. */
  minCurrentFraction: number;
  /** Moving-average half width for the smoothed Q_i used to find Q_i^max, as a fraction of the rows. */
  smoothingFraction: number;
}

export const DEFAULT_EXTRACT: ExtractOptions = { minVoltageFraction: 0.02, minCurrentFraction: 0.02, smoothingFraction: 0.01 };

export interface SlitCapacitance {
  slit: number;
  /** C_slit = sum |Q| V / sum V^2, F. */
  value: number;
  r2: number;
  points: number;
  /** Relative spread (std / mean) of |Q_i| / V_i over time for the used points. */
  spreadOverTime: number;
}

export interface ResistanceFit {
  /** Trans-slit index i (between slit i and i+1), or 0 for the pooled fit. */
  transSlit: number;
  rc: number;
  gamma: number;
  rcStdErr: number;
  gammaStdErr: number;
  /** From the linear form dphi = b1 I - b2 I q before the Levenberg-Marquardt polish. */
  linear: { rc: number; gamma: number };
  /** Root-mean-square residual of dphi, V, and relative to the RMS of dphi. */
  rmsResidual: number;
  relativeResidual: number;
  points: number;
  lmIterations: number;
}

export interface TransSlitSummary {
  transSlit: number;
  /** Q_i^max with the sign of the polarisation (negative for a positive sheet), C. */
  qmax: number;
  /** Dynamic resistance R_i(t) = dphi_i / I_i where |I_i| is not negligible: range and median, ohm. */
  rDynamic: { min: number; median: number; max: number; points: number };
}

export interface Extraction {
  slits: number;
  capacitance: {
    perSlit: SlitCapacitance[];
    /** Mean of the per-slit values, F. */
    value: number;
    /** Relative spread (std / mean) of the per-slit values. */
    spreadAcrossSlits: number;
  };
  transSlits: TransSlitSummary[];
  resistance: {
    perTransSlit: ResistanceFit[];
    pooled: ResistanceFit;
    /** The best constant resistor over the same points (gamma = 0, a TLM): r = sum dphi I / sum I^2. */
    constant: { r: number; relativeResidual: number };
  };
  /** The triangle of phi_m, for the `.cv` line. */
  cv: { v0: number; vmax: number; rate: number };
  polarisation: 1 | -1;
  /** Findings that make the pooled law a poor description (e.g. trans-slit resistances that differ). */
  warnings: string[];
}

/** Largest relative spread (std / mean) of the per-trans-slit R_c that one pooled R_c may stand for. */
export const RC_SPREAD_LIMIT = 0.2;

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

function meanStd(a: number[]): { mean: number; std: number } {
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  const v = a.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, a.length - 1);
  return { mean, std: Math.sqrt(v) };
}

/** Sign of the sheet polarisation: the sign of phi_m where |phi_m| is largest. */
function polarisationSign(phiM: Float64Array): 1 | -1 {
  let best = 0;
  for (const v of phiM) if (Math.abs(v) > Math.abs(best)) best = v;
  return best >= 0 ? 1 : -1;
}

/**
 * Q^max with the sign of the polarisation, from a smoothed series: the extremum of a centred moving
 * average locates the peak, then a parabola fitted to the raw points around it gives its height.
 * Taking the raw extremum of noisy data would bias |Q^max| (and so gamma) upward.
 */
export function smoothedPeak(q: Float64Array, direction: 1 | -1, halfWidth: number): number {
  const n = q.length;
  const w = Math.max(2, Math.min(halfWidth, Math.floor((n - 1) / 2)));
  let bestIdx = 0;
  let best = -Infinity;
  let sum = 0;
  let count = 0;
  // Running window [i - w, i + w] clipped to the data.
  for (let i = 0; i <= Math.min(w, n - 1); i++) {
    sum += q[i]!;
    count++;
  }
  for (let i = 0; i < n; i++) {
    const v = (direction * sum) / count;
    if (v > best) {
      best = v;
      bestIdx = i;
    }
    const add = i + w + 1;
    const drop = i - w;
    if (add < n) {
      sum += q[add]!;
      count++;
    }
    if (drop >= 0) {
      sum -= q[drop]!;
      count--;
    }
  }
  const lo = Math.max(0, bestIdx - w);
  const hi = Math.min(n - 1, bestIdx + w);
  if (hi - lo < 3) return q[bestIdx]!;
  const xs: number[] = [];
  const ones: number[] = [];
  const x2: number[] = [];
  const ys: number[] = [];
  for (let i = lo; i <= hi; i++) {
    const x = i - bestIdx;
    xs.push(x);
    x2.push(x * x);
    ones.push(1);
    ys.push(q[i]!);
  }
  const fit = linearLeastSquares([ones, xs, x2], ys);
  const [c, b, a] = fit.coef as [number, number, number];
  // Vertex of the parabola if it is an extremum in the right direction inside the window, else the
  // smoothed value at the located index.
  if (direction * a < 0) {
    const xv = -b / (2 * a);
    if (xv >= lo - bestIdx && xv <= hi - bestIdx) return c + b * xv + a * xv * xv;
  }
  return c;
}

function fitResistance(
  transSlit: number,
  dphi: number[],
  current: number[],
  q: number[],
): ResistanceFit {
  const n = dphi.length;
  const iq = current.map((v, k) => -v * q[k]!);
  const lin = linearLeastSquares([current, iq], dphi);
  const rc0 = lin.coef[0]!;
  const g0 = lin.coef[1]! / rc0;
  // Polish with Levenberg-Marquardt on the law itself; tolerances tightened (the defaults stop early).
  const idx = Float64Array.from({ length: n }, (_, k) => k);
  const model = ([rc, g]: number[]) => (k: number) => current[k]! * rc! * (1 - g! * q[k]!);
  const jac = ([rc, g]: number[]) => (k: number) => [current[k]! * (1 - g! * q[k]!), -current[k]! * rc! * q[k]!];
  const lm = levenbergMarquardt({ x: idx, y: dphi }, model, {
    initialValues: [rc0, g0],
    jacobianFunction: jac,
    damping: 1e-3,
    maxIterations: 200,
    errorTolerance: 0,
    improvementThreshold: 1e-12,
  });
  let [rc, gamma] = lm.parameterValues as [number, number];
  // Keep the linear solution if the polish did not improve it (it is already the exact LS optimum).
  const sseOf = (r: number, g: number): number => dphi.reduce((s, y, k) => s + (y - current[k]! * r * (1 - g * q[k]!)) ** 2, 0);
  if (!(sseOf(rc, gamma) <= sseOf(rc0, g0))) {
    rc = rc0;
    gamma = g0;
  }
  const sse = sseOf(rc, gamma);
  // Standard errors from the Jacobian at the optimum: cov = s^2 (J^T J)^-1.
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let sy = 0;
  for (let k = 0; k < n; k++) {
    const j1 = current[k]! * (1 - gamma * q[k]!);
    const j2 = -current[k]! * rc * q[k]!;
    a11 += j1 * j1;
    a12 += j1 * j2;
    a22 += j2 * j2;
    sy += dphi[k]! ** 2;
  }
  const det = a11 * a22 - a12 * a12;
  const s2 = sse / Math.max(1, n - 2);
  return {
    transSlit,
    rc,
    gamma,
    rcStdErr: Math.sqrt((s2 * a22) / det),
    gammaStdErr: Math.sqrt((s2 * a11) / det),
    linear: { rc: rc0, gamma: g0 },
    rmsResidual: Math.sqrt(sse / n),
    relativeResidual: Math.sqrt(sse / sy),
    points: n,
    lmIterations: lm.iterations,
  };
}

export function extractParameters(s: SlitSeries, options: Partial<ExtractOptions> = {}): Extraction {
  const o = { ...DEFAULT_EXTRACT, ...options };
  const rows = s.time.length;
  const nSlits = s.phi.length;
  const pol = polarisationSign(s.phiM);

  const perSlit: SlitCapacitance[] = [];
  for (let i = 0; i < nSlits; i++) {
    const V = new Float64Array(rows);
    let vmax = 0;
    for (let r = 0; r < rows; r++) {
      V[r] = Math.abs(s.phiM[r]! - s.phi[i]![r]!);
      vmax = Math.max(vmax, V[r]!);
    }
    let sqv = 0;
    let vv = 0;
    const used: number[] = [];
    for (let r = 0; r < rows; r++) {
      if (V[r]! < o.minVoltageFraction * vmax) continue;
      sqv += Math.abs(s.charge[i]![r]!) * V[r]!;
      vv += V[r]! * V[r]!;
      used.push(r);
    }
    const c = sqv / vv;
    const absQ = used.map((r) => Math.abs(s.charge[i]![r]!));
    const mq = absQ.reduce((a, b) => a + b, 0) / absQ.length;
    let sse = 0;
    let sst = 0;
    used.forEach((r, k) => {
      sse += (absQ[k]! - c * V[r]!) ** 2;
      sst += (absQ[k]! - mq) ** 2;
    });
    const ratios = meanStd(used.map((r, k) => absQ[k]! / V[r]!));
    perSlit.push({ slit: i + 1, value: c, r2: 1 - sse / sst, points: used.length, spreadOverTime: ratios.std / ratios.mean });
  }
  const cs = meanStd(perSlit.map((p) => p.value));

  const halfWidth = Math.max(2, Math.round(o.smoothingFraction * rows));
  const transSlits: TransSlitSummary[] = [];
  const fits: ResistanceFit[] = [];
  const pooled = { dphi: [] as number[], current: [] as number[], q: [] as number[] };
  for (let i = 0; i + 1 < nSlits; i++) {
    const qmax = smoothedPeak(s.charge[i]!, pol === 1 ? -1 : 1, halfWidth);
    const cur = s.current[i]!;
    let imax = 0;
    for (const v of cur) imax = Math.max(imax, Math.abs(v));
    const dphi: number[] = [];
    const current: number[] = [];
    const q: number[] = [];
    const rdyn: number[] = [];
    for (let r = 0; r < rows; r++) {
      if (Math.abs(cur[r]!) < o.minCurrentFraction * imax) continue;
      const d = s.phi[i + 1]![r]! - s.phi[i]![r]!;
      dphi.push(d);
      current.push(cur[r]!);
      q.push(s.charge[i]![r]! / qmax);
      rdyn.push(d / cur[r]!);
    }
    transSlits.push({
      transSlit: i + 1,
      qmax,
      rDynamic: { min: rdyn.reduce((a, b) => Math.min(a, b), Infinity), median: median(rdyn), max: rdyn.reduce((a, b) => Math.max(a, b), -Infinity), points: rdyn.length },
    });
    fits.push(fitResistance(i + 1, dphi, current, q));
    // Element by element: spreading long arrays into push() overflows the call stack.
    for (let k = 0; k < dphi.length; k++) {
      pooled.dphi.push(dphi[k]!);
      pooled.current.push(current[k]!);
      pooled.q.push(q[k]!);
    }
  }
  const pooledFit = fitResistance(0, pooled.dphi, pooled.current, pooled.q);
  let sdi = 0;
  let sii = 0;
  let syy = 0;
  for (let k = 0; k < pooled.dphi.length; k++) {
    sdi += pooled.dphi[k]! * pooled.current[k]!;
    sii += pooled.current[k]! ** 2;
    syy += pooled.dphi[k]! ** 2;
  }
  const rConst = sdi / sii;
  const constant = { r: rConst, relativeResidual: Math.sqrt(Math.max(0, syy - 2 * rConst * sdi + rConst * rConst * sii) / syy) };

  // The triangle: start value, far vertex and sweep rate of its straight parts (cycle.ts; a
  // rounded vertex of a smoothed CV is not the vertex the netlist's .cv sweeps to).
  const shape = cvShape(s);

  const warnings: string[] = [];
  if (fits.length > 1) {
    const rc = meanStd(fits.map((f) => f.rc));
    const spread = rc.std / Math.abs(rc.mean);
    if (spread > RC_SPREAD_LIMIT) {
      warnings.push(
        `the trans-slit resistances differ across the electrode (R_c = ${fits.map((f) => f.rc.toPrecision(3)).join(', ')} ohm, spread ${(100 * spread).toFixed(0)}% > ${100 * RC_SPREAD_LIMIT}%): ` +
          'one pooled R_c describes none of them; check where phi_i is read (the slits are not equivalent)',
      );
    }
  }
  return {
    slits: nSlits,
    warnings,
    capacitance: { perSlit, value: cs.mean, spreadAcrossSlits: nSlits > 1 ? cs.std / cs.mean : 0 },
    transSlits,
    resistance: { perTransSlit: fits, pooled: pooledFit, constant },
    cv: { v0: shape.v0, vmax: shape.vertex, rate: shape.rate },
    polarisation: pol,
  };
}
