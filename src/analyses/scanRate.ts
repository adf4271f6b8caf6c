/**
 * Peak current against scan rate over the `.cv` analyses of one netlist (the b-value of
 * electrochemistry): I_peak = a v^b, b from a least-squares line through (log v, log I_peak).
 * b = 1 when the current is capacitive (I = C dE/dt), b = 0.5 when it is diffusion-limited
 * (Randles-Sevcik, or a semi-infinite transmission line); a porous electrode whose pores stop
 * filling at fast scans sits between the two.
 */
import type { AnalysisResult, CvResult } from './result.js';

export interface ScanRatePoint {
  /** Output name of the analysis (`cv1`). */
  analysis: string;
  rateVPerS: number;
  /** Peak anodic current of the analysis' last cycle (A). */
  peakAnodicCurrent: number;
}

export interface ScanRateStudy {
  /** One per `.cv` analysis, in netlist order. */
  points: ScanRatePoint[];
  /** b of I_peak = a v^b (NaN when fewer than two distinct rates have a positive peak). */
  slope: number;
  /** a of I_peak = a v^b, in A / (V/s)^b. */
  prefactor: number;
  /** Coefficient of determination of the log-log line (1 when all points lie on it). */
  r2: number;
  /** `capacitive` (b >= 0.9), `diffusion-limited` (b <= 0.6) or `mixed`; the thresholds are conventions, b is the measure. */
  regime: 'capacitive' | 'diffusion-limited' | 'mixed' | 'undetermined';
  /** b between successive rates (points sorted by rate): where the electrode stops keeping up. */
  localSlopes: Array<{ from: string; to: string; slope: number }>;
  note: string;
}

export const SCAN_RATE_NOTE = 'I_peak = a v^b over the .cv analyses (peak anodic current of the last cycle): b = 1 capacitive, b = 0.5 diffusion-limited';

/** The study of a run's CV results; undefined when the run has fewer than two `.cv` analyses. */
export function scanRateStudy(results: readonly AnalysisResult[]): ScanRateStudy | undefined {
  const cvs = results.filter((r): r is CvResult => r.kind === 'cv');
  if (cvs.length < 2) return undefined;
  const points = cvs.map((r): ScanRatePoint => {
    const cycles = r.summary.cycles;
    return { analysis: r.name, rateVPerS: r.summary.sweep.rateVPerS, peakAnodicCurrent: cycles[cycles.length - 1]?.peakAnodicCurrent ?? NaN };
  });
  const usable = points.filter((p) => p.rateVPerS > 0 && p.peakAnodicCurrent > 0);
  const x = usable.map((p) => Math.log10(p.rateVPerS));
  const y = usable.map((p) => Math.log10(p.peakAnodicCurrent));
  const fit = lineFit(x, y);
  const b = fit.slope;
  const regime = !Number.isFinite(b) ? 'undetermined' : b >= 0.9 ? 'capacitive' : b <= 0.6 ? 'diffusion-limited' : 'mixed';
  const sorted = [...usable].sort((p, q) => p.rateVPerS - q.rateVPerS);
  const localSlopes = sorted.slice(1).flatMap((q, k) => {
    const p = sorted[k]!;
    if (q.rateVPerS === p.rateVPerS) return [];
    return [{ from: p.analysis, to: q.analysis, slope: Math.log(q.peakAnodicCurrent / p.peakAnodicCurrent) / Math.log(q.rateVPerS / p.rateVPerS) }];
  });
  return { points, slope: b, prefactor: 10 ** fit.intercept, r2: fit.r2, regime, localSlopes, note: SCAN_RATE_NOTE };
}

/** Least-squares line y = intercept + slope x; NaN slope when x has fewer than two distinct values. */
export function lineFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
    syy += (y[i]! - my) ** 2;
  }
  if (n < 2 || !(sxx > 0)) return { slope: NaN, intercept: NaN, r2: NaN };
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}
