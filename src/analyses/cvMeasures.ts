/**
 * Per-cycle measures of a cyclic voltammogram from sampled (t, E, I), I = current into the cell
 * (positive while charging). Definitions are in docs/analyses.md.
 */

export interface CvCycleMeasures {
  cycle: number;
  tStart: number;
  tEnd: number;
  /** Charge passed while I > 0 (C). */
  anodicCharge: number;
  /** Charge passed back while I < 0, as a positive number (C). */
  cathodicCharge: number;
  /** cathodicCharge / anodicCharge. */
  coulombicEfficiency: number;
  /** integral |I| |dE| / (2 rate window) (F). */
  capacitance: number;
  /** |closed integral of I dE| over the cycle (W = V A). */
  enclosedArea: number;
  peakAnodicCurrent: number;
  peakAnodicPotential: number;
  peakCathodicCurrent: number;
  peakCathodicPotential: number;
  /**
   * Asymmetry index in [0, 1]: integral over E of |I_fwd(E) + I_rev(E_lo + E_hi - E)| divided by
   * the integral of |I_fwd(E)| + |I_rev(E_lo + E_hi - E)|; 0 when discharging mirrors charging
   * (any linear circuit at periodic steady state), larger when the loop is lopsided.
   */
  asymmetryIndex: number;
}

export interface CvSweep {
  vStart: number;
  vVertex: number;
  rate: number;
}

const GRID = 401;

/** Measures of samples i0..i1 (inclusive) forming one cycle; tVertex separates the two sweeps. */
export function cycleMeasures(
  t: ArrayLike<number>,
  e: ArrayLike<number>,
  cur: ArrayLike<number>,
  i0: number,
  i1: number,
  tVertex: number,
  sweep: CvSweep,
  cycle: number,
): CvCycleMeasures {
  let qa = 0;
  let qc = 0;
  let absIdE = 0;
  let loop = 0;
  let ipa = -Infinity;
  let epa = NaN;
  let ipc = Infinity;
  let epc = NaN;
  for (let k = i0; k <= i1; k++) {
    const ik = cur[k]!;
    if (ik > ipa) {
      ipa = ik;
      epa = e[k]!;
    }
    if (ik < ipc) {
      ipc = ik;
      epc = e[k]!;
    }
    if (k === i0) continue;
    const dt = t[k]! - t[k - 1]!;
    const de = e[k]! - e[k - 1]!;
    const a = cur[k - 1]!;
    const b = ik;
    // Exact integrals of the positive and negative parts of the linear interpolant.
    const [pos, neg] = splitParts(a, b);
    qa += pos * dt;
    qc += neg * dt;
    absIdE += (pos + neg) * Math.abs(de);
    loop += 0.5 * (a + b) * de;
  }
  const window = Math.abs(sweep.vVertex - sweep.vStart);
  return {
    cycle,
    tStart: t[i0]!,
    tEnd: t[i1]!,
    anodicCharge: qa,
    cathodicCharge: qc,
    coulombicEfficiency: qa > 0 ? qc / qa : NaN,
    capacitance: window > 0 ? absIdE / (2 * sweep.rate * window) : NaN,
    enclosedArea: Math.abs(loop),
    peakAnodicCurrent: ipa,
    peakAnodicPotential: epa,
    peakCathodicCurrent: ipc,
    peakCathodicPotential: epc,
    asymmetryIndex: asymmetryIndex(t, e, cur, i0, i1, tVertex),
  };
}

/** Mean of the positive part and of the negative part (as positive) of a line from a to b. */
function splitParts(a: number, b: number): [number, number] {
  if (a >= 0 && b >= 0) return [0.5 * (a + b), 0];
  if (a <= 0 && b <= 0) return [0, -0.5 * (a + b)];
  const f = a / (a - b); // fraction of the interval before the zero crossing
  const pos = a > 0 ? 0.5 * a * f : 0.5 * b * (1 - f);
  const neg = a < 0 ? -0.5 * a * f : -0.5 * b * (1 - f);
  return [pos, neg];
}

function asymmetryIndex(t: ArrayLike<number>, e: ArrayLike<number>, cur: ArrayLike<number>, i0: number, i1: number, tVertex: number): number {
  let iv = i0;
  while (iv < i1 && t[iv]! < tVertex) iv++;
  const fwd = branch(e, cur, i0, iv);
  const rev = branch(e, cur, iv, i1);
  if (!fwd || !rev) return NaN;
  const lo = Math.max(fwd.lo, rev.lo);
  const hi = Math.min(fwd.hi, rev.hi);
  if (!(hi > lo)) return NaN;
  let num = 0;
  let den = 0;
  for (let g = 0; g < GRID; g++) {
    const ee = lo + ((hi - lo) * g) / (GRID - 1);
    const a = fwd.at(ee);
    const b = rev.at(lo + hi - ee);
    num += Math.abs(a + b);
    den += Math.abs(a) + Math.abs(b);
  }
  return den > 0 ? num / den : 0;
}

/** I as a function of E along a monotone sweep (samples j0..j1). */
function branch(e: ArrayLike<number>, cur: ArrayLike<number>, j0: number, j1: number) {
  if (j1 - j0 < 1) return undefined;
  const up = e[j1]! >= e[j0]!;
  const es: number[] = [];
  const is: number[] = [];
  for (let k = j0; k <= j1; k++) {
    es.push(e[k]!);
    is.push(cur[k]!);
  }
  if (!up) {
    es.reverse();
    is.reverse();
  }
  const lo = es[0]!;
  const hi = es[es.length - 1]!;
  return {
    lo,
    hi,
    at(x: number): number {
      let a = 0;
      let b = es.length - 1;
      if (x <= es[a]!) return is[a]!;
      if (x >= es[b]!) return is[b]!;
      while (b - a > 1) {
        const m = (a + b) >> 1;
        if (es[m]! < x) a = m;
        else b = m;
      }
      const d = es[b]! - es[a]!;
      return d > 0 ? is[a]! + ((is[b]! - is[a]!) * (x - es[a]!)) / d : is[b]!;
    },
  };
}
