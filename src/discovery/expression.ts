/**
 * Expression trees for display: built from a postfix program, simplified (constant folding, identities,
 * constants pulled to the front of products), printed as text and LaTeX, and serialised as JSON. The
 * evolution never uses these; they are for people and files.
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

const isNum = (e: Expr): e is { kind: 'num'; value: number } => e.kind === 'num';
const isVal = (e: Expr, v: number): boolean => e.kind === 'num' && e.value === v;

function equal(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'num') return a.value === (b as typeof a).value;
  if (a.kind === 'var') return a.index === (b as typeof a).index;
  const bb = b as typeof a;
  return a.op === bb.op && a.args.length === bb.args.length && a.args.every((x, i) => equal(x, bb.args[i]!));
}

/** Bottom-up rewriting to a fixed point; every rule keeps the value (up to rounding of folded constants). */
export function simplify(e: Expr): Expr {
  let cur = e;
  for (let pass = 0; pass < 10; pass++) {
    const next = simplifyOnce(cur);
    if (equal(next, cur)) return next;
    cur = next;
  }
  return cur;
}

function simplifyOnce(e: Expr): Expr {
  if (e.kind !== 'op') return e;
  const args = e.args.map(simplifyOnce);
  const code = OP[e.op];
  if (args.every((a) => a.kind === 'num')) {
    const v = args.length === 1 ? unaryScalar(code, (args[0] as { value: number }).value) : binaryScalar(code, (args[0] as { value: number }).value, (args[1] as { value: number }).value);
    if (Number.isFinite(v)) return num(v);
  }
  const [a, b] = args as [Expr, Expr];
  switch (e.op) {
    case '+':
      if (isVal(a, 0)) return b;
      if (isVal(b, 0)) return a;
      if (isNum(a)) return op('+', b, a);
      if (equal(a, b)) return op('*', num(2), a);
      if (b.kind === 'op' && b.op === 'neg') return op('-', a, b.args[0]!);
      if (b.kind === 'op' && b.op === '*' && isNum(b.args[0]!) && b.args[0].value < 0) return op('-', a, op('*', num(-b.args[0].value), b.args[1]!));
      if (isNum(b) && b.value < 0) return op('-', a, num(-b.value));
      if (isNum(b) && a.kind === 'op' && (a.op === '+' || a.op === '-') && isNum(a.args[1]!)) {
        const c = a.op === '+' ? a.args[1].value + b.value : -a.args[1].value + b.value;
        return op('+', a.args[0]!, num(c));
      }
      break;
    case '-':
      if (isVal(b, 0)) return a;
      if (isVal(a, 0)) return op('neg', b);
      if (equal(a, b)) return num(0);
      if (isNum(b) && b.value < 0) return op('+', a, num(-b.value));
      if (b.kind === 'op' && b.op === '*' && isNum(b.args[0]!) && b.args[0].value < 0) return op('+', a, op('*', num(-b.args[0].value), b.args[1]!));
      if (isNum(a)) return op('+', op('neg', b), a);
      if (isNum(b) && a.kind === 'op' && (a.op === '+' || a.op === '-') && isNum(a.args[1]!)) {
        const c = (a.op === '+' ? a.args[1].value : -a.args[1].value) - b.value;
        return op('+', a.args[0]!, num(c));
      }
      break;
    case '*':
      if (isVal(a, 0) || isVal(b, 0)) return num(0);
      if (isVal(a, 1)) return b;
      if (isVal(b, 1)) return a;
      if (isVal(a, -1)) return op('neg', b);
      if (isNum(b)) return op('*', b, a);
      if (isNum(a) && b.kind === 'op' && b.op === '*' && isNum(b.args[0]!)) return op('*', num(a.value * b.args[0].value), b.args[1]!);
      if (isNum(a) && b.kind === 'op' && b.op === 'neg') return op('*', num(-a.value), b.args[0]!);
      if (!isNum(a) && b.kind === 'op' && b.op === '*' && isNum(b.args[0]!)) return op('*', b.args[0], op('*', a, b.args[1]!));
      if (!isNum(a) && a.kind === 'op' && a.op === '*' && isNum(a.args[0]!)) return op('*', a.args[0], op('*', a.args[1]!, b));
      if (isNum(a)) {
        // c (k x + d) -> (c k) x + c d, also inside a product: folds the scale factors of normalised
        // variables into the coefficients people expect to read.
        const d = distribute(a.value, b);
        if (d) return d;
        if (b.kind === 'op' && b.op === '*') {
          const d0 = distribute(a.value, b.args[0]!);
          if (d0) return op('*', d0, b.args[1]!);
          const d1 = distribute(a.value, b.args[1]!);
          if (d1) return op('*', b.args[0]!, d1);
        }
      }
      if (equal(a, b)) return op('square', a);
      break;
    case '/':
      if (isVal(b, 1)) return a;
      if (isVal(a, 0)) return num(0);
      if (equal(a, b)) return num(1);
      if (isNum(b)) return op('*', num(1 / b.value), a);
      if (isVal(a, 1)) return op('inv', b);
      break;
    case 'neg':
      if (a.kind === 'op' && a.op === 'neg') return a.args[0]!;
      if (a.kind === 'op' && a.op === '*' && isNum(a.args[0]!)) return op('*', num(-a.args[0].value), a.args[1]!);
      break;
    case 'pow':
      if (isVal(b, 1)) return a;
      if (isVal(b, 2)) return op('square', a);
      break;
    default:
      break;
  }
  return op(e.op, ...args);
}

/** c * (t1 +- t2) with every t a number or a number times something: the distributed sum, else null. */
function distribute(c: number, e: Expr): Expr | null {
  if (e.kind !== 'op' || (e.op !== '+' && e.op !== '-')) return null;
  const scaled = (t: Expr): Expr | null => {
    if (isNum(t)) return num(c * t.value);
    if (t.kind === 'op' && t.op === '*' && isNum(t.args[0]!)) return op('*', num(c * t.args[0].value), t.args[1]!);
    if (t.kind === 'op' && (t.op === '+' || t.op === '-')) return distribute(c, t);
    return null;
  };
  const l = scaled(e.args[0]!);
  const r = scaled(e.args[1]!);
  return l && r ? op(e.op, l, r) : null;
}

function fmt(v: number, digits: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return String(Number(v.toPrecision(digits)));
}

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
      return { s: `${wrap(args[0]!, 2)} * ${wrap(args[1]!, 2)}`, p: 2 };
    case '/':
      return { s: `${wrap(args[0]!, 2)} / ${wrap(args[1]!, 3)}`, p: 2 };
    case 'neg':
      return { s: `-${wrap(args[0]!, 3)}`, p: 3 };
    case 'pow':
      return { s: `${wrap(args[0]!, 5)}^${wrap(args[1]!, 4)}`, p: 4 };
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

function latexNumber(v: number, d: number): string {
  const s = fmt(v, d);
  const m = /^(-?[\d.]+)e([-+]\d+)$/.exec(s);
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
      return { s: `-${wrap(args[0]!, 3)}`, p: 3 };
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
