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
