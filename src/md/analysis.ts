/**
 * From the MD trajectory to the project's per-slit series and the Delta quantities of Extended
 * Data Fig. 4b. Per frame: the charge density binned along z (every atom, electrode carbons
 * included), the potential from the 1D Poisson equation (phi = 0 in the reservoir middle), and per
 * slit the ionic charge Q_i and the ion counts. Per electrode:
 *
 *   phi_i  = phi at the slit mid-plane;  phi_m = mean phi over the electrode's sheet planes
 *   rho_i  = Q_i / V_i,  c_i = (n+_i + n-_i) / (N_A V_i),  V_i = A h (the slit's cell: sheet to sheet)
 *   Delta x_1 = x_2 - x_1   (slit 2 minus slit 1, as in the paper)
 *   I_i    = -d/dt (Q_{i+1} + ... + Q_N): the measured ionic current through the plane of sheet i+1,
 *            positive toward the reservoir (the series convention)
 *
 * The migration / diffusion / steric parts between slit 1 and 2 cannot be measured separately in MD;
 * they are estimated per time block with the mPNP flux laws on the slit averages (docs/md.md):
 *   I_mig  = A (F^2/RT) (D+ c+ + D- c-) Delta phi_1 / h
 *   I_diff = A F (D+ Delta c+_1 - D- Delta c-_1) / h
 *   I_ster = A F (D+ c+ - D- c-) Delta mu_1 / h,   mu = -ln(1 - a^3 N_A c_tot)
 * (c± without Delta: mean of slits 1 and 2; all positive toward the reservoir).
 */
import type { SlitSeries } from '../series/slitSeries.js';
import type { MdConfig } from './config.js';
import type { DumpFrame } from './dump.js';
import type { MdPlan } from './lammps.js';
import { interpolateCentres, solvePoisson1d, type PoissonResult } from './poisson.js';

const E = 1.602176634e-19;
const AVOGADRO = 6.02214076e23;
const FARADAY = E * AVOGADRO;
const KB = 1.380649e-23;
const ANG = 1e-10;

export interface DeltaBlock {
  tStart: number;
  tEnd: number;
  frames: number;
  /** V, C/m^3, mol/m^3 */
  dphi1: number;
  drho1: number;
  dc1: number;
  /** Measured I_1 over the block, A (toward the reservoir). */
  current: number;
  /** Estimated parts, A (toward the reservoir). */
  migration: number;
  diffusion: number;
  steric: number;
}

export interface ElectrodeResult {
  sign: 1 | -1;
  series: SlitSeries;
  /** Ion counts per slit per frame. */
  cations: Float64Array[];
  anions: Float64Array[];
  blocks: DeltaBlock[];
  /** Fractions of the blocks after the step in which the two have the same sign. */
  sameSign: { dphiDrho: number; migrationDiffusion: number; stericMigration: number; blocks: number };
  /** Pearson correlation over the blocks after the step: do the Delta series follow the same trend in time? */
  trend: { dphiDrho: number; dphiDc: number };
}

export interface MdAnalysis {
  frames: number;
  electrodes: [ElectrodeResult, ElectrodeResult];
  checks: {
    /** Largest |total charge| of a frame, e (the system must stay neutral). */
    maxNetCharge: number;
    /** Largest change of the number of cations / anions from the plan. */
    maxIonCountChange: number;
    /** Ions found outside the electrodes' end walls (never, if the walls hold). */
    ionsOutside: number;
    /** Electrode charge of the + electrode before and after the step, e. */
    chargeBefore: number;
    chargeAfter: number;
    /** Largest |field| above the system relative to the largest field inside (Gauss: 0 for a neutral slab). */
    topField: number;
  };
  /** Time-averaged profiles: rho of all charges (C/m^3), rho of the ions only, phi (V); before the step and over the second half after it. */
  profiles: { z: Float64Array; rhoBefore: Float64Array; phiBefore: Float64Array; rhoAfter: Float64Array; phiAfter: Float64Array; ionBefore: Float64Array; ionAfter: Float64Array; framesBefore: number; framesAfter: number };
  area: number;
}

interface PerElectrode {
  phiM: number[];
  phi: number[][];
  q: number[][];
  np: number[][];
  nm: number[][];
  qel: number[];
}

/** Accumulates frames (feed them in time order), then `finish()` builds the series and blocks. */
export class MdAnalyzer {
  readonly dz: number;
  readonly bins: number;
  private readonly rho: Float64Array;
  private readonly pois: PoissonResult;
  private readonly time: number[] = [];
  private readonly per: [PerElectrode, PerElectrode];
  private readonly area: number;
  private readonly rhoIon: Float64Array;
  private readonly acc = { rb: new Float64Array(0), pb: new Float64Array(0), ra: new Float64Array(0), pa: new Float64Array(0), ib: new Float64Array(0), ia: new Float64Array(0), nb: 0, na: 0 };
  private readonly checks: MdAnalysis['checks'] = { maxNetCharge: 0, maxIonCountChange: 0, ionsOutside: 0, chargeBefore: 0, chargeAfter: 0, topField: 0 };
  private lastStep = -Infinity;

  constructor(
    private readonly plan: MdPlan,
    private readonly cfg: MdConfig,
  ) {
    this.area = plan.box.lx * plan.box.ly;
    this.bins = Math.ceil(plan.box.lz / cfg.analysis.bin);
    this.dz = plan.box.lz / this.bins;
    this.rho = new Float64Array(this.bins);
    this.pois = { phi: new Float64Array(this.bins), field: new Float64Array(this.bins + 1) };
    const mk = (): PerElectrode => {
      const n = plan.electrodes[0].slitLo.length;
      return { phiM: [], phi: Array.from({ length: n }, () => []), q: Array.from({ length: n }, () => []), np: Array.from({ length: n }, () => []), nm: Array.from({ length: n }, () => []), qel: [] };
    };
    this.per = [mk(), mk()];
    for (const k of ['rb', 'pb', 'ra', 'pa', 'ib', 'ia'] as const) this.acc[k] = new Float64Array(this.bins);
    this.rhoIon = new Float64Array(this.bins);
  }

  frame(f: DumpFrame): void {
    const p = this.plan;
    // a dump repeats no step, but a restarted run could: keep the first
    if (f.step <= this.lastStep) return;
    this.lastStep = f.step;
    const t = (f.step - p.stepAt) * p.timestep;
    const rho = this.rho;
    rho.fill(0);
    const rhoIon = this.rhoIon;
    rhoIon.fill(0);
    const vol = this.area * this.dz;
    let net = 0;
    let nCat = 0;
    let nAn = 0;
    const nSlits = p.electrodes[0].slitLo.length;
    const qSlit = [new Float64Array(nSlits), new Float64Array(nSlits)];
    const np = [new Float64Array(nSlits), new Float64Array(nSlits)];
    const nm = [new Float64Array(nSlits), new Float64Array(nSlits)];
    const qel = [0, 0];
    const zMin = Math.min(...p.electrodes.map((e) => e.sheetZ[e.sheetZ.length - 1]!));
    const zMax = Math.max(...p.electrodes.map((e) => e.sheetZ[e.sheetZ.length - 1]!));
    const { carbon, cation, anion } = p.typeOf;
    const [left, right] = p.electrodes;
    for (let i = 0; i < f.atoms; i++) {
      const q = f.q[i]!;
      const z = f.z[i]! * ANG;
      net += q;
      let b = Math.floor(z / this.dz);
      if (b < 0) b = 0;
      else if (b >= this.bins) b = this.bins - 1;
      rho[b]! += (q * E) / vol;
      const ty = f.type[i]!;
      if (ty === carbon) {
        qel[z < p.reservoirMid ? 0 : 1]! += q * E;
        continue;
      }
      if (ty !== cation && ty !== anion) continue;
      rhoIon[b]! += (q * E) / vol;
      if (ty === cation) nCat++;
      else nAn++;
      if (z < zMin || z > zMax) this.checks.ionsOutside++;
      for (let e = 0; e < 2; e++) {
        const el = e === 0 ? left : right;
        for (let k = 0; k < nSlits; k++) {
          if (z >= el.slitLo[k]! && z < el.slitHi[k]!) {
            qSlit[e]![k]! += q * E;
            if (ty === cation) np[e]![k]!++;
            else nm[e]![k]!++;
          }
        }
      }
    }
    this.checks.maxNetCharge = Math.max(this.checks.maxNetCharge, Math.abs(net));
    this.checks.maxIonCountChange = Math.max(this.checks.maxIonCountChange, Math.abs(nCat - p.counts.cations), Math.abs(nAn - p.counts.anions));
    if (t <= 0) this.checks.chargeBefore = qel[0]! / E;
    else this.checks.chargeAfter = qel[0]! / E;

    const res = solvePoisson1d(rho, this.dz, p.poissonPermittivity, p.reservoirMid, 0.5e-9, this.pois);
    let fmax = 0;
    for (let b = 0; b <= this.bins; b++) fmax = Math.max(fmax, Math.abs(res.field[b]!));
    if (fmax > 0) this.checks.topField = Math.max(this.checks.topField, Math.abs(res.field[this.bins]!) / fmax);

    this.time.push(t);
    for (let e = 0; e < 2; e++) {
      const el = p.electrodes[e]!;
      const pe = this.per[e]!;
      let m = 0;
      for (const z of el.sheetZ) m += interpolateCentres(res.phi, this.dz, z);
      pe.phiM.push(m / el.sheetZ.length);
      for (let k = 0; k < nSlits; k++) {
        pe.phi[k]!.push(interpolateCentres(res.phi, this.dz, (el.slitLo[k]! + el.slitHi[k]!) / 2));
        pe.q[k]!.push(qSlit[e]![k]!);
        pe.np[k]!.push(np[e]![k]!);
        pe.nm[k]!.push(nm[e]![k]!);
      }
      pe.qel.push(qel[e]!);
    }
    const a = this.acc;
    const after = t >= p.durationSteps * p.timestep * 0.5;
    if (t <= 0 || after) {
      const [r, ph, ri] = t <= 0 ? [a.rb, a.pb, a.ib] : [a.ra, a.pa, a.ia];
      for (let b = 0; b < this.bins; b++) {
        r[b]! += rho[b]!;
        ri[b]! += rhoIon[b]!;
        ph[b]! += res.phi[b]!;
      }
      if (t <= 0) a.nb++;
      else a.na++;
    }
  }

  finish(): MdAnalysis {
    const p = this.plan;
    const n = this.time.length;
    const time = Float64Array.from(this.time);
    const nSlits = p.electrodes[0].slitLo.length;
    const vol = this.area * p.spacing;
    const electrodes = this.per.map((pe, e) => {
      const sign = p.electrodes[e]!.sign;
      const charge = pe.q.map((a) => Float64Array.from(a));
      const current: Float64Array[] = [];
      for (let i = 0; i < nSlits - 1; i++) {
        // charge beyond the plane of sheet i+2 (0-based: slits i+1..N-1)
        const s = new Float64Array(n);
        for (let k = i + 1; k < nSlits; k++) for (let j = 0; j < n; j++) s[j]! += charge[k]![j]!;
        current.push(centralRate(time, s, -1));
      }
      const series: SlitSeries = {
        meta: {
          source: 'ncm md',
          model: p.model,
          electrode: sign > 0 ? 'left, charged positive' : 'right, charged negative',
          units: `per simulation cell of area A = ${(this.area * 1e18).toFixed(4)} nm^2`,
          area_m2: this.area,
          slit_spacing_m: p.spacing,
          charge_step_at: 'time 0',
          current_sign: 'I_i > 0 toward the reservoir (positive charge leaving slit i+1 for slit i); measured from the ion charge beyond each sheet',
          potential: 'phi from the 1D Poisson equation of the binned charge density; phi = 0 in the reservoir middle; phi_m = mean over the sheet planes',
        },
        time,
        phiM: Float64Array.from(pe.phiM),
        phi: pe.phi.map((a) => Float64Array.from(a)),
        charge,
        current,
        electrodeCharge: Float64Array.from(pe.qel),
      };
      const cations = pe.np.map((a) => Float64Array.from(a));
      const anions = pe.nm.map((a) => Float64Array.from(a));
      const blocks = deltaBlocks(time, series, cations, anions, vol, this.area, p.spacing, this.cfg);
      const after = blocks.filter((b) => b.tStart > 0);
      const trend = { dphiDrho: pearson(after.map((b) => b.dphi1), after.map((b) => b.drho1)), dphiDc: pearson(after.map((b) => b.dphi1), after.map((b) => b.dc1)) };
      return { sign, series, cations, anions, blocks, sameSign: signAgreement(blocks), trend } as ElectrodeResult;
    }) as [ElectrodeResult, ElectrodeResult];
    const a = this.acc;
    const scale = (v: Float64Array, k: number): Float64Array => v.map((x) => (k > 0 ? x / k : 0));
    const z = new Float64Array(this.bins);
    for (let b = 0; b < this.bins; b++) z[b] = (b + 0.5) * this.dz;
    return {
      frames: n,
      electrodes,
      checks: { ...this.checks },
      profiles: { z, rhoBefore: scale(a.rb, a.nb), phiBefore: scale(a.pb, a.nb), rhoAfter: scale(a.ra, a.na), phiAfter: scale(a.pa, a.na), ionBefore: scale(a.ib, a.nb), ionAfter: scale(a.ia, a.na), framesBefore: a.nb, framesAfter: a.na },
      area: this.area,
    };
  }
}

/** sign * dS/dt by central differences (one-sided at the ends). */
function centralRate(t: Float64Array, s: Float64Array, sign: number): Float64Array {
  const n = t.length;
  const out = new Float64Array(n);
  if (n < 2) return out;
  for (let j = 0; j < n; j++) {
    const a = Math.max(0, j - 1);
    const b = Math.min(n - 1, j + 1);
    out[j] = (sign * (s[b]! - s[a]!)) / (t[b]! - t[a]!);
  }
  return out;
}

/** Block averages of the Delta quantities (before the step: one block; after: windows of analysis.window). */
export function deltaBlocks(time: Float64Array, s: SlitSeries, cat: Float64Array[], an: Float64Array[], vol: number, area: number, h: number, cfg: MdConfig): DeltaBlock[] {
  const n = time.length;
  const w = cfg.analysis.window;
  // block index per frame: -1 before (t <= 0), k for t in (k w, (k+1) w]
  const groups = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    const t = time[j]!;
    const k = t <= 0 ? -1 : Math.ceil(t / w - 1e-9) - 1;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(j);
  }
  const el = cfg.electrolyte;
  const T = el.temperature;
  const dp = el.cation.diffusivity;
  const dm = el.anion.diffusivity;
  const zp = el.cation.valence;
  const zm = el.anion.valence;
  const a3 = cfg.analysis.ionSize ** 3 * AVOGADRO;
  // charge beyond sheet 2 (slits 2..N) for the measured current
  const beyond = new Float64Array(n);
  for (let k = 1; k < s.charge.length; k++) for (let j = 0; j < n; j++) beyond[j]! += s.charge[k]![j]!;
  const out: DeltaBlock[] = [];
  let prevLast = -1;
  for (const k of [...groups.keys()].sort((x, y) => x - y)) {
    const idx = groups.get(k)!;
    const mean = (arr: Float64Array): number => idx.reduce((acc, j) => acc + arr[j]!, 0) / idx.length;
    const phi1 = mean(s.phi[0]!);
    const phi2 = mean(s.phi[1]!);
    const cp1 = mean(cat[0]!) / (AVOGADRO * vol);
    const cp2 = mean(cat[1]!) / (AVOGADRO * vol);
    const cm1 = mean(an[0]!) / (AVOGADRO * vol);
    const cm2 = mean(an[1]!) / (AVOGADRO * vol);
    const rho1 = mean(s.charge[0]!) / vol;
    const rho2 = mean(s.charge[1]!) / vol;
    const cpBar = (cp1 + cp2) / 2;
    const cmBar = (cm1 + cm2) / 2;
    const mu = (c: number): number => -Math.log(Math.max(1e-12, 1 - a3 * c));
    const first = prevLast >= 0 ? prevLast : idx[0]!;
    const last = idx[idx.length - 1]!;
    const current = last > first ? -(beyond[last]! - beyond[first]!) / (time[last]! - time[first]!) : 0;
    prevLast = last;
    const dphi = phi2 - phi1;
    out.push({
      tStart: time[idx[0]!]!,
      tEnd: time[last]!,
      frames: idx.length,
      dphi1: dphi,
      drho1: rho2 - rho1,
      dc1: cp2 + cm2 - (cp1 + cm1),
      current,
      migration: (area * (FARADAY * FARADAY) / (AVOGADRO * KB * T) * (zp * zp * dp * cpBar + zm * zm * dm * cmBar) * dphi) / h,
      diffusion: (area * FARADAY * (zp * dp * (cp2 - cp1) + zm * dm * (cm2 - cm1))) / h,
      steric: (area * FARADAY * (zp * dp * cpBar + zm * dm * cmBar) * (mu(cp2 + cm2) - mu(cp1 + cm1))) / h,
    });
  }
  return out;
}

function signAgreement(blocks: DeltaBlock[]): ElectrodeResult['sameSign'] {
  const after = blocks.filter((b) => b.tStart > 0);
  const frac = (f: (b: DeltaBlock) => boolean): number => (after.length === 0 ? 0 : after.filter(f).length / after.length);
  return {
    dphiDrho: frac((b) => Math.sign(b.dphi1) === Math.sign(b.drho1) && b.dphi1 !== 0),
    migrationDiffusion: frac((b) => Math.sign(b.migration) === Math.sign(b.diffusion) && b.migration !== 0),
    stericMigration: frac((b) => Math.sign(b.steric) === Math.sign(b.migration) && b.steric !== 0),
    blocks: after.length,
  };
}

/** Pearson correlation coefficient (0 when either series is constant). */
export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
