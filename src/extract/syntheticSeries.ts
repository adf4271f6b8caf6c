/**
 * Synthetic per-slit series generated from the paper's law itself: a small NCM ladder (Ropen, Copen,
 * N nanoslits with Cslit to the sheet and dynamic trans-slit resistors) driven by a triangular phi_m,
 * integrated with a fixed-step RK4 of its own (independent of the MNA engine). Used by tests, the bench
 * and `ncm extract --demo` to check that extraction and discovery recover known parameters.
 *
 * Ladder (same topology as the netlist `ncm extract` writes): reservoir 0 -Ropen- s0 -RDYN1- s1 -RDYN2-
 * s2 ... sN, with Copen from the sheet m to s0 and Cslit_k from m to s_k. RDYN_k has resistance
 * rc (1 - gamma q_{k-1} / qmax_{k-1}) where q is the sheet-side charge of the upstream capacitor
 * (Copen for k = 1) and qmax its peak over the run, found self-consistently by fixed-point iteration.
 */
import type { SlitSeries } from '../series/slitSeries.js';
import { Rng } from '../numeric/random.js';

export interface LadderOptions {
  /** Nanoslits in the series (the ladder also has the open-space node s0). */
  slits: number;
  rc: number;
  gamma: number;
  /** Slit capacitance, F. */
  cs: number;
  ropen: number;
  copen: number;
  /** Triangle of phi_m from v0 to vmax and back, `cycles` times, at `rate` V/s. */
  v0: number;
  vmax: number;
  rate: number;
  cycles: number;
  /** Output rows per cycle. */
  pointsPerCycle: number;
  /** Relative noise (0.01 = 1%): see `addNoise`. 0 for exact data. */
  noise: number;
  seed: number;
}

export const DEFAULT_LADDER: LadderOptions = {
  slits: 6,
  rc: 5,
  gamma: 0.5,
  cs: 1e-8,
  ropen: 2,
  copen: 1e-8,
  v0: 0,
  vmax: 0.2,
  rate: 2e4,
  cycles: 2,
  pointsPerCycle: 400,
  noise: 0,
  seed: 1,
};

/** phi_m(t) of the triangle, exactly. */
export function trianglePotential(t: number, v0: number, vmax: number, rate: number): number {
  const half = (vmax - v0) / rate;
  const phase = t % (2 * half);
  return phase <= half ? v0 + rate * phase : vmax - rate * (phase - half);
}

/** Result of the integration, before noise: the series plus the self-consistent qmax per capacitor. */
export interface LadderRun {
  series: SlitSeries;
  /** Peak sheet-side charge of Copen (index 0) and Cslit_1..N (1..N), C. */
  qmax: Float64Array;
  fixedPointIterations: number;
}

export function generateLadderSeries(opts: Partial<LadderOptions> = {}): LadderRun {
  const o: LadderOptions = { ...DEFAULT_LADDER, ...opts };
  if (!(o.slits >= 2)) throw new RangeError('the ladder needs at least 2 slits (one trans-slit current)');
  if (!(o.vmax > o.v0) || !(o.rate > 0) || !(o.cycles >= 1)) throw new RangeError('need vmax > v0, rate > 0, cycles >= 1');
  const nodes = o.slits + 1;
  const cap = new Float64Array(nodes);
  cap[0] = o.copen;
  for (let k = 1; k < nodes; k++) cap[k] = o.cs;
  // Step: well inside RK4's stability region for the fastest node, with an integer number of steps per
  // output interval and per half cycle (phi_m has a kink at each vertex).
  const half = (o.vmax - o.v0) / o.rate;
  const pointsPerHalf = Math.max(2, Math.round(o.pointsPerCycle / 2));
  const outDt = half / pointsPerHalf;
  const gmaxPerC = Math.max(...Array.from(cap, (c, k) => (2 / (o.rc * Math.max(1e-3, 1 - Math.abs(o.gamma))) + (k === 0 ? 1 / o.ropen : 0)) / c));
  const sub = Math.max(1, Math.ceil(outDt * gmaxPerC / 0.5));
  const h = outDt / sub;
  const rows = pointsPerHalf * 2 * o.cycles + 1;

  let qmax = new Float64Array(nodes);
  for (let k = 0; k < nodes; k++) qmax[k] = cap[k]! * (o.vmax - o.v0 + Math.abs(o.v0));
  const store = Array.from({ length: nodes }, () => new Float64Array(rows));
  let iterations = 0;
  for (; iterations < 60; iterations++) {
    integrate(o, cap, qmax, h, sub, rows, store);
    const next = new Float64Array(nodes);
    let change = 0;
    for (let k = 0; k < nodes; k++) {
      let peak = 0;
      const s = store[k]!;
      for (let r = 0; r < rows; r++) peak = Math.max(peak, cap[k]! * s[r]!);
      next[k] = peak;
      change = Math.max(change, Math.abs(peak - qmax[k]!) / peak);
    }
    qmax = next;
    if (change < 1e-12) break;
  }
  // One last run with the converged qmax so that the stored series obeys the law with it exactly.
  integrate(o, cap, qmax, h, sub, rows, store);

  const time = new Float64Array(rows);
  const phiM = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    time[r] = r * outDt;
    phiM[r] = trianglePotential(time[r]!, o.v0, o.vmax, o.rate);
  }
  const phi: Float64Array[] = [];
  const charge: Float64Array[] = [];
  for (let k = 1; k < nodes; k++) {
    const p = new Float64Array(rows);
    const q = new Float64Array(rows);
    const s = store[k]!;
    for (let r = 0; r < rows; r++) {
      p[r] = phiM[r]! - s[r]!;
      q[r] = -cap[k]! * s[r]!; // net ionic charge: opposite to the sheet charge
    }
    phi.push(p);
    charge.push(q);
  }
  const current: Float64Array[] = [];
  for (let i = 0; i < o.slits - 1; i++) {
    const c = new Float64Array(rows);
    // I_i flows from slit i+1 toward slit i through RDYN_{i+2}, controlled by Cslit_{i+1} (node i+1).
    for (let r = 0; r < rows; r++) {
      const qUp = cap[i + 1]! * store[i + 1]![r]!;
      const R = o.rc * (1 - (o.gamma * qUp) / qmax[i + 1]!);
      c[r] = (phi[i + 1]![r]! - phi[i]![r]!) / R;
    }
    current.push(c);
  }
  const meta: Record<string, string | number> = {
    source: 'synthetic NCM ladder (ncm extract --demo / src/extract/syntheticSeries.ts)',
    slits: o.slits,
    ropen: o.ropen,
    copen: o.copen,
    true_rc: o.rc,
    true_gamma: o.gamma,
    true_cs: o.cs,
    rate: o.rate,
    noise: o.noise,
    seed: o.seed,
  };
  const series: SlitSeries = { meta, time, phiM, phi, charge, current };
  if (o.noise > 0) addNoise(series, o.noise, o.seed);
  return { series, qmax, fixedPointIterations: iterations + 1 };
}

/** RK4 over the whole run; fills store[k][row] with the capacitor voltages u_k = phi_m - phi_k. */
function integrate(
  o: LadderOptions,
  cap: Float64Array,
  qmax: Float64Array,
  h: number,
  sub: number,
  rows: number,
  store: Float64Array[],
): void {
  const n = cap.length;
  const u = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  // du_k/dt = (sum of currents leaving node s_k through resistors) / C_k, phi_k = phi_m - u_k.
  const rhs = (t: number, x: Float64Array, out: Float64Array): void => {
    const pm = trianglePotential(t, o.v0, o.vmax, o.rate);
    out.fill(0);
    // Ropen: s0 to the reservoir at 0 V.
    out[0] = (pm - x[0]!) / o.ropen;
    for (let k = 1; k < n; k++) {
      const R = o.rc * (1 - (o.gamma * cap[k - 1]! * x[k - 1]!) / qmax[k - 1]!);
      const i = (pm - x[k]! - (pm - x[k - 1]!)) / R; // from s_k to s_{k-1}
      out[k] += i;
      out[k - 1] -= i;
    }
    for (let k = 0; k < n; k++) out[k] = out[k]! / cap[k]!;
  };
  for (let k = 0; k < n; k++) store[k]![0] = 0;
  let t = 0;
  for (let r = 1; r < rows; r++) {
    for (let s = 0; s < sub; s++) {
      rhs(t, u, k1);
      for (let k = 0; k < n; k++) tmp[k] = u[k]! + 0.5 * h * k1[k]!;
      rhs(t + 0.5 * h, tmp, k2);
      for (let k = 0; k < n; k++) tmp[k] = u[k]! + 0.5 * h * k2[k]!;
      rhs(t + 0.5 * h, tmp, k3);
      for (let k = 0; k < n; k++) tmp[k] = u[k]! + h * k3[k]!;
      rhs(t + h, tmp, k4);
      for (let k = 0; k < n; k++) u[k] = u[k]! + (h / 6) * (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!);
      t = (r - 1) * sub * h + (s + 1) * h;
    }
    for (let k = 0; k < n; k++) store[k]![r] = u[k]!;
  }
}

function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s / a.length);
}

/**
 * Adds seeded Gaussian noise in place. Q_i and I_i get a standard deviation of `level` times the RMS of
 * their column; the slit potentials phi_i get `level` times the RMS of the trans-slit voltages
 * phi_{i+1} - phi_i (the signal the law is about; noise relative to phi_i itself would bury it).
 * phi_m, the applied potential, and time stay exact.
 */
export function addNoise(s: SlitSeries, level: number, seed: number): void {
  const rng = new Rng(seed ^ 0x5eed);
  let dsum = 0;
  let dn = 0;
  for (let i = 0; i + 1 < s.phi.length; i++) {
    const a = s.phi[i]!;
    const b = s.phi[i + 1]!;
    for (let r = 0; r < a.length; r++) {
      dsum += (b[r]! - a[r]!) ** 2;
      dn++;
    }
  }
  const dphiRms = Math.sqrt(dsum / Math.max(1, dn));
  const perturb = (a: Float64Array, sigma: number): void => {
    for (let r = 0; r < a.length; r++) a[r] = a[r]! + sigma * rng.normal();
  };
  for (const p of s.phi) perturb(p, level * dphiRms);
  for (const q of s.charge) perturb(q, level * rms(q));
  for (const c of s.current) perturb(c, level * rms(c));
}
