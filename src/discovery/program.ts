/**
 * Flat postfix programs with a per-individual constant pool, and the variation operators of the
 * evolution (random growth, subtree crossover, subtree/point/hoist/constant mutations). Everything works
 * on preallocated Int32Array/Float64Array buffers.
 */
import { Rng } from '../numeric/random.js';
import { CONST_BASE, OPERATORS, VAR_BASE, arity } from './operators.js';

export interface ProgramLimits {
  maxLength: number;
  maxDepth: number;
  maxConstants: number;
}

export interface GrammarSpec {
  unary: readonly number[];
  binary: readonly number[];
  variables: number;
  /** Probability that a new leaf is a constant (0 disables constants). */
  constantProbability: number;
}

/** One candidate: tokens[0..length) in postfix, constants referenced by CONST_BASE + slot. */
export class Program {
  tokens: Int32Array;
  length = 0;
  consts: Float64Array;
  constCount = 0;
  /** Fitted outer linear scaling y ~ a + b f. */
  a = 0;
  b = 1;
  /** Normalised mean squared error after scaling (Infinity when invalid). */
  error = Infinity;
  /** Selection score: error with a parsimony factor. */
  score = Infinity;

  constructor(limits: ProgramLimits) {
    this.tokens = new Int32Array(limits.maxLength);
    this.consts = new Float64Array(limits.maxConstants);
  }

  copyFrom(p: Program): void {
    this.tokens.set(p.tokens.subarray(0, p.length));
    this.length = p.length;
    this.consts.set(p.consts.subarray(0, p.constCount));
    this.constCount = p.constCount;
    this.a = p.a;
    this.b = p.b;
    this.error = p.error;
    this.score = p.score;
  }
}

/** Start index of the subtree that ends (in postfix) at `end`. */
export function subtreeStart(tokens: Int32Array, end: number): number {
  let need = 1;
  let i = end;
  for (; i >= 0; i--) {
    need += arity(tokens[i]!) - 1;
    if (need === 0) break;
  }
  return i;
}

/** Depth of a postfix program (a single leaf has depth 1). */
export function programDepth(tokens: Int32Array, length: number, scratch: Int32Array): number {
  let sp = 0;
  let max = 0;
  for (let t = 0; t < length; t++) {
    const k = arity(tokens[t]!);
    let d = 1;
    for (let j = 0; j < k; j++) d = Math.max(d, scratch[sp - 1 - j]! + 1);
    sp -= k;
    scratch[sp++] = d;
    if (d > max) max = d;
  }
  return max;
}

/** Grows a random tree (Koza's grow or full method) into out[at..]; returns the new end, or -1 if too long. */
export function growTree(
  rng: Rng,
  g: GrammarSpec,
  out: Int32Array,
  at: number,
  depth: number,
  full: boolean,
  newConstant: () => number,
): number {
  const leafOnly = depth <= 1 || (g.unary.length === 0 && g.binary.length === 0);
  const nOps = g.unary.length + g.binary.length;
  const pickLeaf = leafOnly || (!full && rng.next() < 0.3);
  if (pickLeaf) {
    if (at >= out.length) return -1;
    if (g.constantProbability > 0 && rng.next() < g.constantProbability) {
      const slot = newConstant();
      if (slot >= 0) {
        out[at] = CONST_BASE + slot;
        return at + 1;
      }
    }
    out[at] = VAR_BASE + rng.int(g.variables);
    return at + 1;
  }
  const k = rng.int(nOps);
  const op = k < g.unary.length ? g.unary[k]! : g.binary[k - g.unary.length]!;
  let end = at;
  for (let c = 0; c < OPERATORS[op]!.arity; c++) {
    end = growTree(rng, g, out, end, depth - 1, full, newConstant);
    if (end < 0) return -1;
  }
  if (end >= out.length) return -1;
  out[end] = op;
  return end + 1;
}

/**
 * Renumbers constant slots in order of first use so a program never carries dead constants; values are
 * taken from `source` (the constants the tokens referred to before).
 */
export function compactConstants(p: Program, source: Float64Array, scratchMap: Int32Array): void {
  scratchMap.fill(-1);
  let next = 0;
  for (let t = 0; t < p.length; t++) {
    const tok = p.tokens[t]!;
    if (tok < CONST_BASE) continue;
    const old = tok - CONST_BASE;
    if (scratchMap[old]! < 0) {
      scratchMap[old] = next;
      p.consts[next] = source[old]!;
      next++;
    }
    p.tokens[t] = CONST_BASE + scratchMap[old]!;
  }
  p.constCount = next;
}

export function randomConstant(rng: Rng): number {
  // Mostly O(1) values, sometimes small integers: both are common in physical laws.
  return rng.next() < 0.3 ? rng.int(5) + 1 : rng.normal() * 2;
}

/**
 * Variation: builds `child` from parents by crossover or mutation. Returns false (child untouched)
 * when every attempt exceeded the limits, in which case the caller copies a parent.
 */
export class Variation {
  private readonly buf: Int32Array;
  private readonly cbuf: Float64Array;
  private readonly map: Int32Array;
  private readonly depthScratch: Int32Array;

  constructor(
    readonly limits: ProgramLimits,
    readonly grammar: GrammarSpec,
  ) {
    this.buf = new Int32Array(limits.maxLength * 2 + 64);
    this.cbuf = new Float64Array(limits.maxConstants * 2 + 64);
    this.map = new Int32Array(limits.maxConstants * 2 + 64);
    this.depthScratch = new Int32Array(limits.maxLength * 2 + 64);
  }

  /** Random program by ramped half-and-half. */
  random(rng: Rng, out: Program, maxInitDepth: number): void {
    for (let attempt = 0; attempt < 100; attempt++) {
      let nc = 0;
      const newConst = (): number => {
        if (nc >= this.limits.maxConstants) return -1;
        this.cbuf[nc] = randomConstant(rng);
        return nc++;
      };
      const depth = 2 + rng.int(Math.max(1, maxInitDepth - 1));
      const end = growTree(rng, this.grammar, this.buf, 0, depth, rng.next() < 0.5, newConst);
      if (end < 0 || end > this.limits.maxLength) continue;
      this.commit(out, end);
      return;
    }
    // Fallback that always fits: a single variable.
    this.buf[0] = VAR_BASE + rng.int(this.grammar.variables);
    this.commit(out, 1);
  }

  private commit(out: Program, length: number): boolean {
    if (length > this.limits.maxLength) return false;
    if (programDepth(this.buf, length, this.depthScratch) > this.limits.maxDepth) return false;
    out.tokens.set(this.buf.subarray(0, length));
    out.length = length;
    compactConstants(out, this.cbuf, this.map);
    out.error = Infinity;
    out.score = Infinity;
    return out.constCount <= this.limits.maxConstants;
  }

  /** A random subtree end: internal nodes 90% of the time when there are any (Koza). */
  private pickNode(rng: Rng, p: Program): number {
    if (p.length > 1 && rng.next() < 0.9) {
      for (let tries = 0; tries < 8; tries++) {
        const i = rng.int(p.length);
        if (arity(p.tokens[i]!) > 0) return i;
      }
    }
    return rng.int(p.length);
  }

  /** Copies tokens into buf, moving the constants they use into cbuf at offset `cOff`. */
  private put(at: number, src: Program, from: number, to: number, cOff: number): number {
    for (let i = from; i < to; i++) {
      const tok = src.tokens[i]!;
      this.buf[at++] = tok >= CONST_BASE ? tok + cOff : tok;
    }
    return at;
  }

  crossover(rng: Rng, a: Program, b: Program, child: Program): boolean {
    for (let attempt = 0; attempt < 6; attempt++) {
      const ea = this.pickNode(rng, a);
      const sa = subtreeStart(a.tokens, ea);
      const eb = this.pickNode(rng, b);
      const sb = subtreeStart(b.tokens, eb);
      const len = sa + (eb - sb + 1) + (a.length - ea - 1);
      if (len > this.limits.maxLength) continue;
      this.cbuf.set(a.consts.subarray(0, a.constCount), 0);
      this.cbuf.set(b.consts.subarray(0, b.constCount), a.constCount);
      let at = this.put(0, a, 0, sa, 0);
      at = this.put(at, b, sb, eb + 1, a.constCount);
      at = this.put(at, a, ea + 1, a.length, 0);
      if (this.commit(child, at)) return true;
    }
    return false;
  }

  mutate(rng: Rng, p: Program, child: Program): boolean {
    const kind = rng.next();
    for (let attempt = 0; attempt < 6; attempt++) {
      this.cbuf.set(p.consts.subarray(0, p.constCount), 0);
      let nc = p.constCount;
      const newConst = (): number => {
        if (nc >= this.cbuf.length) return -1;
        this.cbuf[nc] = randomConstant(rng);
        return nc++;
      };
      const e = this.pickNode(rng, p);
      const s = subtreeStart(p.tokens, e);
      let at: number;
      if (kind < 0.4) {
        // Subtree mutation: replace a subtree with a new random one.
        at = this.put(0, p, 0, s, 0);
        at = growTree(rng, this.grammar, this.buf, at, 1 + rng.int(4), false, newConst);
        if (at < 0) continue;
        at = this.put(at, p, e + 1, p.length, 0);
      } else if (kind < 0.65) {
        // Point mutation: same arity operator, or another leaf.
        at = this.put(0, p, 0, p.length, 0);
        const tok = p.tokens[e]!;
        const k = arity(tok);
        if (k === 1 && this.grammar.unary.length > 0) this.buf[e] = this.grammar.unary[rng.int(this.grammar.unary.length)]!;
        else if (k === 2 && this.grammar.binary.length > 0) this.buf[e] = this.grammar.binary[rng.int(this.grammar.binary.length)]!;
        else if (k === 0) {
          if (tok >= CONST_BASE && rng.next() < 0.7) this.cbuf[tok - CONST_BASE] = this.cbuf[tok - CONST_BASE]! * (1 + 0.2 * rng.normal()) + 0.05 * rng.normal();
          else {
            const slot = this.grammar.constantProbability > 0 && rng.next() < this.grammar.constantProbability ? newConst() : -1;
            this.buf[e] = slot >= 0 ? CONST_BASE + slot : VAR_BASE + rng.int(this.grammar.variables);
          }
        }
      } else if (kind < 0.8) {
        // Hoist: the program becomes one of its subtrees (fights bloat).
        at = this.put(0, p, s, e + 1, 0);
      } else {
        // Wrap: an operator is inserted above the subtree (unary, or binary with a new leaf).
        at = this.put(0, p, 0, e + 1, 0);
        const useUnary = this.grammar.unary.length > 0 && (this.grammar.binary.length === 0 || rng.next() < 0.5);
        if (useUnary) this.buf[at++] = this.grammar.unary[rng.int(this.grammar.unary.length)]!;
        else {
          at = growTree(rng, this.grammar, this.buf, at, 1, false, newConst);
          if (at < 0) continue;
          this.buf[at++] = this.grammar.binary[rng.int(this.grammar.binary.length)]!;
        }
        at = this.put(at, p, e + 1, p.length, 0);
      }
      if (this.commit(child, at)) return true;
    }
    return false;
  }
}
