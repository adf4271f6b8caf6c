/**
 * Measures of a protocol run, per step and per cycle:
 *  - charge Q = integral of i dt and energy E = integral of v i dt (trapezoidal over the recorded points);
 *  - for constant-current discharges: the capacitance C = |I| / |dv/dt| from a least-squares line
 *    through the linear part of the discharge (after the IR drop: the last FIT_FRACTION of the
 *    step), the IR drop = v at the end of the previous step - that line at the step's start, and
 *    ESR = IR drop / |change of current|;
 *  - per cycle: coulombic efficiency Q_out / Q_in and energy efficiency E_out / E_in.
 */
import type { ProtocolAnalysis, ProtocolStep } from '../circuit/circuit.js';
import type { Waveforms } from './recorder.js';

/** Fraction of a discharge (by time, at its end) taken as its linear part. */
export const FIT_FRACTION = 0.8;

export interface StepRecord {
  index: number;
  cycle: number;
  kind: ProtocolStep['kind'];
  setPoint: number;
  /** Recorded rows: the step runs from startRow (its start point) to endRow. */
  startRow: number;
  endRow: number;
  /** `collapse`: a constant-power step passed the cell's maximum power point (no solution beyond). */
  endedBy: 'limit' | 'time' | 'collapse';
}

export interface StepMeasures {
  step: number;
  cycle: number;
  kind: string;
  setPoint: number;
  endedBy: string;
  tStart: number;
  tEnd: number;
  vStart: number;
  vEnd: number;
  /** Charge into the port (C) and energy into the port (J); negative when the cell delivers. */
  charge: number;
  energy: number;
  capacitance?: number;
  irDrop?: number;
  esr?: number;
}

export interface CycleMeasures {
  cycle: number;
  chargeIn: number;
  chargeOut: number;
  energyIn: number;
  energyOut: number;
  coulombicEfficiency: number;
  energyEfficiency: number;
}

/** Headline measures: of the last constant-current discharge with a linear part, and of the last cycle. */
export interface LastMeasures {
  capacitance: number | undefined;
  irDrop: number | undefined;
  esr: number | undefined;
  coulombicEfficiency: number | undefined;
  energyEfficiency: number | undefined;
}

export function measureProtocol(w: Waveforms, records: StepRecord[], a: ProtocolAnalysis): { steps: StepMeasures[]; cycleMeasures: CycleMeasures[]; last: LastMeasures } {
  const t = w.columns[0]!;
  const v = w.columns[w.labels.indexOf('v(port)')]!;
  const i = w.columns[w.labels.indexOf('i(port)')]!;
  const steps: StepMeasures[] = [];
  let prevCurrent = 0;
  for (const r of records) {
    let q = 0;
    let e = 0;
    for (let k = r.startRow + 1; k <= r.endRow; k++) {
      const dt = t[k]! - t[k - 1]!;
      // The first interval of a step uses the step's own current at both ends (the start point carries the previous step's).
      const i0 = k === r.startRow + 1 ? i[k]! : i[k - 1]!;
      const v0 = v[k - 1]!;
      q += 0.5 * (i0 + i[k]!) * dt;
      e += 0.5 * (v0 * i0 + v[k]! * i[k]!) * dt;
    }
    const m: StepMeasures = {
      step: r.index, cycle: r.cycle, kind: r.kind, setPoint: r.setPoint, endedBy: r.endedBy,
      tStart: t[r.startRow]!, tEnd: t[r.endRow]!, vStart: v[r.startRow]!, vEnd: v[r.endRow]!, charge: q, energy: e,
    };
    const current = r.kind === 'current' ? r.setPoint : r.kind === 'rest' ? 0 : r.endRow > r.startRow ? i[r.endRow]! : 0;
    if (r.kind === 'current' && r.setPoint < 0 && r.endRow - r.startRow >= 3) {
      const fit = lineFit(t, v, r.startRow + 1, r.endRow, m.tStart + (1 - FIT_FRACTION) * (m.tEnd - m.tStart));
      if (fit && fit.slope < 0) {
        m.capacitance = -r.setPoint / -fit.slope;
        m.irDrop = m.vStart - (fit.intercept + fit.slope * m.tStart);
        const dI = Math.abs(r.setPoint - prevCurrent);
        if (dI > 0) m.esr = m.irDrop / dI;
      }
    }
    prevCurrent = current;
    steps.push(m);
  }
  const cycleMeasures: CycleMeasures[] = [];
  for (let c = 1; c <= a.cycles; c++) {
    const of = steps.filter((s) => s.cycle === c);
    const chargeIn = of.reduce((s, x) => s + Math.max(x.charge, 0), 0);
    const chargeOut = of.reduce((s, x) => s + Math.max(-x.charge, 0), 0);
    const energyIn = of.reduce((s, x) => s + Math.max(x.energy, 0), 0);
    const energyOut = of.reduce((s, x) => s + Math.max(-x.energy, 0), 0);
    cycleMeasures.push({ cycle: c, chargeIn, chargeOut, energyIn, energyOut, coulombicEfficiency: chargeOut / chargeIn, energyEfficiency: energyOut / energyIn });
  }
  const lastDischarge = [...steps].reverse().find((s) => s.capacitance !== undefined);
  const lastCycle = cycleMeasures[cycleMeasures.length - 1];
  return {
    steps,
    cycleMeasures,
    last: {
      capacitance: lastDischarge?.capacitance,
      irDrop: lastDischarge?.irDrop,
      esr: lastDischarge?.esr,
      coulombicEfficiency: lastCycle?.coulombicEfficiency,
      energyEfficiency: lastCycle?.energyEfficiency,
    },
  };
}

/** Least-squares line v = intercept + slope t over rows [from, to] with t >= tFrom. */
function lineFit(t: Float64Array, v: Float64Array, from: number, to: number, tFrom: number): { slope: number; intercept: number } | undefined {
  const t0 = tFrom;
  let n = 0;
  let st = 0;
  let sv = 0;
  let stt = 0;
  let stv = 0;
  for (let k = from; k <= to; k++) {
    if (t[k]! < tFrom) continue;
    const x = t[k]! - t0;
    n++;
    st += x;
    sv += v[k]!;
    stt += x * x;
    stv += x * v[k]!;
  }
  if (n < 2) return undefined;
  // Centred form for accuracy at large t.
  const mt = st / n;
  const mv = sv / n;
  const den = stt - n * mt * mt;
  if (!(den > 0)) return undefined;
  const slope = (stv - n * mt * mv) / den;
  return { slope, intercept: mv - slope * (mt + t0) };
}
