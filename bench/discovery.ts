/**
 * Equation discovery figures: Nguyen-1..12 exact recovery over 10 seeds, recovery of the paper's law
 * from synthetic series with 1% noise (evolution and SINDy), extraction accuracy, and interpreter
 * throughput. NCM_BENCH_QUICK=1 runs a short version (fewer seeds and generations); NCM_BENCH_ONLY
 * selects parts.
 */
import { NGUYEN, nguyenData } from '../src/discovery/benchmarks/nguyen.js';
import { isLinearInIAndIQ, lawData } from '../src/discovery/benchmarks/law.js';
import { discover, type DiscoveryOptions } from '../src/discovery/engine.js';
import { predictModel } from '../src/discovery/model.js';
import { sindy } from '../src/discovery/sindy.js';
import { Interpreter } from '../src/discovery/interpreter.js';
import { OP } from '../src/discovery/operators.js';
import { Program, Variation } from '../src/discovery/program.js';
import { Rng } from '../src/numeric/random.js';
import { extractParameters } from '../src/extract/extractParameters.js';
import { generateLadderSeries } from '../src/extract/syntheticSeries.js';

const quick = process.env.NCM_BENCH_QUICK === '1';

/** Settings of the Nguyen runs: the literature's setting (no constants), no linear scaling. */
export const NGUYEN_SETTINGS: Partial<DiscoveryOptions> = {
  operators: ['+', '-', '*', '/', 'sin', 'cos', 'exp', 'log'],
  constants: false,
  linearScaling: false,
  normalize: false,
  islands: 4,
  population: 400,
  generations: 300,
  maxLength: 30,
};

/** Exact recovery: the chosen model matches the target on 1000 dense held-out points to 1e-10 relative. */
function recovered(k: number, seed: number, gens: number): { ok: boolean; text: string; seconds: number; nodes: number } {
  const p = NGUYEN[k]!;
  const d = nguyenData(p, 20, 1000 + seed);
  const r = discover({ names: p.variables > 1 ? ['x', 'y'] : ['x'], features: d.features, target: d.target }, { ...NGUYEN_SETTINGS, seed, generations: gens });
  const test = nguyenData(p, 1000, 99 + seed);
  const pred = predictModel(r.best, test.features);
  let md = 0;
  let mt = 0;
  for (let i = 0; i < pred.length; i++) {
    md = Math.max(md, Math.abs(pred[i]! - test.target[i]!));
    mt = Math.max(mt, Math.abs(test.target[i]!));
  }
  return { ok: md <= 1e-10 * mt, text: r.best.text, seconds: r.elapsedSeconds, nodes: r.nodeEvaluations };
}

function nguyenTable(): void {
  const seeds = quick ? 3 : 10;
  const gens = quick ? 100 : (NGUYEN_SETTINGS.generations ?? 300);
  console.log(`Nguyen benchmarks: exact recovery over ${seeds} seeds (20 points, {+ - * / sin cos exp log}, no constants, ${gens} generations x ${NGUYEN_SETTINGS.islands} islands x ${NGUYEN_SETTINGS.population})`);
  console.log('| problem | formula | recovered | mean s/run |');
  console.log('|---|---|---|---|');
  let total = 0;
  let nodes = 0;
  let secs = 0;
  for (let k = 0; k < NGUYEN.length; k++) {
    let ok = 0;
    let t = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = recovered(k, seed, gens);
      if (r.ok) ok++;
      t += r.seconds;
      nodes += r.nodes;
    }
    secs += t;
    total += ok;
    console.log(`| ${NGUYEN[k]!.name} | ${NGUYEN[k]!.formula} | ${ok}/${seeds} | ${(t / seeds).toFixed(2)} |`);
  }
  console.log(`| **average** | | **${((100 * total) / (seeds * NGUYEN.length)).toFixed(1)}%** | ${(secs / (seeds * NGUYEN.length)).toFixed(2)} |`);
  console.log(`search throughput over these runs: ${(nodes / secs / 1e6).toFixed(1)} M node evaluations/s (20 rows: per-token overhead dominates)`);
}

function lawRecovery(): void {
  const seeds = quick ? 3 : 10;
  console.log(`\nThe paper's law dphi_2 = f(I_2, Q_2) from synthetic series with 1% noise (default operators, 60 s limit per run)`);
  console.log('| seed | evolution: equivalent to c0 I + c1 I Q | s | chosen model | SINDy equivalent |');
  console.log('|---|---|---|---|---|');
  let ok = 0;
  let okS = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const d = lawData(seed);
    const r = discover(d, { seed, generations: quick ? 60 : 150, timeLimit: 60 });
    const eq = isLinearInIAndIQ(r.best, d) && r.elapsedSeconds <= 60;
    const s = sindy(d);
    const eqS = isLinearInIAndIQ(s.best, d);
    if (eq) ok++;
    if (eqS) okS++;
    console.log(`| ${seed} | ${eq ? 'yes' : 'no'} | ${r.elapsedSeconds.toFixed(1)} | ${r.best.text} | ${eqS ? 'yes' : 'no'} |`);
  }
  console.log(`evolution: ${ok}/${seeds} seeds; SINDy: ${okS}/${seeds}`);
}

function extraction(): void {
  const seeds = quick ? 3 : 10;
  let worstRc = 0;
  let worstG = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const ex = extractParameters(generateLadderSeries({ noise: 0.01, seed }).series);
    worstRc = Math.max(worstRc, Math.abs(ex.resistance.pooled.rc / 5 - 1));
    worstG = Math.max(worstG, Math.abs(ex.resistance.pooled.gamma / 0.5 - 1));
  }
  console.log(`\nExtraction from 6-slit synthetic series with 1% noise, ${seeds} seeds: worst relative error R_c ${(100 * worstRc).toFixed(3)}%, gamma ${(100 * worstG).toFixed(3)}%`);
}

function throughput(): void {
  const rows = 1000;
  const rng = new Rng(3);
  const x = Float64Array.from({ length: rows }, () => rng.uniform(0.1, 2));
  const y = Float64Array.from({ length: rows }, () => rng.uniform(0.1, 2));
  const limits = { maxLength: 30, maxDepth: 10, maxConstants: 4 };
  const grammar = { unary: [OP.sin, OP.exp], binary: [OP['+'], OP['-'], OP['*'], OP['/']], variables: 2, constantProbability: 0.2 };
  const v = new Variation(limits, grammar);
  const programs = Array.from({ length: 200 }, () => {
    const p = new Program(limits);
    v.random(rng, p, 6);
    return p;
  });
  const interp = new Interpreter([x, y], 30);
  const t0 = performance.now();
  const reps = quick ? 20 : 100;
  for (let r = 0; r < reps; r++) for (const p of programs) interp.evaluate(p.tokens, p.length, p.consts);
  const s = (performance.now() - t0) / 1000;
  console.log(`\nInterpreter alone, ${rows} rows, random programs over {+ - * / sin exp}: ${(interp.nodeEvaluations / s / 1e6).toFixed(0)} M node evaluations/s`);
}

/** NCM_BENCH_ONLY=throughput,extraction,law,nguyen selects parts (all by default). */
export async function runDiscoveryBench(): Promise<void> {
  const only = (process.env.NCM_BENCH_ONLY ?? 'throughput,extraction,law,nguyen').split(',');
  if (only.includes('throughput')) throughput();
  if (only.includes('extraction')) extraction();
  if (only.includes('law')) lawRecovery();
  if (only.includes('nguyen')) nguyenTable();
}
