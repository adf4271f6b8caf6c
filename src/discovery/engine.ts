/**
 * Symbolic regression by evolution (docs/discovery.md): fixed islands evolve independently and exchange
 * their best programs on a fixed schedule; the archives of the best program at each length are merged,
 * polished and reduced to a Pareto front, from which one model is chosen by a documented rule.
 */
import { Fitness } from './fitness.js';
import { Island, type IslandSettings, type Snapshot } from './island.js';
import { DEFAULT_DISCOVERY } from './defaults.js';
import { paretoFront, polish, selectModel, toModel, type DiscoveredModel, type Selection } from './model.js';
import { OPERATORS, operatorCodes } from './operators.js';
import type { GrammarSpec, ProgramLimits } from './program.js';
import { DimensionChecker, parseUnit, type Dimension } from './units.js';

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
  /** Time limit in seconds of `clock` (checked at migration boundaries; 0 = none). */
  timeLimit: number;
  /** Seconds elapsed since the search began; default wall clock. A benchmark passes CPU time here. */
  clock?: () => number;
  /** Stagnation: the best error has not improved by 1e-6 relative for this many generations (0 = never). */
  patience: number;
  /** On stagnation, restart every island but its best programs (true) or stop (false). */
  restartOnStagnation: boolean;
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
  /** Programs up to this many tokens always get a constant optimisation. */
  alwaysOptimiseLength: number;
  /** Rows used by the search (an evenly strided subset when the data are longer; the polish uses all). */
  maxRows: number;
  /** Units of the features and the target (unit strings, see units.ts); absent: no dimensional check. */
  units?: { features: string[]; target: string };
  /** How dimensionally inconsistent programs are treated (docs/discovery.md, "Units"). */
  unitsMode: 'constraint' | 'penalty';
  unitsPenalty: number;
  /** Window of the knee rule: candidates have loss <= window * the smallest (model.ts, selectModel). */
  selectionWindow: number;
  onProgress?: (p: DiscoveryProgress) => void;
}

export interface DiscoveryProgress {
  generation: number;
  generations: number;
  bestError: number;
  elapsedSeconds: number;
}

export { DEFAULT_DISCOVERY } from './defaults.js';

export interface DiscoveryResult {
  front: DiscoveredModel[];
  best: DiscoveredModel;
  /** How `best` was picked from the front (its score and the rule's window). */
  selection: Selection;
  generations: number;
  evaluations: number;
  nodeEvaluations: number;
  elapsedSeconds: number;
  stoppedBy: 'generations' | 'time' | 'target' | 'stagnation';
}

export interface DiscoveryData {
  names: string[];
  features: Float64Array[];
  target: Float64Array;
}

/** Root mean square; on overflow (data near 1e308) or underflow, computed on values divided by the largest |value|. */
function rms(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  const r = Math.sqrt(s / a.length);
  if (r > 1e-150 && Number.isFinite(r)) return r;
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  if (!(m > 0 && Number.isFinite(m))) return 1;
  let t = 0;
  for (const v of a) t += (v / m) * (v / m);
  const scaled = m * Math.sqrt(t / a.length);
  return scaled > 0 && Number.isFinite(scaled) ? scaled : 1;
}

/** Evenly strided rows, deterministic. */
function subsample(a: Float64Array, idx: Int32Array): Float64Array {
  return Float64Array.from(idx, (i) => a[i]!);
}

/** Everything an island needs, computed identically on the main thread and in worker threads. */
export interface PreparedProblem {
  o: DiscoveryOptions;
  grammar: GrammarSpec;
  limits: ProgramLimits;
  settings: IslandSettings;
  featureScales: number[];
  targetScale: number;
  xs: Float64Array[];
  y: Float64Array;
  trainX: Float64Array[];
  trainY: Float64Array;
  dimensions?: { features: Dimension[]; target: Dimension };
}

export function prepareProblem(data: DiscoveryData, options: Partial<DiscoveryOptions>): PreparedProblem {
  const o: DiscoveryOptions = { ...DEFAULT_DISCOVERY, ...options };
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
    alwaysOptimiseLength: o.alwaysOptimiseLength,
    maxInitDepth: 5,
    unitsMode: o.unitsMode,
    unitsPenalty: o.unitsPenalty,
  };
  let dimensions: PreparedProblem['dimensions'];
  if (o.units) {
    if (o.units.features.length !== data.features.length) throw new RangeError(`units: ${o.units.features.length} feature units for ${data.features.length} features`);
    dimensions = { features: o.units.features.map(parseUnit), target: parseUnit(o.units.target) };
  }
  return { o, grammar, limits, settings, featureScales, targetScale, xs, y, trainX, trainY, dimensions };
}

export function createIsland(p: PreparedProblem, index: number): Island {
  const fitness = new Fitness(p.trainX, p.trainY, p.o.maxLength, Math.max(1, p.limits.maxConstants), p.o.linearScaling);
  return new Island(deriveSeed(p.o.seed, index), fitness, p.limits, p.grammar, p.settings, unitChecker(p));
}

function unitChecker(p: PreparedProblem): DimensionChecker | undefined {
  return p.dimensions ? new DimensionChecker(p.dimensions.features, p.dimensions.target, p.o.maxLength) : undefined;
}

/** What the driver needs from islands, wherever they run (here or in worker threads). */
export interface IslandGroup {
  /** Runs `generations` on every island; returns each island's best error. */
  epoch(generations: number): Promise<number[]> | number[];
  emigrants(k: number): Promise<Snapshot[][]> | Snapshot[][];
  immigrate(lists: Snapshot[][]): Promise<void> | void;
  restart(keep: number): Promise<void> | void;
  archives(): Promise<IslandReport[]> | IslandReport[];
}

export interface IslandReport {
  archive: Array<Snapshot | undefined>;
  evaluations: number;
  nodeEvaluations: number;
}

/** The fixed schedule: epochs of `migrationInterval` generations, ring migration, stop checks. */
function* schedule(o: DiscoveryOptions, start: number): Generator<
  { kind: 'epoch'; generations: number } | { kind: 'migrate' } | { kind: 'restart' } | { kind: 'check'; generation: number },
  DiscoveryResult['stoppedBy'],
  number[]
> {
  let gen = 0;
  let record = Infinity;
  let since = 0;
  while (gen < o.generations) {
    const epoch = Math.min(o.migrationInterval, o.generations - gen);
    const best = yield { kind: 'epoch', generations: epoch };
    gen += epoch;
    if (o.islands > 1 && gen < o.generations) yield { kind: 'migrate' };
    const be = Math.min(...best);
    const elapsed = o.clock ? o.clock() : (performance.now() - start) / 1000;
    o.onProgress?.({ generation: gen, generations: o.generations, bestError: be, elapsedSeconds: elapsed });
    yield { kind: 'check', generation: gen };
    if (be <= o.targetError) return 'target';
    if (o.timeLimit > 0 && elapsed >= o.timeLimit) return 'time';
    if (be < record * (1 - 1e-6)) {
      record = be;
      since = 0;
    } else since += epoch;
    if (o.patience > 0 && since >= o.patience) {
      if (!o.restartOnStagnation) return 'stagnation';
      since = 0;
      yield { kind: 'restart' };
    }
  }
  return 'generations';
}

function localGroup(islands: Island[]): IslandGroup {
  return {
    epoch: (g) => islands.map((isl) => {
      for (let k = 0; k < g; k++) isl.generation();
      return isl.bestError();
    }),
    emigrants: (k) => islands.map((isl) => isl.emigrants(k)),
    immigrate: (lists) => islands.forEach((isl, i) => isl.immigrate(lists[i]!)),
    restart: (keep) => islands.forEach((isl) => isl.restart(keep)),
    archives: () => islands.map((isl) => ({ archive: isl.archive, evaluations: isl.fitness.evaluations, nodeEvaluations: isl.fitness.interp.nodeEvaluations })),
  };
}

/** Ring: island i receives the emigrants of island i - 1. */
function ring(out: Snapshot[][]): Snapshot[][] {
  return out.map((_, i) => out[(i + out.length - 1) % out.length]!);
}

export function discover(data: DiscoveryData, options: Partial<DiscoveryOptions> = {}): DiscoveryResult {
  const start = performance.now();
  const prep = prepareProblem(data, options);
  const group = localGroup(Array.from({ length: prep.o.islands }, (_, i) => createIsland(prep, i)));
  const sched = schedule(prep.o, start);
  let step = sched.next();
  let gen = 0;
  while (!step.done) {
    const s = step.value;
    if (s.kind === 'epoch') {
      step = sched.next(group.epoch(s.generations) as number[]);
      continue;
    }
    if (s.kind === 'migrate') group.immigrate(ring(group.emigrants(prep.o.migrants) as Snapshot[][]));
    else if (s.kind === 'restart') group.restart(prep.o.migrants);
    else gen = s.generation;
    step = sched.next();
  }
  return finish(prep, data.names, group.archives() as IslandReport[], gen, step.value, start);
}

/** The same search with the islands in worker threads (see parallel.ts): identical results. */
export async function driveAsync(prep: PreparedProblem, names: string[], group: IslandGroup, start: number): Promise<DiscoveryResult> {
  const sched = schedule(prep.o, start);
  let step = sched.next();
  let gen = 0;
  while (!step.done) {
    const s = step.value;
    if (s.kind === 'epoch') {
      step = sched.next(await group.epoch(s.generations));
      continue;
    }
    if (s.kind === 'migrate') await group.immigrate(ring(await group.emigrants(prep.o.migrants)));
    else if (s.kind === 'restart') await group.restart(prep.o.migrants);
    else gen = s.generation;
    step = sched.next();
  }
  return finish(prep, names, await group.archives(), gen, step.value, start);
}

function finish(prep: PreparedProblem, names: string[], reports: IslandReport[], generations: number, stoppedBy: DiscoveryResult['stoppedBy'], start: number): DiscoveryResult {
  const o = prep.o;
  // Merge the archives: best per length, ties to the lower island index.
  const merged = new Array<Snapshot | undefined>(o.maxLength + 1).fill(undefined);
  for (const r of reports) {
    r.archive.forEach((s, len) => {
      if (s && (merged[len] === undefined || s.error < merged[len]!.error)) merged[len] = s;
    });
  }
  const full = new Fitness(prep.xs, prep.y, o.maxLength, Math.max(1, prep.limits.maxConstants), o.linearScaling);
  const models: DiscoveredModel[] = [];
  const units = unitChecker(prep);
  for (const s of merged) {
    if (!s) continue;
    for (const p of polish(s, full, prep.limits, o.linearScaling)) {
      // The polish may move a pow exponent, and without the outer scale the program carries the target's unit.
      if (units && !units.consistent(p.tokens, p.length, p.consts, p.b !== 1)) continue;
      if (Number.isFinite(p.error)) models.push(toModel(p, names, prep.featureScales, prep.targetScale, o.linearScaling));
    }
  }
  const front = paretoFront(models);
  const selection = selectModel(front, o.selectionWindow);
  return {
    front,
    best: selection.model,
    selection,
    generations,
    evaluations: reports.reduce((s, r) => s + r.evaluations, 0),
    nodeEvaluations: reports.reduce((s, r) => s + r.nodeEvaluations, 0),
    elapsedSeconds: (performance.now() - start) / 1000,
    stoppedBy,
  };
}

/** Independent, reproducible seeds per island. */
export function deriveSeed(seed: number, island: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(island + 1, 0x85ebca77)) >>> 0;
}
