/**
 * Starting values read off the data, so that nobody has to guess: the capacitance from |I| / scan
 * rate (CV), I dt/dV (GCD) or -1/(omega Im Z) at the lowest frequency (EIS); the series resistance
 * from the high-frequency intercept (EIS) or the IR drop (GCD); the time constant from the CV corner
 * (after a vertex an RC current crosses zero at tau ln 2). They are mapped onto the ladder's
 * parameters by role (roles.ts): C_total, R_open, and R_c from R_open + N R_c / 3 = tau / C.
 */
import type { DataSet, TimeDataSet } from './dataSet.js';
import type { FitParameter } from './fitParameters.js';
import type { MatchedData } from './match.js';
import type { RoleOf } from './roles.js';

export interface DataEstimates {
  capacitance?: number;
  seriesResistance?: number;
  timeConstant?: number;
  /** How each was read, for the report. */
  notes: string[];
}

const g = (v: number): string => Number(v.toPrecision(3)).toString();

/** Time from the first vertex to the current's zero crossing, / ln 2. */
function cvCorner(d: TimeDataSet): number | undefined {
  const v0 = d.v[0]!;
  let dir = 0;
  let k = 1;
  for (; k < d.v.length && dir === 0; k++) dir = Math.sign(d.v[k]! - v0);
  for (; k < d.v.length; k++) if (Math.sign(d.v[k]! - d.v[k - 1]!) === -dir) break;
  const tv = d.time[k - 1];
  if (tv === undefined || k >= d.v.length) return undefined;
  const s0 = Math.sign(d.i[k - 1]!);
  for (let j = k; j < d.i.length; j++) {
    if (Math.sign(d.i[j]!) !== s0 && s0 !== 0) {
      const dt = d.time[j]! - tv;
      // Noise can cross zero early; a crossing within one sample says only that tau is short.
      return Math.max(dt, (d.time[1]! - d.time[0]!) * 0.5) / Math.LN2;
    }
  }
  return undefined;
}

export function estimateFromData(matched: MatchedData[]): DataEstimates {
  const e: DataEstimates = { notes: [] };
  for (const m of matched) {
    const d: DataSet = m.data;
    if (d.kind === 'eis') {
      let lo = 0, hi = 0;
      for (let k = 1; k < d.frequency.length; k++) {
        if (d.frequency[k]! < d.frequency[lo]!) lo = k;
        if (d.frequency[k]! > d.frequency[hi]!) hi = k;
      }
      const c = -1 / (2 * Math.PI * d.frequency[lo]! * d.im[lo]!);
      if (c > 0 && e.capacitance === undefined) {
        e.capacitance = c;
        e.notes.push(`C = -1/(2 pi f Im Z) at ${g(d.frequency[lo]!)} Hz of ${d.name}: ${g(c)} F`);
      }
      if (d.re[hi]! > 0) {
        e.seriesResistance = d.re[hi]!;
        e.notes.push(`series R = Re Z at ${g(d.frequency[hi]!)} Hz of ${d.name}: ${g(d.re[hi]!)} ohm`);
      }
      // The low-frequency Re Z of a transmission line is R_open + R_ion / 3: tau follows from it.
      const rLow = d.re[lo]!;
      if (c > 0 && rLow > 0 && e.timeConstant === undefined) {
        e.timeConstant = rLow * c;
        e.notes.push(`tau = Re Z at ${g(d.frequency[lo]!)} Hz x C: ${g(rLow * c)} s`);
      }
    } else if (d.technique === 'cv' && m.analysis.kind === 'cv') {
      const rate = m.analysis.rate;
      let s = 0;
      for (const i of d.i) s += Math.abs(i);
      const c = s / d.i.length / rate;
      if (e.capacitance === undefined) {
        e.capacitance = c;
        e.notes.push(`C = mean |I| / scan rate of ${d.name}: ${g(c)} F`);
      }
      const tau = cvCorner(d);
      if (tau !== undefined && e.timeConstant === undefined) {
        e.timeConstant = tau;
        e.notes.push(`tau = (zero crossing of I after the vertex) / ln 2 in ${d.name}: ${g(tau)} s`);
      }
    } else if (d.technique === 'gcd' && m.analysis.kind === 'protocol') {
      const step = m.analysis.steps[0];
      const current = step && step.kind === 'current' ? step.current : NaN;
      // Slope over the middle half of the first charge; IR drop at its end.
      let end = 0;
      while (end + 1 < d.i.length && d.i[end + 1]! > 0) end++;
      const a = Math.floor(end / 4), b = Math.floor((3 * end) / 4);
      if (b > a && current > 0) {
        const slope = (d.v[b]! - d.v[a]!) / (d.time[b]! - d.time[a]!);
        if (slope > 0 && e.capacitance === undefined) {
          e.capacitance = current / slope;
          e.notes.push(`C = I / (dV/dt) on the first charge of ${d.name}: ${g(current / slope)} F`);
        }
        if (end + 1 < d.v.length) {
          const drop = Math.abs(d.v[end]! - d.v[end + 1]!) / (2 * current);
          if (drop > 0 && e.seriesResistance === undefined) {
            e.seriesResistance = drop;
            e.notes.push(`series R = IR drop / 2I at the reversal of ${d.name}: ${g(drop)} ohm`);
          }
        }
      }
    }
  }
  return e;
}

const clamp = (p: FitParameter, v: number): number => Math.min(p.hi, Math.max(p.lo, v));

/** The data-driven start: estimated values where a role says which quantity a parameter is, else the template value. */
export function dataStart(params: FitParameter[], templateValues: Record<string, number>, roles: Map<string, RoleOf>, e: DataEstimates): Record<string, number> {
  const out: Record<string, number> = {};
  const byRole = (r: string): RoleOf | undefined => [...roles.values()].find((x) => x.role === r);
  const layers = byRole('rc')?.layers ?? byRole('ctotal')?.layers ?? 1;
  const c = e.capacitance;
  const ropenT = params.find((p) => roles.get(p.name)?.role === 'ropen');
  const rOpen = e.seriesResistance ?? (ropenT ? templateValues[ropenT.name] : undefined);
  for (const p of params) {
    const role = roles.get(p.name)?.role;
    let v = templateValues[p.name] ?? (p.scale === 'log' ? Math.sqrt(p.lo * p.hi) : 0.5 * (p.lo + p.hi));
    if (role === 'ctotal' && c) v = c;
    else if (role === 'cslit' && c) v = c / layers;
    else if (role === 'ropen' && e.seriesResistance) v = e.seriesResistance;
    else if (role === 'rc' && c && e.timeConstant) {
      const rTotal = e.timeConstant / c;
      const rIon = Math.max(rTotal - (rOpen ?? 0), 0.1 * rTotal);
      v = (3 * rIon) / layers;
    } else if (role === 'gamma') v = 0;
    out[p.name] = clamp(p, v);
  }
  return out;
}
