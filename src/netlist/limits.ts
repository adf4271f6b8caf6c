/**
 * Structural limits of the language. The parser, the `.param` evaluator and the behavioural-source
 * compiler recurse over nesting; these bounds keep every recursion far inside the JavaScript stack
 * (a worker thread's is the smallest, ~4 MB) and turn an input past them into a positioned error
 * instead of a stack overflow. They are far beyond any hand-written or generated netlist we know.
 */

/** Parentheses and braces open at once on one line: `((((1))))` is 4. */
export const MAX_PAREN_NESTING = 100;
/** Depth of an expression tree: `1+1+...+1` with n terms is n - 1 deep, `----1` is 4. */
export const MAX_EXPRESSION_DEPTH = 1000;
/** `.subckt` definitions open inside one another. */
export const MAX_SUBCKT_NESTING = 100;
/** Subcircuit instances inside one another (X1 instantiating a subcircuit holding X2, ...). */
export const MAX_INSTANCE_DEPTH = 200;
/** Parameters whose values depend on one another in a chain (`.param p2={p1+1}` ...). */
export const MAX_PARAM_CHAIN = 1000;

/** Layers of one `.ladder` (two unknowns each): beyond this the matrix alone outgrows the memory of a workstation. */
export const MAX_LADDER_LAYERS = 1_000_000;
/** Frequencies of one `.ac` sweep. */
export const MAX_AC_POINTS = 1_000_000;
/** Points of a `.step` sweep (the product over its axes). */
export const MAX_SWEEP_POINTS = 100_000;

/** A count for a limit message: 1,000,000 or, past a billion, 1e+15. */
export function formatCount(n: number): string {
  return n < 1e9 ? Math.round(n).toLocaleString('en-US') : n.toExponential(0);
}
