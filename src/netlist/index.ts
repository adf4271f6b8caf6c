/**
 * The netlist language, public API: text -> AST (`parseNetlist`), AST -> Circuit (`elaborate`),
 * file -> Circuit (`loadNetlist`, in src/io/loadNetlist.ts: the disk adapter). None of them throws on bad input: problems come back as
 * diagnostics with file:line:column, and `circuit` is undefined when any of them is an error.
 */
export { parseNetlist, type ParseOptions } from './parse.js';
export { elaborate, type ElaborateOptions } from './elaborate.js';
export { parseSpiceNumber, parseScanRate } from './numbers.js';
export type { NetlistAst, StatementAst, ElementAst, DirectiveAst, Expr } from './ast.js';
