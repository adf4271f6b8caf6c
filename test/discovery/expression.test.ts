import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluateExpr, formatNumber, fromPostfix, toLatex, toSympy, toText } from '../../src/discovery/expression.js';
import { simplify } from '../../src/discovery/simplify.js';
import { OP, VAR_BASE as V, CONST_BASE as C } from '../../src/discovery/operators.js';
import { Program, Variation } from '../../src/discovery/program.js';
import { Rng } from '../../src/numeric/random.js';

/** Known programs and how a physicist writes them: text, SymPy input, LaTeX. */
const CASES: Array<{ what: string; tokens: number[]; consts: number[]; names: string[]; text: string; sympy: string; latex: string }> = [
  {
    what: 'the scale factors of normalised variables fold into the law',
    // 0.0703 * I * (7.32e7 * Q + 1.161)
    tokens: [C, V, OP['*'], C + 1, V + 1, OP['*'], C + 2, OP['+'], OP['*']],
    consts: [0.0703, 7.32e7, 1.161],
    names: ['I', 'Q'],
    text: 'I * (0.0816183 + 5.14596e6 * Q)',
    sympy: 'I*(0.0816183 + 5.14596e6*Q)',
    latex: 'I \\, \\left(0.0816183 + 5.14596 \\times 10^{6} \\, Q\\right)',
  },
  {
    what: 'a sum in a denominator is scaled so that its constant is 1',
    // -1.16528 * I / (3.56924e8 * Q - 10.2394)
    tokens: [C, V, OP['*'], C + 1, V + 1, OP['*'], C + 2, OP['-'], OP['/']],
    consts: [-1.16528, 3.56924e8, 10.2394],
    names: ['I', 'Q'],
    text: '0.113804 * I / (1 - 3.48579e7 * Q)',
    sympy: '0.113804*I/(1 - 3.48579e7*Q)',
    latex: '\\frac{0.113804 \\, I}{1 - 3.48579 \\times 10^{7} \\, Q}',
  },
  {
    what: 'a common factor leaves a sum of terms',
    tokens: [C, V, OP['*'], C + 1, V, OP['*'], V + 1, OP['*'], OP['+']],
    consts: [0.0816, 5.14e6],
    names: ['I', 'Q'],
    text: 'I * (0.0816 + 5.14e6 * Q)',
    sympy: 'I*(0.0816 + 5.14e6*Q)',
    latex: 'I \\, \\left(0.0816 + 5.14 \\times 10^{6} \\, Q\\right)',
  },
  {
    what: 'constants fold across products, quotients and the argument of an even function',
    // 0.0696323 * 14.3179 * m_0 / cos(0.657058 * (-0.238313) / (0.147079 * c) * v)
    tokens: [C, C + 1, OP['*'], V, OP['*'], C + 2, C + 3, OP['*'], C + 4, V + 1, OP['*'], OP['/'], V + 2, OP['*'], OP.cos, OP['/']],
    consts: [0.0696323, 14.3179, 0.657058, -0.238313, 0.147079],
    names: ['m_0', 'c', 'v'],
    text: '0.996988 * m_0 / cos(1.06464 * v / c)',
    sympy: '0.996988*m_0/cos(1.06464*v/c)',
    latex: '\\frac{0.996988 \\, m_{0}}{\\cos\\left(\\frac{1.06464 \\, v}{c}\\right)}',
  },
  {
    what: 'like terms are collected and a polynomial in one variable is expanded',
    // x * (x * (x + 1) + 1)
    tokens: [V, V, V, C, OP['+'], OP['*'], C, OP['+'], OP['*']],
    consts: [1],
    names: ['x'],
    text: 'x + x^2 + x^3',
    sympy: 'x + x**2 + x**3',
    latex: 'x + {x}^{2} + {x}^{3}',
  },
  {
    what: 'products of polynomials in one variable are expanded (Nguyen-4 as found)',
    // x * (1 + x + (x + x^3) * (x + x^2))
    tokens: [V, C, V, OP['+'], V, V, OP.cube, OP['+'], V, V, OP.square, OP['+'], OP['*'], OP['+'], OP['*']],
    consts: [1],
    names: ['x'],
    text: 'x + x^2 + x^3 + x^4 + x^5 + x^6',
    sympy: 'x + x**2 + x**3 + x**4 + x**5 + x**6',
    latex: 'x + {x}^{2} + {x}^{3} + {x}^{4} + {x}^{5} + {x}^{6}',
  },
  {
    what: 'x / x + x - 0.25 + x: identities and repeated terms',
    tokens: [V, V, OP['/'], V, OP['+'], C, OP['-'], V, OP['+']],
    consts: [0.25],
    names: ['x'],
    text: '0.75 + 2 * x',
    sympy: '0.75 + 2*x',
    latex: '0.75 + 2 \\, x',
  },
  {
    what: 'exp(log(x) / (x/x + x/x)) is a square root; a negative constant trails',
    tokens: [V, OP.log, V, V, OP['/'], V, V, OP['/'], OP['+'], OP['/'], OP.exp, C, OP['-']],
    consts: [1],
    names: ['x'],
    text: 'sqrt(x) - 1',
    sympy: 'sqrt(x) - 1',
    latex: '\\sqrt{x} - 1',
  },
  {
    what: 'relativistic mass: products of a variable with itself become powers',
    tokens: [V, C, V + 2, V + 2, OP['*'], V + 1, V + 1, OP['*'], OP['/'], OP['-'], OP.sqrt, OP['/']],
    consts: [1],
    names: ['m_0', 'c', 'v'],
    text: 'm_0 / sqrt(1 - v^2 / c^2)',
    sympy: 'm_0/sqrt(1 - v**2/c**2)',
    latex: '\\frac{m_{0}}{\\sqrt{1 - \\frac{{v}^{2}}{{c}^{2}}}}',
  },
  {
    what: 'an odd function takes the sign out, which stays in front of the product',
    // sin(-2 x) * (y + 1) * 3
    tokens: [C, V, OP['*'], OP.sin, V + 1, C + 1, OP['+'], OP['*'], C + 2, OP['*']],
    consts: [-2, 1, 3],
    names: ['x', 'y'],
    text: '-sin(2 * x) * (3 + 3 * y)',
    sympy: '-sin(2*x)*(3 + 3*y)',
    latex: '-\\sin\\left(2 \\, x\\right) \\, \\left(3 + 3 \\, y\\right)',
  },
];

describe('display expressions', () => {
  for (const c of CASES) {
    it(c.what, () => {
      const e = simplify(fromPostfix(c.tokens, c.consts, c.names));
      expect(toText(e)).toBe(c.text);
      expect(toSympy(e)).toBe(c.sympy);
      expect(toLatex(e)).toBe(c.latex);
      // and the display form has the value of the program
      const rng = new Rng(4);
      let checked = 0;
      for (let k = 0; k < 40; k++) {
        const pt = c.names.map(() => rng.uniform(0.2, 2));
        const a = evaluateExpr(fromPostfix(c.tokens, c.consts, c.names), pt);
        if (!Number.isFinite(a)) continue; // v > c in the relativistic mass
        checked++;
        expect(Math.abs(evaluateExpr(e, pt) - a)).toBeLessThanOrEqual(2e-6 * Math.abs(a));
      }
      expect(checked).toBeGreaterThan(10);
    });
  }

  it('simplification keeps the value of random programs and is idempotent', () => {
    const limits = { maxLength: 25, maxDepth: 8, maxConstants: 4 };
    const grammar = { unary: [OP.sin, OP.cos, OP.exp, OP.log, OP.neg, OP.square, OP.sqrt, OP.inv], binary: [OP['+'], OP['-'], OP['*'], OP['/'], OP.pow], variables: 2, constantProbability: 0.4 };
    const v = new Variation(limits, grammar);
    const rng = new Rng(21);
    const p = new Program(limits);
    let checked = 0;
    for (let k = 0; k < 600; k++) {
      v.random(rng, p, 6);
      const e = fromPostfix(p.tokens.subarray(0, p.length), p.consts, ['x', 'y']);
      const s = simplify(e);
      expect(toText(simplify(s))).toBe(toText(s));
      for (let j = 0; j < 5; j++) {
        const pt = [rng.uniform(-2, 2), rng.uniform(-2, 2)];
        const a = evaluateExpr(e, pt);
        const b = evaluateExpr(s, pt);
        if (!Number.isFinite(a) || Math.abs(a) > 1e8) continue;
        // Folded constants are rounded once per fold: 1e-9 relative of the largest intermediate.
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('numbers: exponent form outside [1e-3, 1e5), six significant digits', () => {
    expect([5145740, 0.0816215, 1.5e-9, 12345.678, -0.000123456, 3].map((v) => formatNumber(v))).toEqual(['5.14574e6', '0.0816215', '1.5e-9', '12345.7', '-1.23456e-4', '3']);
    expect(toLatex(fromPostfix([V, OP.exp, C, OP['/']], [1.5e-9], ['phi_2']))).toBe('\\frac{e^{\\phi_{2}}}{1.5 \\times 10^{-9}}');
  });

  const python = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)('SymPy reads every printed form as the same function (skips without python3 + sympy)', () => {
    const lines = CASES.map((c) => JSON.stringify([c.sympy, c.names, c.tokens.length])).join('\n');
    // SymPy evaluates the text at a point; we compare with our own evaluation of the program.
    const script = [
      'import sys, json, sympy',
      'for line in sys.stdin:',
      '    s, names, _ = json.loads(line)',
      '    syms = {n: sympy.Symbol(n) for n in names}',
      '    e = sympy.parse_expr(s, local_dict=syms)',
      '    print(float(e.subs({syms[n]: 1.3 - 0.3 * k for k, n in enumerate(names)})))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: lines, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const values = r.stdout.trim().split('\n').map(Number);
    CASES.forEach((c, i) => {
      const expected = evaluateExpr(fromPostfix(c.tokens, c.consts, c.names), c.names.map((_, k) => 1.3 - 0.3 * k));
      expect(Math.abs(values[i]! - expected)).toBeLessThanOrEqual(1e-5 * Math.abs(expected));
    });
  });
});
