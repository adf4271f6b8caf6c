/**
 * Expression trees for display: built from a postfix program, simplified (simplify.ts), printed as
 * text, LaTeX and SymPy input, and serialised as JSON. The evolution never uses these; they are for
 * people and files.
 */
import { binaryScalar, unaryScalar } from './interpreter.js';
import { CONST_BASE, OP, OPERATORS, VAR_BASE, type OperatorName } from './operators.js';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; index: number; name: string }
  | { kind: 'op'; op: OperatorName; args: Expr[] };

const num = (value: number): Expr => ({ kind: 'num', value });
const op = (name: OperatorName, ...args: Expr[]): Expr => ({ kind: 'op', op: name, args });

export function fromPostfix(tokens: ArrayLike<number>, consts: ArrayLike<number>, names: readonly string[]): Expr {
  const stack: Expr[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (tok >= CONST_BASE) stack.push(num(consts[tok - CONST_BASE]!));
    else if (tok >= VAR_BASE) stack.push({ kind: 'var', index: tok - VAR_BASE, name: names[tok - VAR_BASE] ?? `x${tok - VAR_BASE}` });
    else {
      const o = OPERATORS[tok]!;
      const args = stack.splice(stack.length - o.arity, o.arity);
      stack.push(op(o.name, ...args));
    }
  }
  if (stack.length !== 1) throw new Error(`malformed postfix program (${stack.length} values left)`);
  return stack[0]!;
}

/** Replaces every variable by `scale_j * x_j` (used to undo the internal normalisation). */
export function scaleVariables(e: Expr, factor: readonly number[]): Expr {
  if (e.kind === 'var') return factor[e.index] === 1 ? e : op('*', num(factor[e.index]!), e);
  if (e.kind === 'num') return e;
  return op(e.op, ...e.args.map((a) => scaleVariables(a, factor)));
}

/** A number with `digits` significant digits; exponent form outside [1e-3, 1e5) (`5.14574e6`). */
export function formatNumber(v: number, digits = 6): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e5) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(digits)));
  const [m, e] = v.toExponential(digits - 1).split('e') as [string, string];
  return `${String(Number(m))}e${Number(e)}`;
}
const fmt = formatNumber;

/** Plain text with minimal parentheses, e.g. `5.0 * I * (1 - 0.5 * q)`. */
export function toText(e: Expr, digits = 6): string {
  return text(e, digits).s;
}

function text(e: Expr, d: number): { s: string; p: number } {
  if (e.kind === 'num') return { s: fmt(e.value, d), p: e.value < 0 ? 0 : 9 };
  if (e.kind === 'var') return { s: e.name, p: 9 };
  const args = e.args.map((a) => text(a, d));
  const wrap = (x: { s: string; p: number }, min: number): string => (x.p < min ? `(${x.s})` : x.s);
  switch (e.op) {
    case '+':
      return { s: `${wrap(args[0]!, 1)} + ${wrap(args[1]!, 1)}`, p: 1 };
    case '-':
      return { s: `${wrap(args[0]!, 1)} - ${wrap(args[1]!, 2)}`, p: 1 };
    case '*':
      return { s: `${wrap(args[0]!, 2)} * ${wrap(args[1]!, 3)}`, p: 2 };
    case '/':
      return { s: `${wrap(args[0]!, 2)} / ${wrap(args[1]!, 3)}`, p: 2 };
    case 'neg':
      // -a * b reads as -(a * b), which it equals: only sums need parentheses.
      return { s: `-${wrap(args[0]!, 2)}`, p: 2 };
    case 'pow':
      return { s: `${wrap(args[0]!, 5)}^${wrap(args[1]!, 5)}`, p: 4 };
    case 'square':
      return { s: `${wrap(args[0]!, 5)}^2`, p: 4 };
    case 'cube':
      return { s: `${wrap(args[0]!, 5)}^3`, p: 4 };
    case 'inv':
      return { s: `1 / ${wrap(args[0]!, 3)}`, p: 2 };
    default:
      return { s: `${e.op}(${args[0]!.s})`, p: 9 };
  }
}

/**
 * SymPy input: `sympy.parse_expr(text, local_dict={name: sympy.Symbol(name) for name in names})`
 * (the local dictionary keeps names such as I, Q, E or N from meaning SymPy's own objects).
 */
export function toSympy(e: Expr, digits = 6): string {
  return sympy(e, digits).s;
}

const SYMPY_FUNCTION: Partial<Record<OperatorName, string>> = { abs: 'Abs' };

function sympy(e: Expr, d: number): { s: string; p: number } {
  if (e.kind === 'num') return { s: fmt(e.value, d), p: e.value < 0 ? 0 : 9 };
  if (e.kind === 'var') return { s: e.name, p: 9 };
  const args = e.args.map((a) => sympy(a, d));
  const wrap = (x: { s: string; p: number }, min: number): string => (x.p < min ? `(${x.s})` : x.s);
  switch (e.op) {
    case '+':
      return { s: `${wrap(args[0]!, 1)} + ${wrap(args[1]!, 1)}`, p: 1 };
    case '-':
      return { s: `${wrap(args[0]!, 1)} - ${wrap(args[1]!, 2)}`, p: 1 };
    case '*':
      return { s: `${wrap(args[0]!, 2)}*${wrap(args[1]!, 3)}`, p: 2 };
    case '/':
      return { s: `${wrap(args[0]!, 2)}/${wrap(args[1]!, 3)}`, p: 2 };
    case 'neg':
      return { s: `-${wrap(args[0]!, 2)}`, p: 2 };
    case 'pow':
      return { s: `${wrap(args[0]!, 5)}**${wrap(args[1]!, 5)}`, p: 4 };
    case 'square':
      return { s: `${wrap(args[0]!, 5)}**2`, p: 4 };
    case 'cube':
      return { s: `${wrap(args[0]!, 5)}**3`, p: 4 };
    case 'inv':
      return { s: `1/${wrap(args[0]!, 3)}`, p: 2 };
    default:
      return { s: `${SYMPY_FUNCTION[e.op] ?? e.op}(${args[0]!.s})`, p: 9 };
  }
}

function latexNumber(v: number, d: number): string {
  const s = fmt(v, d);
  const m = /^(-?[\d.]+)e([-+]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

function latexName(n: string): string {
  const m = /^([A-Za-z]+)_?(\w*)$/.exec(n);
  const greek = new Set(['phi', 'gamma', 'alpha', 'beta', 'delta', 'theta', 'rho', 'sigma', 'tau', 'omega', 'mu']);
  if (!m) return `\\mathrm{${n.replace(/_/g, '\\_')}}`;
  const base = greek.has(m[1]!.toLowerCase()) ? `\\${m[1]}` : m[1]!.length > 1 ? `\\mathrm{${m[1]}}` : m[1]!;
  return m[2] ? `${base}_{${m[2]}}` : base;
}

/** LaTeX for papers and notebooks. */
export function toLatex(e: Expr, digits = 6): string {
  return latex(e, digits).s;
}

function latex(e: Expr, d: number): { s: string; p: number } {
  if (e.kind === 'num') return { s: latexNumber(e.value, d), p: e.value < 0 ? 0 : 9 };
  if (e.kind === 'var') return { s: latexName(e.name), p: 9 };
  const args = e.args.map((a) => latex(a, d));
  const wrap = (x: { s: string; p: number }, min: number): string => (x.p < min ? `\\left(${x.s}\\right)` : x.s);
  switch (e.op) {
    case '+':
      return { s: `${wrap(args[0]!, 1)} + ${wrap(args[1]!, 1)}`, p: 1 };
    case '-':
      return { s: `${wrap(args[0]!, 1)} - ${wrap(args[1]!, 2)}`, p: 1 };
    case '*':
      return { s: `${wrap(args[0]!, 2)} \\, ${wrap(args[1]!, 2)}`, p: 2 };
    case '/':
      return { s: `\\frac{${args[0]!.s}}{${args[1]!.s}}`, p: 9 };
    case 'neg':
      return { s: `-${wrap(args[0]!, 2)}`, p: 2 };
    case 'pow':
      return { s: `{${wrap(args[0]!, 5)}}^{${args[1]!.s}}`, p: 4 };
    case 'square':
      return { s: `{${wrap(args[0]!, 5)}}^{2}`, p: 4 };
    case 'cube':
      return { s: `{${wrap(args[0]!, 5)}}^{3}`, p: 4 };
    case 'inv':
      return { s: `\\frac{1}{${args[0]!.s}}`, p: 9 };
    case 'sqrt':
      return { s: `\\sqrt{${args[0]!.s}}`, p: 9 };
    case 'abs':
      return { s: `\\left|${args[0]!.s}\\right|`, p: 9 };
    case 'exp':
      return { s: `e^{${args[0]!.s}}`, p: 9 };
    default:
      return { s: `\\${e.op}\\left(${args[0]!.s}\\right)`, p: 9 };
  }
}

/** Evaluates a display tree at one point (for tests of the simplifier). */
export function evaluateExpr(e: Expr, x: readonly number[]): number {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'var') return x[e.index]!;
  const v = e.args.map((a) => evaluateExpr(a, x));
  return v.length === 1 ? unaryScalar(OP[e.op], v[0]!) : binaryScalar(OP[e.op], v[0]!, v[1]!);
}
