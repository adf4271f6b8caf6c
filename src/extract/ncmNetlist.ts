/**
 * Writes the NCM netlist of an extracted electrode: Ropen/Copen for the open space, then per slit a
 * dynamic trans-slit resistor (controlled by the charge of its upstream capacitor) and Cslit, driven by
 * the CV of the series. Comments say where every value came from.
 */
import type { Extraction } from './extractParameters.js';

export interface OpenSpace {
  ropen: number;
  copen: number;
  /** Where the values came from, for the comments: 'option', 'series metadata' or an assumption. */
  source: string;
}

/** Six significant digits, plain SI (exponent form when needed), as netlist parsers read them. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * How the netlist refers C_slit. The mPNP C_slit is |Q_i| / (phi_m - phi_i) with phi_i the
 * mid-slit potential, which in equilibrium is not 0 but about beta phi_m (overlapping double
 * layers). `linear` puts a VCVS E<k> = beta V(m) in series with each Cslit, so that the circuit node
 * s<k> is phi_i - beta phi_m: it relaxes to 0 V at rest as a circuit node does, and Q_i matches.
 * `polynomial` generalises it to the voltage-dependent charge of the slit in equilibrium,
 * Q_eq(V) = cs k(V) with k(V) = a1 V + a2 V^2 + a3 V^3: each Cslit is a nonlinear capacitor
 * Q = cs k(u / (1 - beta)) of its own voltage u, in series with the same E = beta V(m) as `linear`
 * (`Cslit<k> m p<k> Q={cs*(c1*V + c2*V^2 + c3*V^3)}`, c_j = a_j / (1 - beta)^j), which its
 * downstream RDYN reads its charge from. At rest (s<k> at 0 V, u = (1 - beta) phi_m) it holds the
 * slit's equilibrium charge cs k(phi_m); toward the node its capacitance is cs k'/(1 - beta), about
 * cs at small V (the C_slit the dynamic data give) and falling as the Bikerman layer's does.
 */
export type SlitOffset =
  | { kind: 'linear'; beta: number; source: string }
  | {
      kind: 'polynomial';
      coefficients: [number, number, number];
      source: string;
      /** phi_mid / phi_m of the slit in equilibrium, as in `linear`. */
      beta: number;
      /** rms of the cubic's residual over the points it was fitted to, relative to their largest |k|. */
      fitError: number;
      /** The fitted points (V, k(V) data), for the record. */
      points: number;
    };

export interface NcmNetlistOptions {
  offset?: SlitOffset;
  /** Write a TLM (plain resistors `resistance`) instead of the dynamic resistors. */
  tlm?: { resistance: number; source: string };
  cycles?: number;
  /** `.cv steady=<tol>`: stop when the cycle-to-cycle change is below tol. */
  steady?: number;
  /** `.cv smooth=<s>`: round the inner vertices as the mPNP's `protocol.smoothing` does (the paper's smoothed V_m). */
  smooth?: number;
  /**
   * RC lumps per slit (default 1, the paper's circuit). A long slit holds its charge along the path
   * between its gaps; splitting it into n lumps of R_c/n and C_slit/n lets the charge near the gaps
   * answer first (docs/multiscale.md: 4.69% -> 2.47% rms at n = 2 in the paper's regime).
   */
  lumps?: number;
}

export function ncmNetlist(ex: Extraction, open: OpenSpace, sourceName: string, o: NcmNetlistOptions = {}): string {
  const p = ex.resistance.pooled;
  const L: string[] = [];
  L.push(`${o.tlm ? 'TLM' : 'NCM'} electrode of ${ex.slits} nanoslits extracted from ${sourceName}`);
  L.push(`* written by ncm extract; values in SI units`);
  L.push(`* rc, gamma: pooled fit of dphi_i = I_i rc (1 - gamma Q_i/Q_i^max) over ${ex.slits - 1} trans-slit series, ${p.points} points;`);
  L.push(`*   rc = ${formatNumber(p.rc)} +- ${formatNumber(p.rcStdErr)} ohm, gamma = ${formatNumber(p.gamma)} +- ${formatNumber(p.gammaStdErr)}, relative residual ${formatNumber(p.relativeResidual)}`);
  L.push(`* cs: mean of per-slit linear fits of |Q_i| against |phi_m - phi_i| (spread across slits ${formatNumber(ex.capacitance.spreadAcrossSlits)})`);
  L.push(`* ropen, copen: ${open.source}`);
  for (const w of ex.warnings) L.push(`* WARNING: ${w}`);
  if (o.tlm) L.push(`* TLM: plain trans-slit resistors r = ${formatNumber(o.tlm.resistance)} ohm (${o.tlm.source})`);
  const off = o.offset;
  if (off?.kind === 'linear') L.push(`* Cslit in series with E = beta V(m), beta = ${formatNumber(off.beta)}: ${off.source}`);
  if (off?.kind === 'polynomial') {
    L.push(`* Cslit a nonlinear capacitor Q = cs k(u / (1 - beta)), k(V) = a1 V + a2 V^2 + a3 V^3, in series with E = beta V(m)`);
    L.push(`*   (c_j = a_j / (1 - beta)^j; at rest Q = cs k(phi_m)): ${off.source};`);
    L.push(`*   k: cubic fit through 0 of ${off.points} points, rms residual ${formatNumber(off.fitError)} of the largest |k|`);
  }
  let extra = o.tlm ? ` r=${formatNumber(o.tlm.resistance)}` : '';
  if (off?.kind === 'linear') extra += ` beta=${formatNumber(off.beta)}`;
  if (off?.kind === 'polynomial') {
    extra += ` beta=${formatNumber(off.beta)}` + off.coefficients.map((c, j) => ` a${j + 1}=${formatNumber(c)}`).join('');
    extra += off.coefficients.map((_, j) => ` c${j + 1}={a${j + 1}/(1-beta)^${j + 1}}`).join('');
  }
  L.push(`.param rc=${formatNumber(p.rc)} gamma=${formatNumber(p.gamma)} cs=${formatNumber(ex.capacitance.value)} ropen=${formatNumber(open.ropen)} copen=${formatNumber(open.copen)}${extra}`);
  L.push(`* the sheet potential phi_m, driven by the CV below`);
  L.push('Vm m 0 DC 0');
  L.push('Ropen 0 s0 {ropen}');
  L.push('Copen m s0 {copen}');
  const n = o.lumps ?? 1;
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`lumps must be a whole number >= 1, got ${n}`);
  // n > 1: each slit is a chain of n lumps (R/n, C/n), s<k> its last node
  const part = (name: string): string => (n === 1 ? `{${name}}` : `{${name}/${n}}`);
  if (n > 1) L.push(`* each slit in ${n} lumps: trans-slit resistance and Cslit split in ${n} equal parts along the slit`);
  let upstream = 'Copen';
  let prev = 's0';
  for (let k = 1; k <= ex.slits; k++) {
    for (let l = 1; l <= n; l++) {
      const id = n === 1 ? `${k}` : `${k}_${l}`;
      const node = l === n ? `s${k}` : `s${k}_${l}`;
      if (o.tlm) L.push(`R${id} ${prev} ${node} ${part('r')}`);
      else L.push(`RDYN${id} ${prev} ${node} RC=${part('rc')} GAMMA={gamma} Q=${upstream} QMAX=peak`);
      if (off?.kind === 'linear') L.push(`Cslit${id} m p${id} ${part('cs')}`, `Eoff${id} p${id} ${node} m 0 {beta}`);
      else if (off?.kind === 'polynomial') L.push(`Cslit${id} m p${id} Q={${n === 1 ? 'cs' : `cs/${n}`}*(c1*V + c2*V^2 + c3*V^3)}`, `Eoff${id} p${id} ${node} m 0 {beta}`);
      else L.push(`Cslit${id} m ${node} ${part('cs')}`);
      upstream = `Cslit${id}`;
      prev = node;
    }
  }
  L.push(`* CV from the series' phi_m: start ${formatNumber(ex.cv.v0)} V, vertex ${formatNumber(ex.cv.vmax)} V, median sweep rate${o.smooth ? `; vertices rounded over ${formatNumber(o.smooth)} s either side, as the mPNP's` : ''}`);
  L.push(`.cv Vm ${formatNumber(ex.cv.v0)} ${formatNumber(ex.cv.vmax)} rate=${formatNumber(ex.cv.rate)}V/s cycles=${o.cycles ?? 2}${o.steady ? ` steady=${o.steady}` : ''}${o.smooth ? ` smooth=${formatNumber(o.smooth)}` : ''}`);
  L.push('.end');
  return L.join('\n') + '\n';
}
