/**
 * The operator set of symbolic regression. Each operator has a fixed code (its index here), an arity,
 * and how it prints as text and LaTeX. Semantics are the plain mathematical ones (no "protected"
 * division or log): a candidate that produces NaN or infinity on the data is simply invalid.
 */
export interface Operator {
  name: string;
  arity: 1 | 2;
  /** Binding strength for printing infix binary operators (higher binds tighter). */
  precedence: number;
}

export const OPERATORS = [
  { name: '+', arity: 2, precedence: 1 },
  { name: '-', arity: 2, precedence: 1 },
  { name: '*', arity: 2, precedence: 2 },
  { name: '/', arity: 2, precedence: 2 },
  { name: 'pow', arity: 2, precedence: 4 },
  { name: 'sin', arity: 1, precedence: 9 },
  { name: 'cos', arity: 1, precedence: 9 },
  { name: 'exp', arity: 1, precedence: 9 },
  { name: 'log', arity: 1, precedence: 9 },
  { name: 'sqrt', arity: 1, precedence: 9 },
  { name: 'square', arity: 1, precedence: 9 },
  { name: 'cube', arity: 1, precedence: 9 },
  { name: 'neg', arity: 1, precedence: 9 },
  { name: 'inv', arity: 1, precedence: 9 },
  { name: 'abs', arity: 1, precedence: 9 },
  { name: 'tanh', arity: 1, precedence: 9 },
] as const satisfies readonly Operator[];

export type OperatorName = (typeof OPERATORS)[number]['name'];

export const OP = Object.fromEntries(OPERATORS.map((o, i) => [o.name, i])) as Record<OperatorName, number>;

/** Leaf tokens: variables and constants are encoded above the operator codes. */
export const VAR_BASE = 1000;
export const CONST_BASE = 2000;

export function isConstant(token: number): boolean {
  return token >= CONST_BASE;
}
export function arity(token: number): number {
  return token < VAR_BASE ? OPERATORS[token]!.arity : 0;
}

/** Operator codes from names, with a clear error for an unknown one. */
export function operatorCodes(names: readonly string[]): number[] {
  return names.map((n) => {
    const i = OPERATORS.findIndex((o) => o.name === n);
    if (i < 0) throw new RangeError(`unknown operator '${n}' (known: ${OPERATORS.map((o) => o.name).join(' ')})`);
    return i;
  });
}
