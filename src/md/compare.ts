/**
 * The MD geometry in the project's mPNP (through its public configuration and run API), and the
 * comparison of the paper's qualitative agreement: the signs of Delta phi_1 and Delta rho_1 over time.
 *
 * Mapping: the same sheets, slit width, sheet thickness, edge gap and layout; the mPNP sheet length
 * is the MD cell width minus the gap (its mirror planes make the same periodic array); the open
 * space runs from the reservoir middle (phi = 0 in both) to the surface of sheet 1; the inner end is
 * a wall as the MD's end sheet; the grid is that of examples/mpnp-d1.5.yaml. The MD's charge step becomes a potential step of the size the MD
 * electrode reached (mean phi_m over the second half of the run), for the same duration.
 */
import { stringify } from 'yaml';
import type { SlitSeries } from '../series/slitSeries.js';
import { parseMpnpConfig } from '../mpnp/config.js';
import { runMpnp, type RunProgress } from '../mpnp/run.js';
import type { MdAnalysis } from './analysis.js';
import type { MdConfig } from './config.js';
import type { MdPlan } from './lammps.js';

/** The mPNP configuration text (YAML, SI numbers) of the MD geometry driven by a step of `step` volts. */
export function mpnpConfigText(cfg: MdConfig, plan: MdPlan, step: number): string {
  const el = cfg.electrode;
  const ions = cfg.electrolyte;
  // the mPNP config wants every quantity with its unit
  const m = (v: number): string => `${v} m`;
  return stringify({
    electrolyte: {
      concentration: `${ions.concentration} mol/m^3`,
      permittivity: cfg.model === 'primitive' ? ions.permittivity : 78.5,
      temperature: `${ions.temperature} K`,
      'D+': `${ions.cation.diffusivity} m^2/s`,
      'D-': `${ions.anion.diffusivity} m^2/s`,
    },
    geometry: {
      kind: 'network',
      sheets: el.sheets,
      slitWidth: m(el.slitWidth),
      sheetThickness: m(el.sheetThickness),
      sheetLength: m(plan.box.lx - el.edgeGap),
      edgeGap: m(el.edgeGap),
      layout: el.layout,
      openSpace: m(cfg.reservoir.length / 2 - el.sheetThickness / 2),
      innerEnd: 'wall',
      depth: m(plan.box.ly),
    },
    // the grid of examples/mpnp-d1.5.yaml (C_slit within 0.25% at d = 1.5 nm): seconds instead of hours
    grid: { wall: 0.1, growth: 1.15, max: 0.6, alongWall: 0.5, alongMax: 1.2 },
    protocol: { kind: 'step', value: `${step} V`, duration: `${plan.durationSteps * plan.timestep} s` },
  });
}

/** The step the MD electrode reached: mean phi_m of the + electrode over the second half after the step. */
export function mdStepPotential(a: MdAnalysis): number {
  const s = a.electrodes[0].series;
  const tEnd = s.time[s.time.length - 1]!;
  let sum = 0;
  let n = 0;
  s.time.forEach((t, k) => {
    if (t >= tEnd / 2) {
      sum += s.phiM[k]!;
      n++;
    }
  });
  return sum / n;
}

export interface SignTrace {
  time: Float64Array;
  dphi: Float64Array;
  drho: Float64Array;
}

/** Delta phi_1 and Delta rho_1 of an mPNP series (rho_i = Q_i / region volume, equal for slits 1 and 2). */
export function mpnpTrace(s: SlitSeries, regionVolume: number): SignTrace {
  const n = s.time.length;
  const dphi = new Float64Array(n);
  const drho = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    dphi[k] = s.phi[1]![k]! - s.phi[0]![k]!;
    drho[k] = (s.charge[1]![k]! - s.charge[0]![k]!) / regionVolume;
  }
  return { time: s.time, dphi, drho };
}

/** The block values of the MD + electrode as a trace (block middles). */
export function mdTrace(a: MdAnalysis): SignTrace {
  const b = a.electrodes[0].blocks;
  return {
    time: Float64Array.from(b, (x) => (x.tStart + x.tEnd) / 2),
    dphi: Float64Array.from(b, (x) => x.dphi1),
    drho: Float64Array.from(b, (x) => x.drho1),
  };
}

/** Fraction of the points after the step (t > 0) where Delta phi_1 and Delta rho_1 have the same sign. */
export function sameSignFraction(tr: SignTrace): number {
  let n = 0;
  let same = 0;
  tr.time.forEach((t, k) => {
    if (t <= 0) return;
    n++;
    if (Math.sign(tr.dphi[k]!) === Math.sign(tr.drho[k]!) && tr.dphi[k] !== 0) same++;
  });
  return n === 0 ? 0 : same / n;
}

/** Value of a trace at time t (linear interpolation; clamped). */
function at(time: Float64Array, v: Float64Array, t: number): number {
  if (t <= time[0]!) return v[0]!;
  for (let k = 1; k < time.length; k++) if (time[k]! >= t) {
    const w = (t - time[k - 1]!) / (time[k]! - time[k - 1]!);
    return v[k - 1]! * (1 - w) + v[k]! * w;
  }
  return v[time.length - 1]!;
}

/** Fraction of the MD blocks after the step whose signs of Delta phi_1 and Delta rho_1 match the mPNP's at the same time. */
export function mdMpnpAgreement(md: SignTrace, mp: SignTrace): { dphi: number; drho: number; blocks: number } {
  let n = 0;
  let p = 0;
  let r = 0;
  md.time.forEach((t, k) => {
    if (t <= 0) return;
    n++;
    if (Math.sign(md.dphi[k]!) === Math.sign(at(mp.time, mp.dphi, t))) p++;
    if (Math.sign(md.drho[k]!) === Math.sign(at(mp.time, mp.drho, t))) r++;
  });
  return { dphi: n ? p / n : 0, drho: n ? r / n : 0, blocks: n };
}

export interface MpnpComparison {
  step: number;
  mpnpConfig: string;
  mpnp: SlitSeries;
  md: SignTrace;
  mpnpTrace: SignTrace;
  sameSign: { md: number; mpnp: number };
  agreement: { dphi: number; drho: number; blocks: number };
  mpnpSeconds: number;
}

export function compareWithMpnp(cfg: MdConfig, plan: MdPlan, a: MdAnalysis, onProgress?: (p: RunProgress) => void): MpnpComparison {
  const step = mdStepPotential(a);
  const text = mpnpConfigText(cfg, plan, step);
  const mcfg = parseMpnpConfig(text, 'md-compare (generated mPNP configuration)');
  const r = runMpnp(mcfg, onProgress ? { onProgress } : {});
  const mp = mpnpTrace(r.series, plan.spacing * plan.box.lx * plan.box.ly);
  const md = mdTrace(a);
  return {
    step,
    mpnpConfig: text,
    mpnp: r.series,
    md,
    mpnpTrace: mp,
    sameSign: { md: sameSignFraction(md), mpnp: sameSignFraction(mp) },
    agreement: mdMpnpAgreement(md, mp),
    mpnpSeconds: r.stats.wallSeconds,
  };
}
