/**
 * Symbolic regression by evolution (docs/discovery.md): fixed islands evolve independently and exchange
 * their best programs on a fixed schedule; the archives of the best program at each length are merged,
 * polished and reduced to a Pareto front, from which one model is chosen by a documented rule.
 */
import { Fitness } from './fitness.js';
import { Island, type IslandSettings, type Snapshot } from './island.js';
import { chooseBest, paretoFront, polish, toModel, type DiscoveredModel } from './model.js';
import { OPERATORS, operatorCodes } from './operators.js';
import type { GrammarSpec, ProgramLimits } from './program.js';

export interface DiscoveryOptions {
  operators: string[];
  /** Allow numeric constants in programs (a constant pool per program). */
  constants: boolean;
  /** Fit y ~ a + b f for every candidate. */
  linearScaling: boolean;
  /** Divide every feature and the target by its RMS before the search (the model is given back in user units). */
  normalize: boolean;
  seed: number;
  islands: number;
  population: number;
  generations: number;
  /** Wall-clock limit in seconds (checked at migration boundaries; 0 = none). */
  timeLimit: number;
  /** Stop once the best normalised error is at or below this. */
  targetError: number;
  tournament: number;
  crossoverRate: number;
  parsimony: number;
  migrationInterval: number;
  migrants: number;
  maxLength: number;
  maxDepth: number;
  maxConstants: number;
  optimiseProbability: number;
  optimiseIterations: number;
  /** Rows used by the search (an evenly strided subset when the data are longer; the polish uses all). */
  maxRows: number;
  onProgress?: (p: DiscoveryProgress) => void;
}

export interface DiscoveryProgress {
  generation: number;
  generations: number;
  bestError: number;
  elapsedSeconds: number;
}

export const DEFAULT_DISCOVERY: DiscoveryOptions = {
  operators: ['+', '-', '*', '/', 'sin', 'cos', 'exp', 'log'],
  constants: true,
  linearScaling: true,
  normalize: true,
  seed: 1,
  islands: 4,
  population: 200,
  generations: 200,
  timeLimit: 0,
  targetError: 1e-14,
  tournament: 5,
  crossoverRate: 0.6,
  parsimony: 0.003,
  migrationInterval: 10,
  migrants: 3,
  maxLength: 30,
  maxDepth: 10,
  maxConstants: 6,
  optimiseProbability: 0.1,
  optimiseIterations: 6,
  maxRows: 2000,
};

export interface DiscoveryResult {
  front: DiscoveredModel[];
  best: DiscoveredModel;
  generations: number;
  evaluations: number;
  nodeEvaluations: number;
  elapsedSeconds: number;
  stoppedBy: 'generations' | 'time' | 'target';
}

export interface DiscoveryData {
  names: string[];
  features: Float64Array[];
  target: Float64Array;
}

function rms(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  const r = Math.sqrt(s / a.length);
  return r > 0 && Number.isFinite(r) ? r : 1;
}

/** Evenly strided rows, deterministic. */
function subsample(a: Float64Array, idx: Int32Array): Float64Array {
  return Float64Array.from(idx, (i) => a[i]!);
}

export function discover(data: DiscoveryData, options: Partial<DiscoveryOptions> = {}): DiscoveryResult {
  const o: DiscoveryOptions = { ...DEFAULT_DISCOVERY, ...options };
  const start = performance.now();
  const codes = operatorCodes(o.operators);
  const grammar: GrammarSpec = {
    unary: codes.filter((c) => OPERATORS[c]!.arity === 1),
    binary: codes.filter((c) => OPERATORS[c]!.arity === 2),
    variables: data.features.length,
    constantProbability: o.constants ? 0.2 : 0,
  };
  const limits: ProgramLimits = { maxLength: o.maxLength, maxDepth: o.maxDepth, maxConstants: o.constants ? o.maxConstants : 0 };
  const featureScales = data.features.map((f) => (o.normalize ? rms(f) : 1));
  const targetScale = o.normalize ? rms(data.target) : 1;
  const xs = data.features.map((f, j) => Float64Array.from(f, (v) => v / featureScales[j]!));
  const y = Float64Array.from(data.target, (v) => v / targetScale);
  const n = y.length;
  const m = Math.min(n, o.maxRows);
  const idx = Int32Array.from({ length: m }, (_, k) => Math.floor((k * n) / m));
  const trainX = m === n ? xs : xs.map((c) => subsample(c, idx));
  const trainY = m === n ? y : subsample(y, idx);

  const settings: IslandSettings = {
    population: o.population,
    tournament: o.tournament,
    crossoverRate: o.crossoverRate,
    parsimony: o.parsimony,
    optimiseProbability: o.optimiseProbability,
    optimiseIterations: o.optimiseIterations,
    maxInitDepth: 5,
  };
  const islands = Array.from(
    { length: o.islands },
    (_, i) => new Island(deriveSeed(o.seed, i), new Fitness(trainX, trainY, o.maxLength, Math.max(1, limits.maxConstants), o.linearScaling), limits, grammar, settings),
  );
  let gen = 0;
  let stoppedBy: DiscoveryResult['stoppedBy'] = 'generations';
  const bestError = (): number => Math.min(...islands.map((i) => i.bestError()));
  while (gen < o.generations) {
    const epoch = Math.min(o.migrationInterval, o.generations - gen);
    for (const isl of islands) for (let g = 0; g < epoch; g++) isl.generation();
    gen += epoch;
    if (islands.length > 1 && gen < o.generations) {
      // Ring migration on a fixed schedule: all emigrants are taken before any island receives.
      const out = islands.map((isl) => isl.emigrants(o.migrants));
      islands.forEach((isl, i) => isl.immigrate(out[(i + islands.length - 1) % islands.length]!));
    }
    const be = bestError();
    const elapsed = (performance.now() - start) / 1000;
    o.onProgress?.({ generation: gen, generations: o.generations, bestError: be, elapsedSeconds: elapsed });
    if (be <= o.targetError) {
      stoppedBy = 'target';
      break;
    }
    if (o.timeLimit > 0 && elapsed >= o.timeLimit) {
      stoppedBy = 'time';
      break;
    }
  }

  // Merge the archives: best per length, ties to the lower island index.
  const merged = new Array<Snapshot | undefined>(o.maxLength + 1).fill(undefined);
  for (const isl of islands) {
    isl.archive.forEach((s, len) => {
      if (s && (merged[len] === undefined || s.error < merged[len]!.error)) merged[len] = s;
    });
  }
  const full = new Fitness(xs, y, o.maxLength, Math.max(1, limits.maxConstants), o.linearScaling);
  const models: DiscoveredModel[] = [];
  for (const s of merged) {
    if (!s) continue;
    const p = polish(s, full, limits, o.linearScaling);
    if (Number.isFinite(p.error)) models.push(toModel(p, data.names, featureScales, targetScale, o.linearScaling));
  }
  const front = paretoFront(models);
  const evaluations = islands.reduce((s, i) => s + i.fitness.evaluations, 0);
  const nodeEvaluations = islands.reduce((s, i) => s + i.fitness.interp.nodeEvaluations, 0);
  return {
    front,
    best: chooseBest(front),
    generations: gen,
    evaluations,
    nodeEvaluations,
    elapsedSeconds: (performance.now() - start) / 1000,
    stoppedBy,
  };
}

/** Independent, reproducible seeds per island. */
export function deriveSeed(seed: number, island: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(island + 1, 0x85ebca77)) >>> 0;
}
