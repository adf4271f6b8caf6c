/**
 * Canonical simplification of display expressions, so a model reads as a physicist would write it:
 * every expression becomes a sum of terms `coefficient * product of factors^integer powers` plus a
 * constant. That one normal form folds constants (`0.07 * 14.3 * m` -> `1.0 * m`, also across a
 * division), collects like terms (`x + x` -> `2 * x`, `x * x * x` -> `x^3`, `x / x` -> `1`), orders
 * products and sums the same way every time, and moves the one number of a product into its single
 * parenthesised sum (`0.07 * I * (7e7 * Q + 1.2)` -> `I * (0.0816 + 5.1e6 * Q)`).
 *
 * Every rewrite keeps the value wherever the original is defined (it may extend the domain: `x / x`
 * becomes 1), up to the rounding of folded constants. Sums are not expanded into each other: a
 * factored law stays factored.
 */
import { binaryScalar, unaryScalar } from './interpreter.js';
import { OP, type OperatorName } from './operators.js';
import type { Expr } from './expression.js';

/** A factor of a product: a base that is neither a number nor a product, to an integer power. */
interface Factor {
  base: Expr;
  key: string;
  power: number;
}
/** coef * prod(base^power); `factors` sorted by key, no zero powers, no repeated base. */
interface Term {
  coef: number;
  factors: Factor[];
}
/** constant + sum(terms); like terms merged, no zero coefficients. */
interface Sum {
  constant: number;
  terms: Term[];
}

const num = (value: number): Expr => ({ kind: 'num', value });
const op = (name: OperatorName, ...args: Expr[]): Expr => ({ kind: 'op', op: name, args });

/** A structural key: equal keys mean equal expressions. Variables sort first, by index. */
export function exprKey(e: Expr): string {
  if (e.kind === 'num') return `#${e.value}`;
  if (e.kind === 'var') return `$${String(e.index).padStart(4, '0')}`;
  return `${e.op}(${e.args.map(exprKey).join(',')})`;
}

const constantSum = (c: number): Sum => ({ constant: c, terms: [] });
const atomSum = (base: Expr): Sum => ({ constant: 0, terms: [{ coef: 1, factors: [{ base, key: exprKey(base), power: 1 }] }] });
const monoKey = (t: Term): string => t.factors.map((f) => `${f.key}^${f.power}`).join('*');

function isConstant(s: Sum): boolean {
  return s.terms.length === 0;
}
/** A single term with no constant: a monomial that multiplies and divides exactly. */
function isMonomial(s: Sum): boolean {
  return s.constant === 0 && s.terms.length === 1;
}

/** A term that is only `c * (sum)` joins the outer sum: a sum of sums is one sum. */
function flatten(s: Sum): Sum {
  let out: Sum = { constant: s.constant, terms: [] };
  for (const t of s.terms) {
    const f = t.factors[0]!;
    if (t.factors.length === 1 && f.power === 1 && f.base.kind === 'op' && (f.base.op === '+' || f.base.op === '-')) {
      out = addSums(out, scaleSum(canonical(f.base), t.coef), 1, false);
    } else out.terms.push(t);
  }
  return out;
}

function addSums(a0: Sum, b0: Sum, sign: number, flat = true): Sum {
  const a = flat ? flatten(a0) : a0;
  const b = flat ? flatten(b0) : b0;
  const map = new Map<string, Term>();
  for (const t of a.terms) map.set(monoKey(t), { ...t });
  for (const t of b.terms) {
    const k = monoKey(t);
    const cur = map.get(k);
    if (cur) cur.coef += sign * t.coef;
    else map.set(k, { coef: sign * t.coef, factors: t.factors });
  }
  return { constant: a.constant + sign * b.constant, terms: [...map.values()].filter((t) => t.coef !== 0) };
}

function scaleSum(s: Sum, k: number): Sum {
  if (k === 0) return constantSum(0);
  return { constant: s.constant * k, terms: s.terms.map((t) => ({ coef: t.coef * k, factors: t.factors })) };
}

function mulTerms(a: Term, b: Term): Term {
  const map = new Map<string, Factor>();
  for (const f of a.factors) map.set(f.key, { ...f });
  for (const f of b.factors) {
    const cur = map.get(f.key);
    if (cur) cur.power += f.power;
    else map.set(f.key, { ...f });
  }
  return { coef: a.coef * b.coef, factors: sortFactors([...map.values()].flatMap(settleFactor)) };
}

/** sqrt(X)^2k -> X^k; zero powers vanish. */
function settleFactor(f: Factor): Factor[] {
  if (f.power === 0) return [];
  if (f.base.kind === 'op' && f.base.op === 'sqrt' && f.power % 2 === 0) {
    const inner = canonical(f.base.args[0]!);
    const p = powerSum(inner, f.power / 2);
    return isMonomial(p) && p.terms[0]!.coef === 1 ? p.terms[0]!.factors : [{ base: sumToExpr(p), key: exprKey(sumToExpr(p)), power: 1 }];
  }
  return [f];
}

function sortFactors(fs: Factor[]): Factor[] {
  return fs.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** A sum as one factor (a parenthesised group). */
function asFactor(s: Sum, power: number): Term {
  const base = sumToExpr(s);
  return { coef: 1, factors: [{ base, key: exprKey(base), power }] };
}

function termOf(s: Sum): Term {
  return isMonomial(s) ? s.terms[0]! : asFactor(s, 1);
}

function mulSums(a: Sum, b: Sum): Sum {
  if (isConstant(a)) return scaleSum(b, a.constant);
  if (isConstant(b)) return scaleSum(a, b.constant);
  const pa = polynomialVariable(a);
  const pb = polynomialVariable(b);
  if (pa !== null && pb !== null && (pa === pb || pa === undefined || pb === undefined)) {
    // Two polynomials in one variable: the product is printed expanded.
    let out = constantSum(0);
    const parts = (s: Sum): Term[] => [...(s.constant !== 0 ? [{ coef: s.constant, factors: [] }] : []), ...s.terms];
    for (const u of parts(a)) for (const w of parts(b)) {
      const t = mulTerms(u, w);
      out = addSums(out, t.factors.length === 0 ? constantSum(t.coef) : { constant: 0, terms: [t] }, 1, false);
    }
    return out;
  }
  const t = mulTerms(termOf(a), termOf(b));
  return expandUnivariate(t) ?? { constant: 0, terms: [t] };
}

/** The one variable a sum is a polynomial in (undefined: a constant), else null. */
function polynomialVariable(s: Sum): string | null | undefined {
  let v: string | undefined;
  for (const t of s.terms) {
    const w = onlyVariable(t);
    if (w === null || (v !== undefined && w !== undefined && w !== v)) return null;
    v = v ?? w;
  }
  return v;
}

/** The variable a term is a polynomial in, if it is one (powers of one variable only), else null. */
function onlyVariable(t: Term): string | null | undefined {
  let v: string | undefined;
  for (const f of t.factors) {
    if (f.base.kind !== 'var' || f.power < 0 || (v !== undefined && v !== f.key)) return null;
    v = f.key;
  }
  return v;
}

/**
 * A polynomial in one variable is printed expanded (`x * (1 + x)` -> `x + x^2`), as people write
 * polynomials; laws in several variables stay factored (`I * (c0 + c1 * Q)`).
 */
function expandUnivariate(t: Term): Sum | null {
  const sums = t.factors.filter((f) => f.base.kind === 'op' && (f.base.op === '+' || f.base.op === '-'));
  if (sums.length !== 1 || sums[0]!.power !== 1) return null;
  const rest: Term = { coef: t.coef, factors: t.factors.filter((f) => f !== sums[0]) };
  const inner = canonical(sums[0]!.base);
  const v = onlyVariable(rest);
  if (v === null) return null;
  for (const u of inner.terms) {
    const w = onlyVariable(u);
    if (w === null || (v !== undefined && w !== undefined && w !== v)) return null;
  }
  let out: Sum = { constant: 0, terms: rest.factors.length ? [{ ...rest, coef: rest.coef * inner.constant }].filter((x) => x.coef !== 0) : [] };
  if (!rest.factors.length) out = constantSum(rest.coef * inner.constant);
  for (const u of inner.terms) out = addSums(out, { constant: 0, terms: [mulTerms(rest, u)] }, 1, false);
  return out;
}

function powerSum(s: Sum, k: number): Sum {
  if (isConstant(s)) return constantSum(s.constant ** k);
  if (k === 0) return constantSum(1);
  if (isMonomial(s)) {
    const t = s.terms[0]!;
    return { constant: 0, terms: [{ coef: t.coef ** k, factors: sortFactors(t.factors.map((f) => ({ ...f, power: f.power * k })).flatMap(settleFactor)) }] };
  }
  return { constant: 0, terms: [{ coef: 1, factors: settleFactor({ base: sumToExpr(s), key: exprKey(sumToExpr(s)), power: k }) }] };
}

const EVEN = new Set<OperatorName>(['cos', 'abs']);
const ODD = new Set<OperatorName>(['sin', 'tanh']);

/** The canonical sum of an expression. */
function canonical(e: Expr): Sum {
  if (e.kind === 'num') return constantSum(e.value);
  if (e.kind === 'var') return atomSum(e);
  const args = e.args.map(canonical);
  const [a, b] = args as [Sum, Sum];
  if (args.every(isConstant)) {
    const v = args.length === 1 ? unaryScalar(OP[e.op], a.constant) : binaryScalar(OP[e.op], a.constant, b.constant);
    if (Number.isFinite(v)) return constantSum(v);
  }
  switch (e.op) {
    case '+':
      return addSums(a, b, 1);
    case '-':
      return addSums(a, b, -1);
    case 'neg':
      return scaleSum(a, -1);
    case '*':
      return mulSums(a, b);
    case '/':
      if (isConstant(b)) return scaleSum(a, 1 / b.constant);
      return mulSums(a, powerSum(b, -1));
    case 'inv':
      return powerSum(a, -1);
    case 'square':
      return powerSum(a, 2);
    case 'cube':
      return powerSum(a, 3);
    case 'pow':
      if (isConstant(b) && Number.isInteger(b.constant) && Math.abs(b.constant) <= 16) return powerSum(a, b.constant);
      return atomSum(op('pow', sumToExpr(a), sumToExpr(b)));
    case 'sqrt':
      // sqrt(c m) = sqrt(c) sqrt(m) for c > 0; the root of a monomial stays one factor (sqrt(x^2) is |x|).
      if (isMonomial(a) && a.terms[0]!.coef > 0 && a.terms[0]!.coef !== 1) {
        return scaleSum(atomSum(op('sqrt', sumToExpr({ constant: 0, terms: [{ ...a.terms[0]!, coef: 1 }] }))), Math.sqrt(a.terms[0]!.coef));
      }
      return atomSum(op('sqrt', sumToExpr(a)));
    case 'exp':
      // exp(k log u) = u^k (where u > 0, the only place the original is defined).
      if (isMonomial(a) && a.terms[0]!.factors.length === 1) {
        const f = a.terms[0]!.factors[0]!;
        const k = a.terms[0]!.coef;
        if (f.power === 1 && f.base.kind === 'op' && f.base.op === 'log') {
          const u = canonical(f.base.args[0]!);
          if (Number.isInteger(k) && Math.abs(k) <= 16) return powerSum(u, k);
          if (Math.abs(k) === 0.5) return powerSum(atomSum(op('sqrt', sumToExpr(u))), Math.sign(k));
          return atomSum(op('pow', sumToExpr(u), num(k)));
        }
      }
      break;
    case 'log':
      if (isMonomial(a) && a.terms[0]!.factors.length === 1 && a.terms[0]!.coef === 1) {
        const f = a.terms[0]!.factors[0]!;
        if (f.power === 1 && f.base.kind === 'op' && f.base.op === 'exp') return canonical(f.base.args[0]!);
      }
      break;
    default:
      break;
  }
  if (args.length === 1 && (EVEN.has(e.op) || ODD.has(e.op)) && leadingSign(a) < 0) {
    // cos(-u) = cos(u), sin(-u) = -sin(u): one sign convention inside functions.
    const inner = atomSum(op(e.op, sumToExpr(scaleSum(a, -1))));
    return ODD.has(e.op) ? scaleSum(inner, -1) : inner;
  }
  return atomSum(op(e.op, ...args.map(sumToExpr)));
}

/** Sign of the first printed part of a sum (its first term, else its constant). */
function leadingSign(s: Sum): number {
  const t = orderedTerms(s)[0];
  return t ? Math.sign(t.coef) : Math.sign(s.constant);
}

/** Terms by increasing complexity (degree, then number of factors, then key), as in a series. */
function orderedTerms(s: Sum): Term[] {
  const degree = (t: Term): number => t.factors.reduce((d, f) => d + Math.abs(f.power), 0);
  return [...s.terms].sort((x, y) => degree(x) - degree(y) || x.factors.length - y.factors.length || (monoKey(x) < monoKey(y) ? -1 : monoKey(x) > monoKey(y) ? 1 : 0));
}

function powerExpr(base: Expr, p: number): Expr {
  if (p === 1) return base;
  if (p === 2) return op('square', base);
  if (p === 3) return op('cube', base);
  return op('pow', base, num(p));
}

const isSumExpr = (e: Expr): boolean => e.kind === 'op' && (e.op === '+' || e.op === '-');

/** Factors of one sign of power, variables and functions before parenthesised sums, left to right. */
function productOf(fs: Factor[], lead: Expr | null = null): Expr | null {
  const ordered = [...fs.filter((f) => !isSumExpr(f.base)), ...fs.filter((f) => isSumExpr(f.base))];
  let out: Expr | null = lead;
  for (const f of ordered) {
    const x = powerExpr(f.base, Math.abs(f.power));
    out = out ? op('*', out, x) : x;
  }
  return out;
}

/** A fitted coefficient within rounding of 1 (1 - 1e-12) is printed as no coefficient at all. */
const isOne = (c: number): boolean => Math.abs(c - 1) <= 1e-9;

/** One term, coefficient magnitude first: `c * a * b / (d * e)`; the sign is left to the caller. */
function termExpr(t: Term, coef: number): Expr {
  const numer = productOf(t.factors.filter((f) => f.power > 0), isOne(coef) ? null : num(coef));
  const denom = productOf(t.factors.filter((f) => f.power < 0));
  if (denom) return op('/', numer ?? num(1), denom);
  return numer ?? num(coef);
}

/** The sign of what prints first: a positive constant leads, else the first term. */
function printedLeadingSign(s: Sum): number {
  return s.constant > 0 ? 1 : leadingSign(s);
}

/**
 * A sum in a denominator with a constant is scaled so that the constant is 1, its factor going to the
 * coefficient: `1.165 I / (10.24 - 3.57e8 Q)` -> `0.1138 I / (1 - 3.49e7 Q)`, the `R / (1 - Q / Q0)`
 * form people write.
 */
function normaliseDenominators(t: Term): Term {
  let coef = t.coef;
  const factors = t.factors.map((f) => {
    if (f.power >= 0 || !isSumExpr(f.base)) return f;
    const s = canonical(f.base);
    if (s.constant === 0 || s.constant === 1) return f;
    coef *= s.constant ** f.power;
    const base = sumToExpr(scaleSum(s, 1 / s.constant));
    return { base, key: exprKey(base), power: f.power };
  });
  return { coef, factors };
}

/**
 * A negative term takes its sign into a sum factor when that makes the sum start positive
 * (`-k I / (a Q - b)` -> `k I / (b - a Q)`); then the number goes into its one parenthesised sum, if
 * it has exactly one (to the first power): `2 * x * (y + 1)` -> `x * (2 + 2 * y)`, so the fitted
 * coefficients are printed where they act.
 */
function arrangeTerm(t0: Term): Term {
  let t = normaliseDenominators(t0);
  if (t.coef < 0) {
    const odd = t.factors.filter((f) => isSumExpr(f.base) && Math.abs(f.power) % 2 === 1);
    const flip = [...odd.filter((f) => f.power < 0), ...odd.filter((f) => f.power > 0)].find((f) => printedLeadingSign(scaleSum(canonical(f.base), -1)) > 0);
    if (flip) {
      const base = sumToExpr(scaleSum(canonical(flip.base), -1));
      t = { coef: -t.coef, factors: t.factors.map((f) => (f === flip ? { base, key: exprKey(base), power: f.power } : f)) };
    }
  }
  const mag = Math.abs(t.coef);
  if (isOne(mag)) return t;
  const sums = t.factors.filter((f) => isSumExpr(f.base));
  if (sums.length !== 1 || sums[0]!.power !== 1) return t;
  const inner = scaleSum(canonical(sums[0]!.base), mag);
  const base = sumToExpr(inner);
  return { coef: Math.sign(t.coef), factors: t.factors.map((f) => (f === sums[0] ? { base, key: exprKey(base), power: 1 } : f)) };
}

/**
 * Factors common to every term of a sum without constant (positive powers), unless the sum is a
 * polynomial in one variable: `c0 I + c1 I Q` -> `I * (c0 + c1 Q)`, but `x + x^2` stays.
 */
function commonFactor(s: Sum): { common: Factor[]; rest: Sum } | null {
  if (s.constant !== 0 || s.terms.length < 2) return null;
  const vars = new Set(s.terms.map(onlyVariable));
  if (vars.size === 1 && !vars.has(null)) return null;
  const common: Factor[] = [];
  for (const f of s.terms[0]!.factors) {
    if (f.power <= 0) continue;
    let p = f.power;
    for (const t of s.terms) {
      const g = t.factors.find((x) => x.key === f.key);
      p = g && g.power > 0 ? Math.min(p, g.power) : 0;
    }
    if (p > 0) common.push({ ...f, power: p });
  }
  if (common.length === 0) return null;
  const divide = (t: Term): Term => ({
    coef: t.coef,
    factors: t.factors.map((f) => ({ ...f, power: f.power - (common.find((c) => c.key === f.key)?.power ?? 0) })).filter((f) => f.power !== 0),
  });
  const rest: Sum = { constant: 0, terms: [] };
  for (const t of s.terms) {
    const r = divide(t);
    if (r.factors.length === 0) rest.constant += r.coef;
    else rest.terms.push(r);
  }
  return { common, rest };
}

function sumToExpr(s: Sum): Expr {
  const cf = commonFactor(s);
  if (cf) {
    const rest = sumToExpr(cf.rest);
    const base = productOf(cf.common)!;
    return op('*', base, rest);
  }
  // A positive constant leads (`1 - g * Q`), a negative one trails (`x - 1`).
  let out: Expr | null = s.constant > 0 || s.terms.length === 0 ? num(s.constant) : null;
  for (const raw of orderedTerms(s)) {
    const t = arrangeTerm(raw);
    if (out === null) {
      out = t.coef < 0 ? op('neg', termExpr(t, -t.coef)) : termExpr(t, t.coef);
      continue;
    }
    out = t.coef < 0 ? op('-', out, termExpr(t, -t.coef)) : op('+', out, termExpr(t, t.coef));
  }
  if (s.constant < 0 && s.terms.length > 0) out = op('-', out!, num(-s.constant));
  return out!;
}

/** The canonical form of a display expression. */
export function simplify(e: Expr): Expr {
  // A second pass settles groups that only became canonical after their contents did.
  return sumToExpr(canonical(sumToExpr(canonical(e))));
}
