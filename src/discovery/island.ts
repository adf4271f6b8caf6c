/**
 * One island of the evolution: a population with its own seeded generator, interpreter and archive of
 * the best program at each length. Islands only interact through migration at fixed generations, so
 * running them one after another or in parallel gives the same result to the last digit.
 */
import { Fitness } from './fitness.js';
import { Program, Variation, type GrammarSpec, type ProgramLimits } from './program.js';
import { Rng } from '../numeric/random.js';
import type { DimensionChecker } from './units.js';

export interface IslandSettings {
  population: number;
  tournament: number;
  crossoverRate: number;
  parsimony: number;
  /** Probability that a new offspring with constants gets a short constant optimisation. */
  optimiseProbability: number;
  optimiseIterations: number;
  /** Programs up to this length always get a constant optimisation. */
  alwaysOptimiseLength: number;
  maxInitDepth: number;
  /** Dimensionally inconsistent programs: never kept (constraint) or kept with a worse selection score (penalty). */
  unitsMode: 'constraint' | 'penalty';
  /** Factor on the selection score of an inconsistent program in penalty mode. */
  unitsPenalty: number;
}

/** A frozen copy of a program for archives and migration. */
export interface Snapshot {
  tokens: Int32Array;
  consts: Float64Array;
  a: number;
  b: number;
  error: number;
}

/** Errors below this are "exact" (rounding level): ties are then decided by length. */
export const EXACT_ERROR = 1e-15;

export function selectionScore(error: number, length: number, parsimony: number): number {
  return Math.max(error, EXACT_ERROR) * (1 + parsimony * length);
}

export class Island {
  readonly rng: Rng;
  private pop: Program[];
  private next: Program[];
  private readonly variation: Variation;
  /** Best program found at each length (index = length). */
  readonly archive: Array<Snapshot | undefined>;

  constructor(
    seed: number,
    readonly fitness: Fitness,
    readonly limits: ProgramLimits,
    grammar: GrammarSpec,
    readonly settings: IslandSettings,
    readonly units?: DimensionChecker,
  ) {
    this.rng = new Rng(seed);
    this.variation = new Variation(limits, grammar);
    this.pop = Array.from({ length: settings.population }, () => new Program(limits));
    this.next = Array.from({ length: settings.population }, () => new Program(limits));
    this.archive = new Array<Snapshot | undefined>(limits.maxLength + 1).fill(undefined);
    for (const p of this.pop) {
      this.variation.random(this.rng, p, settings.maxInitDepth);
      this.assess(p);
    }
  }

  private assess(p: Program): void {
    const consistent = this.units ? this.units.consistent(p.tokens, p.length, p.consts, this.fitness.linearScaling) : true;
    if (!consistent && this.settings.unitsMode === 'constraint') {
      p.error = Infinity;
      p.score = Infinity;
      return;
    }
    this.fitness.evaluate(p);
    // Short programs always get their constants tuned: they are cheap, and a law with a constant
    // (I (Q + c)) is found only if c is right; longer ones are tuned at random.
    if (p.constCount > 0 && Number.isFinite(p.error) && (p.length <= this.settings.alwaysOptimiseLength || this.rng.next() < this.settings.optimiseProbability)) {
      this.fitness.optimiseConstants(p, this.settings.optimiseIterations);
    }
    p.score = Number.isFinite(p.error) ? selectionScore(p.error, p.length, this.settings.parsimony) * (consistent ? 1 : this.settings.unitsPenalty) : Infinity;
    const cur = this.archive[p.length];
    // Only consistent programs reach the archive (and so the front).
    if (consistent && Number.isFinite(p.error) && (cur === undefined || p.error < cur.error)) this.archive[p.length] = snapshot(p);
  }

  private tournament(): Program {
    let best = this.pop[this.rng.int(this.pop.length)]!;
    for (let k = 1; k < this.settings.tournament; k++) {
      const c = this.pop[this.rng.int(this.pop.length)]!;
      if (c.score < best.score) best = c;
    }
    return best;
  }

  best(): Program {
    let b = this.pop[0]!;
    for (const p of this.pop) if (p.score < b.score || (p.score === b.score && p.error < b.error)) b = p;
    return b;
  }

  bestError(): number {
    let e = Infinity;
    for (const s of this.archive) if (s && s.error < e) e = s.error;
    return e;
  }

  /** One generation: elitism of one, then tournament selection, crossover or mutation. */
  generation(): void {
    const P = this.pop.length;
    this.next[0]!.copyFrom(this.best());
    for (let k = 1; k < P; k++) {
      const child = this.next[k]!;
      let ok: boolean;
      let parent: Program;
      if (this.rng.next() < this.settings.crossoverRate) {
        parent = this.tournament();
        ok = this.variation.crossover(this.rng, parent, this.tournament(), child);
      } else {
        parent = this.tournament();
        ok = this.variation.mutate(this.rng, parent, child);
      }
      if (!ok) {
        child.copyFrom(parent);
        continue;
      }
      this.assess(child);
    }
    const t = this.pop;
    this.pop = this.next;
    this.next = t;
  }

  /**
   * A restart after stagnation: every program but the best `keep` (by selection score) is replaced
   * by a new random one. The archive stays, so nothing found is lost; the new programs bring back the
   * diversity that a converged population has lost.
   */
  restart(keep: number): void {
    const order = this.pop.map((_, i) => i).sort((i, j) => this.pop[i]!.score - this.pop[j]!.score || i - j);
    for (const i of order.slice(keep)) {
      const p = this.pop[i]!;
      this.variation.random(this.rng, p, this.settings.maxInitDepth);
      this.assess(p);
    }
  }

  /** Copies of the best `k` programs by selection score (for migration). */
  emigrants(k: number): Snapshot[] {
    const order = this.pop.map((_, i) => i).sort((i, j) => this.pop[i]!.score - this.pop[j]!.score || i - j);
    return order.slice(0, k).map((i) => snapshot(this.pop[i]!));
  }

  /** Immigrants replace the worst programs (ties by index), so the schedule is deterministic. */
  immigrate(list: readonly Snapshot[]): void {
    const order = this.pop.map((_, i) => i).sort((i, j) => this.pop[j]!.score - this.pop[i]!.score || i - j);
    list.forEach((s, k) => {
      const p = this.pop[order[k]!]!;
      restore(p, s);
      const ok = this.units ? this.units.consistent(p.tokens, p.length, p.consts, this.fitness.linearScaling) : true;
      p.score = selectionScore(p.error, p.length, this.settings.parsimony) * (ok ? 1 : this.settings.unitsPenalty);
    });
  }
}

export function snapshot(p: Program): Snapshot {
  return { tokens: p.tokens.slice(0, p.length), consts: p.consts.slice(0, p.constCount), a: p.a, b: p.b, error: p.error };
}

export function restore(p: Program, s: Snapshot): void {
  p.tokens.set(s.tokens);
  p.length = s.tokens.length;
  p.consts.set(s.consts);
  p.constCount = s.consts.length;
  p.a = s.a;
  p.b = s.b;
  p.error = s.error;
}
