/**
 * The yardstick of issue 12: the least work a BDF2/Newton integrator can do per step on the NCM and
 * TLM half-cell ladders, in plain JS on typed arrays, beside the engine's own cost on the same decks.
 *
 * With the rail m driven by the CV source, the slit voltages s0..sN are the only unknowns and the
 * Jacobian is tridiagonal (RDYN k couples s(k-1), s(k), and its controlling capacitor's charge,
 * which depends on s(k-1) only). Per Newton iteration the yardstick evaluates the currents and
 * their derivatives, solves the tridiagonal system (Thomas) and applies the SPICE convergence test.
 * It replays the engine's accepted time points (same step sequence, same 20 ns cap): backward Euler
 * on the first step after a breakpoint, variable-step BDF2 after, the engine's linear predictor, and
 * the engine's tolerances; the cell current it gives is compared with the engine's, so the two do
 * the same job. Printed: ns per unknown per Newton iteration of both, and their ratio.
 * Environment: NCM_KERNEL_LAYERS=6,50,200,1000,10000 (default).
 */
import { runCv } from '../src/analyses/cv.js';
import type { CvAnalysis } from '../src/circuit/circuit.js';
import { buildLadder } from '../src/electrode/ladder.js';

const RC = 5;
const C_TOTAL = 0.08e-6;
const V_VERTEX = 0.2;
const RATE = 2e4;
const CYCLES = 2;
const TMAX = 20e-9;
const FACTOR_FLOOR = 1e-2;
const CV: CvAnalysis = { kind: 'cv', source: 'vm', vStart: 0, vVertex: V_VERTEX, vEnd: 0, rate: RATE, cycles: CYCLES, loc: { file: '<bench>', line: 1, column: 1 } };

export interface LadderDeck {
  layers: number;
  gamma: number;
}

/** The engine's options for both sides: BDF2 (the default), its tolerances, the 20 ns cap. */
const RELTOL = 1e-3;
const VNTOL = 1e-6;

function deck(d: LadderDeck) {
  const cs = C_TOTAL / d.layers;
  return buildLadder({ layers: d.layers, rc: RC, cTotal: C_TOTAL, gamma: d.gamma, qmax: cs * V_VERTEX, options: { tmax: TMAX }, file: `<kernels N=${d.layers}>` });
}

/** The CV triangle 0 -> 0.2 V -> 0, `CYCLES` times. */
function railVoltage(t: number): number {
  const half = V_VERTEX / RATE;
  const u = t % (2 * half);
  return u <= half ? RATE * u : V_VERTEX - RATE * (u - half);
}

export interface YardstickRun {
  /** Cell current i(vm) at each time point: the current the source delivers, the capacitors' charging current. */
  current: Float64Array;
  iterations: number;
  /** CPU nanoseconds (user + sys) of the integration loop. */
  ns: number;
}

/**
 * Integrates the ladder over the given time points (times[0] = 0, all unknowns 0 there), restarting
 * with backward Euler after every time in `restarts` (the CV's corners).
 */
export function tridiagonalCv(d: LadderDeck, times: Float64Array, restarts: number[]): YardstickRun {
  const N = d.layers;
  const n = N + 1; // s0..sN
  const cs = C_TOTAL / N;
  const qmax = cs * V_VERTEX;
  const invQmax = 1 / qmax;
  const gOpen = 1; // Ropen = 1 ohm
  const gamma = d.gamma;
  const nonlinear = gamma !== 0;
  // Capacitor k sits between m and s_k: C(0) = Copen = cs/2, C(k) = cs.
  const cap = new Float64Array(n).fill(cs);
  cap[0] = cs / 2;
  const v = new Float64Array(n);
  const vPrev = new Float64Array(n);
  const vNew = new Float64Array(n);
  const q1 = new Float64Array(n);
  const q2 = new Float64Array(n);
  const hist = new Float64Array(n);
  const dia = new Float64Array(n);
  const low = new Float64Array(n);
  const up = new Float64Array(n);
  const rhs = new Float64Array(n);
  const cp = new Float64Array(n);
  const current = new Float64Array(times.length);
  const isRestart = new Uint8Array(times.length);
  for (const r of restarts) {
    let j = 0;
    while (j < times.length - 1 && Math.abs(times[j]! - r) > 1e-15) j++;
    if (Math.abs(times[j]! - r) <= 1e-15) isRestart[j] = 1;
  }
  isRestart[0] = 1;
  let iterations = 0;
  const t0 = cpuNs();
  let points = 1;
  for (let j = 1; j < times.length; j++) {
    const t = times[j]!;
    const h = t - times[j - 1]!;
    if (isRestart[j - 1]) points = 1;
    const vm = railVoltage(t);
    // dq/dt = ag0 q + hist (the engine's formulas).
    let ag0: number;
    if (points < 2) {
      ag0 = 1 / h;
      const c1 = -1 / h;
      for (let k = 0; k < n; k++) hist[k] = c1 * q1[k]!;
    } else {
      const rho = h / (times[j - 1]! - times[j - 2]!);
      ag0 = (1 + 2 * rho) / ((1 + rho) * h);
      const c1 = -(1 + rho) / h;
      const c2 = (rho * rho) / ((1 + rho) * h);
      for (let k = 0; k < n; k++) hist[k] = c1 * q1[k]! + c2 * q2[k]!;
    }
    // Predictor: linear extrapolation within the segment.
    if (points >= 2) {
      const r = h / (times[j - 1]! - times[j - 2]!);
      for (let k = 0; k < n; k++) vNew[k] = v[k]! + r * (v[k]! - vPrev[k]!);
    } else vNew.set(v);
    vPrev.set(v);
    let converged = false;
    for (let it = 0; it < 20 && !converged; it++) {
      iterations++;
      // Residual F (currents leaving each s_k) and its tridiagonal Jacobian.
      // Capacitor k: q = C (vm - v_k); leaving s_k: -dq/dt; d/dv_k: + ag0 C.
      for (let k = 0; k < n; k++) {
        const c = cap[k]!;
        const q = c * (vm - vNew[k]!);
        rhs[k] = -(ag0 * q + hist[k]!);
        dia[k] = ag0 * c;
        low[k] = 0;
        up[k] = 0;
      }
      rhs[0] += gOpen * vNew[0]!;
      dia[0] += gOpen;
      // Resistor k (1..N) from s(k-1) to s(k), controlled by capacitor k-1.
      for (let k = 1; k < n; k++) {
        const va = vNew[k - 1]!;
        const vd = va - vNew[k]!;
        let gd: number;
        let di: number; // d i / d v(k-1) through the charge
        if (nonlinear) {
          const q = cap[k - 1]! * (vm - va);
          let f = 1 - gamma * Math.abs(q) * invQmax;
          let dfdq = -gamma * Math.sign(q) * invQmax;
          if (f < FACTOR_FLOOR) {
            f = FACTOR_FLOOR;
            dfdq = 0;
          }
          gd = 1 / (RC * f);
          // i = vd / (RC f): di/dq = -vd dfdq / (RC f^2); dq/dv(k-1) = -C(k-1).
          di = vd * gd * gd * RC * dfdq * cap[k - 1]!;
        } else {
          gd = 1 / RC;
          di = 0;
        }
        const i = vd * gd;
        rhs[k - 1] += i;
        rhs[k] -= i;
        dia[k - 1] += gd + di;
        up[k - 1] -= gd;
        low[k] -= gd + di;
        dia[k] += gd;
      }
      // Thomas: J dx = -F.
      let beta = dia[0]!;
      cp[0] = up[0]! / beta;
      rhs[0] = -rhs[0]! / beta;
      for (let k = 1; k < n; k++) {
        beta = dia[k]! - low[k]! * cp[k - 1]!;
        cp[k] = up[k]! / beta;
        rhs[k] = (-rhs[k]! - low[k]! * rhs[k - 1]!) / beta;
      }
      for (let k = n - 2; k >= 0; k--) rhs[k] -= cp[k]! * rhs[k + 1]!;
      let ok = true;
      for (let k = 0; k < n; k++) {
        const a = vNew[k]! + rhs[k]!;
        const b = vNew[k]!;
        if (Math.abs(a - b) > RELTOL * Math.max(Math.abs(a), Math.abs(b)) + VNTOL) ok = false;
        vNew[k] = a;
      }
      converged = !nonlinear || (ok && it > 0);
    }
    if (!converged) throw new Error(`yardstick: Newton did not converge at t = ${t}`);
    v.set(vNew);
    q2.set(q1);
    let i = 0;
    for (let k = 0; k < n; k++) {
      const q = cap[k]! * (vm - v[k]!);
      i += ag0 * q + hist[k]!;
      q1[k] = q;
    }
    current[j] = i;
    points++;
  }
  const ns = cpuNs() - t0;
  return { current, iterations, ns };
}

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

export interface KernelFigures {
  model: string;
  layers: number;
  steps: number;
  engineIterations: number;
  engineNsPerUnknownIteration: number;
  yardIterations: number;
  yardNsPerUnknownIteration: number;
  /** max |i_engine - i_yardstick| / max |i_engine| over the engine's accepted points. */
  agreement: number;
}

/** One deck: the engine (best of `repeat` runs, CPU), then the yardstick on its time points. */
export function measureDeck(d: LadderDeck, repeat: number): KernelFigures {
  let best = Infinity;
  let r: ReturnType<typeof runCv> | undefined;
  for (let k = 0; k < repeat; k++) {
    const c = deck(d);
    const c0 = cpuNs();
    r = runCv(c, CV, { record: 'minimal' });
    best = Math.min(best, cpuNs() - c0);
  }
  const w = r!.waveforms!;
  const times = w.columns[0]!;
  const iEngine = w.columns[w.labels.indexOf('i(vm)')]!;
  const half = V_VERTEX / RATE;
  const restarts = Array.from({ length: 2 * CYCLES }, (_, k) => (k + 1) * half);
  let yard: YardstickRun | undefined;
  for (let k = 0; k < Math.max(repeat, 3); k++) {
    const y = tridiagonalCv(d, times, restarts);
    if (!yard || y.ns < yard.ns) yard = y;
  }
  let worst = 0;
  let peak = 0;
  for (let j = 1; j < times.length; j++) {
    worst = Math.max(worst, Math.abs(iEngine[j]! - yard!.current[j]!));
    peak = Math.max(peak, Math.abs(iEngine[j]!));
  }
  const unknowns = d.layers + 3; // m, s0..sN, i(vm)
  const st = r!.stats!;
  return {
    model: d.gamma === 0 ? 'TLM' : 'NCM',
    layers: d.layers,
    steps: st.steps,
    engineIterations: st.newtonIterations,
    engineNsPerUnknownIteration: best / (unknowns * st.newtonIterations),
    yardIterations: yard!.iterations,
    yardNsPerUnknownIteration: yard!.ns / ((d.layers + 1) * yard!.iterations),
    agreement: worst / peak,
  };
}

export async function runKernelsBench(): Promise<void> {
  const sizes = (process.env.NCM_KERNEL_LAYERS ?? '6,50,200,1000,10000').split(',').map(Number);
  const { loadavg } = await import('node:os');
  // Warm-up: both sides compiled before the first figure.
  measureDeck({ layers: 50, gamma: 0.5 }, 1);
  measureDeck({ layers: 50, gamma: 0 }, 1);
  console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; 2 CV cycles 0 -> 0.2 V at 20 mV/us, R_c 5 ohm, 0.08 uF, BDF2, reltol 1e-3, step cap 20 ns`);
  console.log('  engine: CPU of runCv (best of 3 for N <= 1000); yardstick: tridiagonal BDF2/Newton on the engine\'s time points (best of 3)');
  console.log('  model  N       steps  engine iters  engine ns/unk/iter  yard iters  yard ns/unk/iter  engine/yard  |i_eng - i_yard|/peak');
  for (const n of sizes) {
    for (const gamma of [0.5, 0]) {
      const f = measureDeck({ layers: n, gamma }, n <= 1000 ? 3 : 1);
      console.log(
        `  ${f.model.padEnd(5)}  ${String(n).padEnd(6)}  ${String(f.steps).padStart(5)}  ${String(f.engineIterations).padStart(12)}  ${f.engineNsPerUnknownIteration.toFixed(1).padStart(18)}  ` +
          `${String(f.yardIterations).padStart(10)}  ${f.yardNsPerUnknownIteration.toFixed(1).padStart(16)}  ${(f.engineNsPerUnknownIteration / f.yardNsPerUnknownIteration).toFixed(2).padStart(11)}  ${f.agreement.toExponential(2).padStart(21)}`,
      );
    }
  }
}
