/**
 * Equation discovery figures: exact recovery on Nguyen-1..12 and a Feynman subset at noise 0, 0.01
 * and 0.1 (SRBench's rule), the paper's law from synthetic series and from the mPNP tables of the
 * multiscale chain, extraction accuracy, and interpreter throughput. NCM_BENCH_QUICK=1 runs a short
 * version; NCM_BENCH_ONLY selects parts; NCM_BENCH_SEEDS, NCM_BENCH_NOISE, NCM_BENCH_PROBLEMS and
 * NCM_BENCH_TIME (seconds per run) set the recovery grid (docs/discovery.md, "Benchmarks").
 */
import { NGUYEN, nguyenData } from '../src/discovery/benchmarks/nguyen.js';
import { isLinearInIAndIQ, lawData } from '../src/discovery/benchmarks/law.js';
import { discover, type DiscoveryData, type DiscoveryOptions, type DiscoveryResult } from '../src/discovery/engine.js';
import { FEYNMAN, addNoise, feynmanData } from '../src/discovery/benchmarks/feynman.js';
import { symbolicSolution } from '../src/discovery/benchmarks/judge.js';
import { sindy } from '../src/discovery/sindy.js';
import type { DiscoveredModel } from '../src/discovery/model.js';
import { readNumericCsv, tableColumn } from '../src/io/tableCsv.js';
import { join } from 'node:path';
import { Interpreter } from '../src/discovery/interpreter.js';
import { OP } from '../src/discovery/operators.js';
import { Program, Variation } from '../src/discovery/program.js';
import { Rng } from '../src/numeric/random.js';
import { extractParameters } from '../src/extract/extractParameters.js';
import { generateLadderSeries } from '../src/extract/syntheticSeries.js';

const quick = process.env.NCM_BENCH_QUICK === '1';

/** Environment of the recovery grids (docs/discovery.md, "Benchmarks"): seeds, noise levels, problems, time cap. */
const env = process.env;
const gridSeeds = Number(env.NCM_BENCH_SEEDS ?? (quick ? 2 : 10));
const gridNoise = (env.NCM_BENCH_NOISE ?? '0,0.01,0.1').split(',').map(Number);
const gridProblems = env.NCM_BENCH_PROBLEMS?.split(',').map((s) => s.trim());
/** CPU seconds per run (the search stops at the first migration boundary after it). */
const gridTime = Number(env.NCM_BENCH_TIME ?? 60);

/** Settings of the Nguyen runs: the literature's setting (no constants), no linear scaling. */
export const NGUYEN_SETTINGS: Partial<DiscoveryOptions> = {
  operators: ['+', '-', '*', '/', 'sin', 'cos', 'exp', 'log'],
  constants: false,
  linearScaling: false,
  normalize: false,
  islands: 4,
  population: 400,
  generations: 100000,
  patience: 200,
  restartOnStagnation: true,
  maxLength: 30,
};

/** Settings of the Feynman runs: constants, linear scaling, normalisation (the defaults) and these operators. */
export const FEYNMAN_SETTINGS: Partial<DiscoveryOptions> = {
  operators: ['+', '-', '*', '/', 'sin', 'cos', 'exp', 'log', 'sqrt', 'square'],
  islands: 4,
  population: 200,
  generations: 100000,
  patience: 100,
  restartOnStagnation: true,
  alwaysOptimiseLength: 12,
};

interface RunOutcome {
  ok: boolean;
  text: string;
  cpu: number;
  wall: number;
}

/** CPU seconds of this process (user + system) since the clock was made: the machine is shared. */
function cpuClock(): () => number {
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
}

/** One seeded run, limited and timed in CPU seconds of this process. */
function timedRun(data: DiscoveryData, options: Partial<DiscoveryOptions>, judge: (r: DiscoveryResult) => boolean): RunOutcome {
  const c0 = process.cpuUsage();
  const r = discover(data, { ...options, timeLimit: gridTime, clock: cpuClock() });
  const c = process.cpuUsage(c0);
  return { ok: judge(r), text: r.best.text, cpu: (c.user + c.system) / 1e6, wall: r.elapsedSeconds };
}

/** Points of a box for the judge. */
function boxPoints(ranges: ReadonlyArray<[number, number]>, count: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => ranges.map(([lo, hi]) => rng.uniform(lo, hi)));
}

interface GridRow {
  name: string;
  formula: string;
  ok: number[];
  runs: number;
  cpu: number[];
}

function printGrid(title: string, rows: GridRow[]): void {
  console.log(title);
  console.log(`| problem | formula | ${gridNoise.map((n) => `noise ${n}`).join(' | ')} | mean / max CPU s per run |`);
  console.log(`|---|---|${gridNoise.map(() => '---|').join('')}---|`);
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.formula} | ${r.ok.map((k) => `${k}/${r.runs}`).join(' | ')} | ${(r.cpu.reduce((a, b) => a + b, 0) / r.cpu.length).toFixed(1)} / ${Math.max(...r.cpu).toFixed(1)} |`);
  }
  const totals = gridNoise.map((_, k) => rows.reduce((s, r) => s + r.ok[k]!, 0) / Math.max(1, rows.reduce((s, r) => s + r.runs, 0)));
  const cpu = rows.flatMap((r) => r.cpu);
  console.log(`| **exact recovery** | | ${totals.map((t) => `**${(100 * t).toFixed(1)}%**`).join(' | ')} | ${(cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length)).toFixed(1)} / ${Math.max(0, ...cpu).toFixed(1)} |`);
}

function nguyenTable(): void {
  const rows: GridRow[] = [];
  for (const p of NGUYEN) {
    if (gridProblems && !gridProblems.includes(p.name)) continue;
    const row: GridRow = { name: p.name, formula: p.formula, ok: gridNoise.map(() => 0), runs: gridSeeds, cpu: [] };
    const ranges = Array.from({ length: p.variables }, () => p.range);
    const truth = (x: readonly number[]): number => p.f(x[0]!, x[1] ?? 0);
    gridNoise.forEach((noise, k) => {
      for (let seed = 1; seed <= gridSeeds; seed++) {
        const d = nguyenData(p, 20, 1000 + seed);
        const target = addNoise(d.target, noise, new Rng(5000 + seed));
        const names = p.variables > 1 ? ['x', 'y'] : ['x'];
        const points = boxPoints(ranges, 300, 99 + seed);
        const out = timedRun({ names, features: d.features, target }, { ...NGUYEN_SETTINGS, seed }, (r) => symbolicSolution(r.best, truth, points));
        if (out.ok) row.ok[k]!++;
        row.cpu.push(out.cpu);
        if (env.NCM_BENCH_VERBOSE) console.log(`  ${p.name} noise ${noise} seed ${seed}: ${out.ok ? 'exact' : 'no'} ${out.cpu.toFixed(1)} s CPU  ${out.text}`);
      }
    });
    rows.push(row);
  }
  printGrid(`Nguyen-1..12: exact recovery (SRBench rule, judge.ts), ${gridSeeds} seed(s), 20 points, {+ - * / sin cos exp log}, no constants, islands restarted after ${NGUYEN_SETTINGS.patience} generations without progress, ${NGUYEN_SETTINGS.islands} islands x ${NGUYEN_SETTINGS.population}, ${gridTime} s CPU cap per run`, rows);
}

function feynmanTable(): void {
  const rows: GridRow[] = [];
  for (const p of FEYNMAN) {
    if (gridProblems && !gridProblems.includes(p.name)) continue;
    const row: GridRow = { name: p.name, formula: p.formula, ok: gridNoise.map(() => 0), runs: gridSeeds, cpu: [] };
    gridNoise.forEach((noise, k) => {
      for (let seed = 1; seed <= gridSeeds; seed++) {
        const d = feynmanData(p, 500, 2000 + seed, noise);
        const points = boxPoints(p.ranges, 300, 77 + seed);
        const out = timedRun({ names: p.variables, features: d.features, target: d.target }, { ...FEYNMAN_SETTINGS, seed }, (r) => symbolicSolution(r.best, p.f, points));
        if (out.ok) row.ok[k]!++;
        row.cpu.push(out.cpu);
        if (env.NCM_BENCH_VERBOSE) console.log(`  ${p.name} noise ${noise} seed ${seed}: ${out.ok ? 'exact' : 'no'} ${out.cpu.toFixed(1)} s CPU  ${out.text}`);
      }
    });
    rows.push(row);
  }
  printGrid(`\nFeynman (${FEYNMAN.length} problems with <= 4 variables, feynman.ts): exact recovery (SRBench rule), ${gridSeeds} seed(s), 500 points, {${FEYNMAN_SETTINGS.operators!.join(' ')}}, constants tuned up to ${FEYNMAN_SETTINGS.alwaysOptimiseLength} tokens, restarts after ${FEYNMAN_SETTINGS.patience} generations without progress, ${FEYNMAN_SETTINGS.islands} islands x ${FEYNMAN_SETTINGS.population}, ${gridTime} s CPU cap per run`, rows);
}

const LAW_UNITS = { features: ['A', 'C'], target: 'V' };
/** The paper's form: linear in {I, I Q} and Q actually present (a plain resistor is not the law). */
const paperForm = (m: DiscoveredModel, d: DiscoveryData): boolean => isLinearInIAndIQ(m, d) && /Q/.test(m.text);

/**
 * The pick on the synthetic law at noise 0 to 5% and on the mPNP tables of the multiscale chain
 * (d = 1.5, 2, 3 nm, trans-slit 2, test/discovery/fixtures), with units, default settings, 150 generations.
 */
function lawRecovery(): void {
  const seeds = Number(env.NCM_BENCH_LAW_SEEDS ?? (quick ? 2 : 10));
  console.log(`\nThe paper's law dphi_2 = f(I_2, Q_2): is the picked model I (c0 + c1 Q)? ${seeds} seed(s), default settings, units A, C -> V, 150 generations`);
  console.log('| data | picked (evolution) | SINDy picks it | mean s/run | last picked model |');
  console.log('|---|---|---|---|---|');
  const cases: Array<{ name: string; data: DiscoveryData }> = [];
  for (const noise of [0, 0.01, 0.02, 0.05]) cases.push({ name: `synthetic, noise ${noise}`, data: lawData(1, noise) });
  for (const d of ['1.5', '2', '3']) {
    const t = readNumericCsv(join(process.cwd(), `test/discovery/fixtures/mpnp-d${d}-slit2.csv`));
    cases.push({ name: `mPNP d = ${d} nm`, data: { names: ['I_2', 'Q_2'], features: [tableColumn(t, 'I_2'), tableColumn(t, 'Q_2')], target: tableColumn(t, 'dphi_2') } });
  }
  for (const c of cases) {
    let ok = 0;
    let secs = 0;
    let last = '';
    for (let seed = 1; seed <= seeds; seed++) {
      const data = c.name.startsWith('synthetic') ? lawData(seed, Number(c.name.split(' ').pop())) : c.data;
      const r = discover(data, { seed, generations: 150, timeLimit: gridTime, clock: cpuClock(), units: LAW_UNITS });
      if (paperForm(r.best, data)) ok++;
      secs += r.elapsedSeconds;
      last = `${r.best.text} (score ${r.selection.score.toFixed(2)})`;
    }
    const s = sindy(c.data);
    console.log(`| ${c.name} | ${ok}/${seeds} | ${paperForm(s.best, c.data) ? 'yes' : 'no'} | ${(secs / seeds).toFixed(1)} | ${last} |`);
  }
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
  const only = (process.env.NCM_BENCH_ONLY ?? 'throughput,extraction,law,nguyen,feynman').split(',');
  if (only.includes('throughput')) throughput();
  if (only.includes('extraction')) extraction();
  if (only.includes('law')) lawRecovery();
  if (only.includes('nguyen')) nguyenTable();
  if (only.includes('feynman')) feynmanTable();
}
