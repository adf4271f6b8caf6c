/**
 * `.param` scopes and the expression evaluator (a tree walk over our own AST; never eval).
 * Parameters may reference each other in any order: each is evaluated on first use, with cycle
 * detection. A subcircuit instance gets a child scope holding its `params:` (overridden by the
 * instance line) and its local `.param`s; lookups fall back to the enclosing scope.
 */
import type { Diagnostic } from '../diagnostics.js';
import { formatLocation } from '../diagnostics.js';
import type { Expr, Loc } from './ast.js';
import { MAX_PARAM_CHAIN } from './limits.js';

interface ParamDef {
  expr: Expr;
  loc: Loc;
  /** Scope in which the expression is evaluated (the caller's scope for instance overrides). */
  evalScope: ParamScope;
}

/** Built-in functions: name -> [min args, max args, implementation]. */
/** Built-in functions (a Map: a name such as `constructor` must not find Object.prototype's). */
const FUNCTIONS = new Map<string, [number, number, (...a: number[]) => number]>(Object.entries({
  sqrt: [1, 1, Math.sqrt],
  exp: [1, 1, Math.exp],
  log: [1, 1, Math.log],
  ln: [1, 1, Math.log],
  log10: [1, 1, Math.log10],
  abs: [1, 1, Math.abs],
  sin: [1, 1, Math.sin],
  cos: [1, 1, Math.cos],
  tan: [1, 1, Math.tan],
  asin: [1, 1, Math.asin],
  acos: [1, 1, Math.acos],
  atan: [1, 1, Math.atan],
  sinh: [1, 1, Math.sinh],
  cosh: [1, 1, Math.cosh],
  tanh: [1, 1, Math.tanh],
  floor: [1, 1, Math.floor],
  ceil: [1, 1, Math.ceil],
  round: [1, 1, Math.round],
  sgn: [1, 1, Math.sign],
  min: [2, Infinity, Math.min],
  max: [2, Infinity, Math.max],
  pow: [2, 2, Math.pow],
  atan2: [2, 2, Math.atan2],
} satisfies Record<string, [number, number, (...a: number[]) => number]>));
export const FUNCTION_NAMES = [...FUNCTIONS.keys()].join(', ');

/** Constants available when no parameter of the same name is defined. */
const CONSTANTS = new Map<string, number>([['pi', Math.PI]]);

/** Reports each diagnostic once (subcircuit bodies are evaluated once per instance). */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  add(d: Diagnostic): void {
    const key = `${formatLocation(d.loc)}|${d.severity}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(d);
  }

  error(loc: Loc, message: string): void {
    this.add({ severity: 'error', message, loc });
  }

  warning(loc: Loc, message: string): void {
    this.add({ severity: 'warning', message, loc });
  }

  get errorCount(): number {
    return this.list.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0);
  }
}

export class ParamScope {
  private readonly defs = new Map<string, ParamDef>();
  private readonly values = new Map<string, number | undefined>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly sink: DiagnosticSink,
    readonly parent?: ParamScope,
  ) {}

  /** Adds a definition; a second definition of a name in the same scope is an error. */
  define(name: string, expr: Expr, loc: Loc, evalScope: ParamScope = this): void {
    const prev = this.defs.get(name);
    if (prev) {
      this.sink.error(loc, `parameter '${name}' is already defined at ${formatLocation(prev.loc)}`);
      return;
    }
    this.defs.set(name, { expr, loc, evalScope });
  }

  /** Replaces a definition (instance overrides of subcircuit defaults). */
  override(name: string, expr: Expr, loc: Loc, evalScope: ParamScope): void {
    this.defs.set(name, { expr, loc, evalScope });
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  /** Evaluates every definition (so unused but broken parameters are reported too). */
  evaluateAll(): void {
    for (const name of this.defs.keys()) this.lookup(name, this.defs.get(name)!.loc, []);
  }

  /** The value of an expression, or undefined after reporting why it has none. */
  evaluate(expr: Expr): number | undefined {
    if (expr.kind === 'number') return expr.value;
    return this.eval(expr, []);
  }

  private lookup(name: string, useLoc: Loc, chain: string[]): number | undefined {
    for (let s: ParamScope | undefined = this; s; s = s.parent) {
      const def = s.defs.get(name);
      if (!def) continue;
      if (s.values.has(name)) return s.values.get(name);
      if (s.busy.has(name)) {
        const start = chain.indexOf(name);
        const cycle = [...chain.slice(start < 0 ? 0 : start), name].join(' -> ');
        this.sink.error(def.loc, `circular parameter definition: ${cycle}`);
        return undefined;
      }
      if (chain.length >= MAX_PARAM_CHAIN) {
        // Each link is a nested evaluation: refuse before the stack runs out.
        this.sink.error(def.loc, `parameter '${name}' depends on a chain of more than ${MAX_PARAM_CHAIN} parameters (${chain[0]} -> ... -> ${name}): define fewer parameters in terms of one another`);
        s.values.set(name, undefined);
        return undefined;
      }
      s.busy.add(name);
      const v = def.evalScope.eval(def.expr, [...chain, name]);
      s.busy.delete(name);
      s.values.set(name, v);
      return v;
    }
    const constant = CONSTANTS.get(name);
    if (constant !== undefined) return constant;
    this.sink.error(useLoc, `unknown parameter '${name}': expected a parameter defined with .param${this.parent ? ', a subcircuit parameter' : ''} or a number`);
    return undefined;
  }

  private eval(e: Expr, chain: string[]): number | undefined {
    switch (e.kind) {
      case 'number':
        return e.value;
      case 'param':
        return this.lookup(e.name, e.loc, chain);
      case 'unary': {
        const a = this.eval(e.arg, chain);
        return a === undefined ? undefined : e.op === '-' ? -a : a;
      }
      case 'binary': {
        const l = this.eval(e.left, chain);
        const r = this.eval(e.right, chain);
        if (l === undefined || r === undefined) return undefined;
        let v: number;
        switch (e.op) {
          case '+':
            v = l + r;
            break;
          case '-':
            v = l - r;
            break;
          case '*':
            v = l * r;
            break;
          case '/':
            if (r === 0) {
              this.sink.error(e.loc, 'division by zero');
              return undefined;
            }
            v = l / r;
            break;
          case '^':
            v = Math.pow(l, r);
            break;
        }
        return this.finite(v, e.loc, `${l} ${e.op} ${r}`);
      }
      case 'call': {
        const f = FUNCTIONS.get(e.fn);
        if (!f) {
          this.sink.error(e.loc, `unknown function '${e.fn}': expected one of ${FUNCTION_NAMES}`);
          return undefined;
        }
        const [min, max, impl] = f;
        if (e.args.length < min || e.args.length > max) {
          const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
          this.sink.error(e.loc, `${e.fn}() takes ${want} argument${min === 1 && max === 1 ? '' : 's'}, found ${e.args.length}`);
          return undefined;
        }
        const args = e.args.map((a) => this.eval(a, chain));
        if (args.some((a) => a === undefined)) return undefined;
        return this.finite(impl(...(args as number[])), e.loc, `${e.fn}(${args.join(', ')})`);
      }
    }
  }

  private finite(v: number, loc: Loc, what: string): number | undefined {
    if (Number.isFinite(v)) return v;
    this.sink.error(loc, `${what} is ${Number.isNaN(v) ? 'not a real number' : 'infinite'}`);
    return undefined;
  }
}
