import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../src/discovery/interpreter.js';
import { CONST_BASE, OP, VAR_BASE, arity } from '../../src/discovery/operators.js';
import { Program, Variation, subtreeStart } from '../../src/discovery/program.js';
import { Fitness } from '../../src/discovery/fitness.js';
import { Rng } from '../../src/numeric/random.js';
import { discover } from '../../src/discovery/engine.js';
import { chooseBest, paretoFront, predictModel, type DiscoveredModel } from '../../src/discovery/model.js';
import { NGUYEN, nguyenData } from '../../src/discovery/benchmarks/nguyen.js';

const V = (i: number): number => VAR_BASE + i;
const C = (k: number): number => CONST_BASE + k;

describe('interpreter', () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => -1 + i / 20);
  const y = Float64Array.from({ length: 50 }, (_, i) => 0.5 + i / 30);
  it('evaluates postfix programs over whole columns', () => {
    const it = new Interpreter([x, y], 16);
    // sin(x) * y + exp(c0) / x  with c0 = 0.3
    const prog = Int32Array.from([V(0), OP.sin, V(1), OP['*'], C(0), OP.exp, V(0), OP['/'], OP['+']]);
    const out = it.evaluate(prog, prog.length, Float64Array.of(0.3))!;
    for (let i = 0; i < 50; i++) expect(out[i]).toBe(Math.sin(x[i]!) * y[i]! + Math.exp(0.3) / x[i]!);
    expect(it.nodeEvaluations).toBe(9 * 50);
  });
  it('keeps constant subtrees scalar and does not modify the input columns', () => {
    const it = new Interpreter([x], 8);
    expect(it.evaluate(Int32Array.from([C(0), C(1), OP['-'], OP.cos]), 4, Float64Array.of(1, 1))).toBeNull();
    expect(it.scalarResult).toBe(1);
    const copy = x.slice();
    it.evaluate(Int32Array.from([V(0), OP.neg, OP.square]), 3, new Float64Array(0));
    expect(Array.from(x)).toEqual(Array.from(copy));
  });
});

describe('variation', () => {
  it('every child of crossover and mutation is a well-formed program within the limits', () => {
    const limits = { maxLength: 20, maxDepth: 7, maxConstants: 4 };
    const grammar = { unary: [OP.sin, OP.exp], binary: [OP['+'], OP['*'], OP['/']], variables: 2, constantProbability: 0.3 };
    const v = new Variation(limits, grammar);
    const rng = new Rng(5);
    const a = new Program(limits);
    const b = new Program(limits);
    const c = new Program(limits);
    for (let k = 0; k < 2000; k++) {
      v.random(rng, a, 5);
      v.random(rng, b, 5);
      const ok = k % 2 ? v.crossover(rng, a, b, c) : v.mutate(rng, a, c);
      if (!ok) continue;
      let sp = 0;
      for (let t = 0; t < c.length; t++) {
        const tok = c.tokens[t]!;
        sp += 1 - arity(tok);
        expect(sp).toBeGreaterThanOrEqual(1);
        if (tok >= CONST_BASE) expect(tok - CONST_BASE).toBeLessThan(c.constCount);
      }
      expect(sp).toBe(1);
      expect(c.length).toBeLessThanOrEqual(20);
      expect(subtreeStart(c.tokens, c.length - 1)).toBe(0);
    }
  });
});

describe('fitness', () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => 0.1 + i / 10);
  const q = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
  it('linear scaling fits y = a + b f exactly', () => {
    const y = Float64Array.from(x, (v) => 2 - 3 * Math.log(v));
    const f = new Fitness([x], y, 8, 2, true);
    const p = new Program({ maxLength: 8, maxDepth: 8, maxConstants: 2 });
    p.tokens.set([V(0), OP.log]);
    p.length = 2;
    expect(f.evaluate(p)).toBeLessThan(1e-28);
    expect(p.a).toBeCloseTo(2, 12);
    expect(p.b).toBeCloseTo(-3, 12);
  });
  it('Levenberg-Marquardt finds the inner constant of x * (q + c)', () => {
    const y = Float64Array.from(x, (v, i) => 0.7 * v * (q[i]! + 2.5));
    const f = new Fitness([x, q], y, 8, 2, true);
    const p = new Program({ maxLength: 8, maxDepth: 8, maxConstants: 2 });
    p.tokens.set([V(0), V(1), C(0), OP['+'], OP['*']]);
    p.length = 5;
    p.consts[0] = 0.1;
    p.constCount = 1;
    f.evaluate(p);
    expect(f.optimiseConstants(p, 30)).toBeLessThan(1e-20);
    expect(p.consts[0]).toBeCloseTo(2.5, 8);
    expect(p.b).toBeCloseTo(0.7, 8);
  });
  it('a candidate that is NaN anywhere on the data is invalid', () => {
    const y = Float64Array.from(x, (v) => v);
    const f = new Fitness([q], y, 8, 2, true);
    const p = new Program({ maxLength: 8, maxDepth: 8, maxConstants: 2 });
    p.tokens.set([V(0), OP.log]); // q < 0 somewhere
    p.length = 2;
    expect(f.evaluate(p)).toBe(Infinity);
  });
});

describe('front and best-model rule', () => {
  const m = (complexity: number, error: number): DiscoveredModel =>
    ({ complexity, error, text: `m${complexity}` }) as unknown as DiscoveredModel;
  it('keeps only models that beat every simpler one', () => {
    const front = paretoFront([m(5, 0.1), m(3, 0.2), m(7, 0.15), m(9, 0.01), m(1, 0.5)]);
    expect(front.map((x) => x.complexity)).toEqual([1, 3, 5, 9]);
  });
  it('chooses the sharpest drop within 1.5x of the best loss, and the simplest exact model', () => {
    expect(chooseBest(paretoFront([m(1, 0.03), m(5, 2.45e-4), m(8, 2.44e-4), m(20, 2.2e-4)])).complexity).toBe(5);
    expect(chooseBest(paretoFront([m(1, 0.03), m(7, 1e-20), m(9, 1e-31)])).complexity).toBe(7);
    expect(chooseBest(paretoFront([m(1, 0.03), m(5, 1e-3), m(9, 1e-5)])).complexity).toBe(9);
  });
});

describe('evolution', () => {
  const p1 = NGUYEN[0]!;
  const d = nguyenData(p1, 20, 7);
  const opts = { seed: 3, constants: false, normalize: false, generations: 40, islands: 2, population: 150 };
  it('is reproducible to the last digit for a seed', () => {
    const a = discover({ names: ['x'], features: d.features, target: d.target }, { ...opts, targetError: 0 });
    const b = discover({ names: ['x'], features: d.features, target: d.target }, { ...opts, targetError: 0 });
    expect(a.front.map((m) => [m.tokens, m.consts, m.a, m.b, m.error])).toEqual(b.front.map((m) => [m.tokens, m.consts, m.a, m.b, m.error]));
    expect(a.evaluations).toBe(b.evaluations);
  });
  it('recovers Nguyen-1 exactly (checked on dense held-out points)', () => {
    const r = discover({ names: ['x'], features: d.features, target: d.target }, { ...opts, generations: 100 });
    const test = nguyenData(p1, 500, 99);
    const pred = predictModel(r.best, test.features);
    for (let i = 0; i < 500; i++) expect(Math.abs(pred[i]! - test.target[i]!)).toBeLessThan(1e-10 * 3);
    expect(r.stoppedBy).toBe('target');
  });
});

describe('worker threads', () => {
  it('give the same front to the last digit as one thread', async () => {
    const { discoverParallel } = await import('../../src/discovery/parallel.js');
    const p = NGUYEN[5]!;
    const d = nguyenData(p, 20, 3);
    const opts = { seed: 9, constants: true, normalize: true, generations: 30, islands: 3, population: 60, targetError: 0, patience: 10, restartOnStagnation: true };
    const one = discover({ names: ['x'], features: d.features, target: d.target }, opts);
    const two = await discoverParallel({ names: ['x'], features: d.features, target: d.target }, opts, 2);
    expect(two.front.map((m) => [m.tokens, m.consts, m.a, m.b, m.error])).toEqual(one.front.map((m) => [m.tokens, m.consts, m.a, m.b, m.error]));
    expect(two.evaluations).toBe(one.evaluations);
    expect(two.best.text).toBe(one.best.text);
  });
});
