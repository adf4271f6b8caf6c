/**
 * The sparse LU alone on the engine's own ladder matrices (issue 12): `refactor` and `solve` of
 * src/numeric/sparseLu.ts, ns per unknown per call. The TLM and NCM half-cell ladders of
 * bench/tridiagonal.ts (R_c = 5 ohm, 0.08 uF) are assembled by the engine (`Mna`) at 64 seeded
 * node-voltage sets and step sizes (ag0 = 1/h, h from 0.1 to 20 ns), factored once, then refactored
 * and solved (dense seeded right-hand sides) over those sets in turn: every refactor sees new
 * values, as in a nonlinear or variable-step run. CPU time (user + sys), best of the rounds.
 * Environment: NCM_LU_LAYERS=1000,10000 (default); NCM_LU_MODULE=<path to a built sparseLu.js> times
 * another tree's SparseLu on the same matrices (before/after comparisons).
 */
import { loadavg } from 'node:os';
import { buildLadder } from '../src/electrode/ladder.js';
import { Mna } from '../src/engine/mna.js';
import type { CscMatrix } from '../src/numeric/csc.js';
import { Rng } from '../src/numeric/random.js';
import { SparseLu } from '../src/numeric/sparseLu.js';

const SETS = 64;
const ROUNDS = 9;

/** The part of SparseLu this bench drives (another tree's class has the same shape). */
interface Lu {
  factor(values: Float64Array): number;
  refactor(values: Float64Array): boolean;
  solve(b: Float64Array, out: Float64Array): void;
}
type LuClass = new (a: CscMatrix, q: Int32Array) => Lu;

function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

interface LuFigures {
  refactorNs: number;
  solveNs: number;
}

/** ns per unknown of one refactor and one solve on the ladder's matrices (best of ROUNDS). */
export function measureLu(Cls: LuClass, layers: number, gamma: number): LuFigures {
  const cs = 0.08e-6 / layers;
  const mna = new Mna(buildLadder({ layers, rc: 5, cTotal: 0.08e-6, gamma, qmax: cs * 0.2, file: `<lu N=${layers}>` }));
  const n = mna.n;
  const rng = new Rng(layers + 17);
  const x = new Float64Array(n + 1);
  const values: Float64Array[] = [];
  const rhs: Float64Array[] = [];
  for (let k = 0; k < SETS; k++) {
    mna.ag0 = 1 / (1e-10 * 200 ** (k / (SETS - 1)));
    for (let i = 0; i < n; i++) x[i] = 0.2 * rng.next();
    mna.assemble(x);
    values.push(mna.a.slice());
    // A dense right-hand side, as a step's (every capacitor's history current is in it).
    rhs.push(Float64Array.from({ length: n + 1 }, (_, i) => (i < n ? rng.next() - 0.5 : 0)));
  }
  const lu = new Cls(mna.matrix, mna.lu.q);
  if (lu.factor(values[0]!) >= 0) throw new Error('bench/sparseLu.ts: the ladder matrix is singular');
  const b = new Float64Array(n + 1);
  const out = new Float64Array(n + 1);
  const reps = Math.max(1, Math.round(400_000 / (n * SETS)));
  let refactorNs = Infinity;
  let solveNs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = cpuNs();
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < SETS; k++) if (!lu.refactor(values[k]!)) throw new Error('bench/sparseLu.ts: a pivot became too small');
    }
    refactorNs = Math.min(refactorNs, (cpuNs() - t0) / (reps * SETS * n));
    t0 = cpuNs();
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < SETS; k++) {
        b.set(rhs[k]!);
        lu.solve(b, out);
      }
    }
    solveNs = Math.min(solveNs, (cpuNs() - t0) / (reps * SETS * n));
  }
  return { refactorNs, solveNs };
}

export async function runSparseLuBench(): Promise<void> {
  const sizes = (process.env.NCM_LU_LAYERS ?? '1000,10000').split(',').map(Number);
  const path = process.env.NCM_LU_MODULE;
  const Cls: LuClass = path ? ((await import(path)) as { SparseLu: LuClass }).SparseLu : SparseLu;
  console.log(`  load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}; SparseLu from ${path ?? 'src/numeric/sparseLu.ts'}; ${SETS} engine-assembled value sets, CPU, best of ${ROUNDS} rounds`);
  console.log('  model  N       refactor ns/unknown  solve ns/unknown (b copied in)');
  measureLu(Cls, 50, 0.5); // warm-up: both paths compiled before the first figure
  for (const layers of sizes) {
    for (const [model, gamma] of [['TLM', 0], ['NCM', 0.5]] as const) {
      const f = measureLu(Cls, layers, gamma);
      console.log(`  ${model.padEnd(5)}  ${String(layers).padEnd(6)}  ${f.refactorNs.toFixed(1).padStart(19)}  ${f.solveNs.toFixed(1).padStart(16)}`);
    }
  }
}
