import { describe, expect, it } from 'vitest';
import { evaluateExpr, fromPostfix, simplify, toLatex, toText } from '../../src/discovery/expression.js';
import { OP, VAR_BASE, CONST_BASE } from '../../src/discovery/operators.js';
import { Program, Variation } from '../../src/discovery/program.js';
import { Rng } from '../../src/numeric/random.js';

describe('display expressions', () => {
  it('simplification keeps the value of random programs', () => {
    const limits = { maxLength: 25, maxDepth: 8, maxConstants: 4 };
    const grammar = { unary: [OP.sin, OP.exp, OP.neg, OP.square], binary: [OP['+'], OP['-'], OP['*'], OP['/']], variables: 2, constantProbability: 0.4 };
    const v = new Variation(limits, grammar);
    const rng = new Rng(21);
    const p = new Program(limits);
    let checked = 0;
    for (let k = 0; k < 500; k++) {
      v.random(rng, p, 6);
      const e = fromPostfix(p.tokens.subarray(0, p.length), p.consts, ['x', 'y']);
      const s = simplify(e);
      for (let j = 0; j < 5; j++) {
        const pt = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
        const a = evaluateExpr(e, pt);
        const b = evaluateExpr(s, pt);
        if (!Number.isFinite(a) || Math.abs(a) > 1e8) continue;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('folds scale factors and prints text and LaTeX', () => {
    // 2 * ((3 * x) + 4) * y  ->  (6 * x + 8) * y
    const tokens = [CONST_BASE, CONST_BASE + 1, VAR_BASE, OP['*'], CONST_BASE + 2, OP['+'], OP['*'], VAR_BASE + 1, OP['*']];
    const e = simplify(fromPostfix(tokens, [2, 3, 4], ['I', 'Q']));
    expect(toText(e)).toBe('(6 * I + 8) * Q');
    expect(toLatex(e)).toBe('\\left(6 \\, I + 8\\right) \\, Q');
    const d = simplify(fromPostfix([VAR_BASE, VAR_BASE, OP['/'], VAR_BASE, OP['+'], CONST_BASE, OP['-']], [0.25], ['x']));
    expect(toText(d)).toBe('x + 0.75');
    expect(toLatex(fromPostfix([VAR_BASE, OP.exp, CONST_BASE, OP['/']], [1.5e-9], ['phi_2']))).toBe('\\frac{e^{\\phi_{2}}}{1.5 \\times 10^{-9}}');
  });
});
