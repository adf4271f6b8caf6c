/**
 * A behavioural expression compiled to a flat tape of operations over preallocated typed arrays:
 * `evaluate` runs it forward, then a reverse sweep gives the exact gradient with respect to every
 * input (the unknowns it reads), so Newton gets the true Jacobian. No eval, no closures per node,
 * no allocation per call. Non-smooth functions (abs, min, max, sgn, floor...) use the derivative
 * of the active branch.
 */
import type { BehaviouralExpr } from './circuit.js';

const enum Op {
  Const,
  Load,
  Time,
  Neg,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Fn1,
  Min,
  Max,
  Atan2,
}

/** One-argument functions: value and derivative. */
const UNARY = new Map<string, [(x: number) => number, (x: number, y: number) => number]>(Object.entries({
  sqrt: [Math.sqrt, (_x, y) => 0.5 / y],
  exp: [Math.exp, (_x, y) => y],
  log: [Math.log, (x) => 1 / x],
  ln: [Math.log, (x) => 1 / x],
  log10: [Math.log10, (x) => 1 / (x * Math.LN10)],
  abs: [Math.abs, (x) => (x < 0 ? -1 : 1)],
  sin: [Math.sin, (x) => Math.cos(x)],
  cos: [Math.cos, (x) => -Math.sin(x)],
  tan: [Math.tan, (x) => 1 + Math.tan(x) ** 2],
  asin: [Math.asin, (x) => 1 / Math.sqrt(1 - x * x)],
  acos: [Math.acos, (x) => -1 / Math.sqrt(1 - x * x)],
  atan: [Math.atan, (x) => 1 / (1 + x * x)],
  sinh: [Math.sinh, (x) => Math.cosh(x)],
  cosh: [Math.cosh, (x) => Math.sinh(x)],
  tanh: [Math.tanh, (_x, y) => 1 - y * y],
  floor: [Math.floor, () => 0],
  ceil: [Math.ceil, () => 0],
  round: [Math.round, () => 0],
  sgn: [Math.sign, () => 0],
} satisfies Record<string, [(x: number) => number, (x: number, y: number) => number]>));
export const BEHAVIOURAL_FUNCTIONS: readonly string[] = [...UNARY.keys(), 'min', 'max', 'pow', 'atan2'];

/** Where an input of the tape comes from: an MNA unknown index. */
export class BehaviouralTape {
  private readonly op: Int32Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly c: Float64Array;
  private readonly fns: ((x: number) => number)[] = [];
  private readonly dfns: ((x: number, y: number) => number)[] = [];
  private readonly val: Float64Array;
  private readonly adj: Float64Array;
  /** MNA unknowns the expression reads, in input order (distinct). */
  readonly inputs: number[];
  /** d value / d input, filled by `evaluate`. */
  readonly grad: Float64Array;
  /** True if the expression reads the time. */
  readonly usesTime: boolean;

  /**
   * `unknownOfNode` maps a circuit node to its MNA unknown (ground to the ground slot, which always
   * holds 0); `branchOf` maps a source key to its branch unknown.
   */
  constructor(expr: BehaviouralExpr, unknownOfNode: (node: number) => number, branchOf: (source: string) => number, groundIndex: number) {
    const ops: number[] = [];
    const as: number[] = [];
    const bs: number[] = [];
    const cs: number[] = [];
    const inputs: number[] = [];
    let usesTime = false;
    const emit = (o: Op, a = 0, b = 0, c = 0): number => {
      ops.push(o);
      as.push(a);
      bs.push(b);
      cs.push(c);
      return ops.length - 1;
    };
    const load = (u: number): number => {
      if (u === groundIndex) return emit(Op.Const, 0, 0, 0);
      let k = inputs.indexOf(u);
      if (k < 0) {
        k = inputs.length;
        inputs.push(u);
      }
      return emit(Op.Load, k);
    };
    const walk = (e: BehaviouralExpr): number => {
      switch (e.kind) {
        case 'const':
          return emit(Op.Const, 0, 0, e.value);
        case 'time':
          usesTime = true;
          return emit(Op.Time);
        case 'v': {
          const p = load(unknownOfNode(e.node));
          if (e.ref === 0) return p;
          return emit(Op.Sub, p, load(unknownOfNode(e.ref)));
        }
        case 'i':
          return load(branchOf(e.source));
        case 'neg':
          return emit(Op.Neg, walk(e.arg));
        case 'bin': {
          const l = walk(e.left);
          const r = walk(e.right);
          const o = { '+': Op.Add, '-': Op.Sub, '*': Op.Mul, '/': Op.Div, '^': Op.Pow }[e.op];
          return emit(o, l, r);
        }
        case 'fn': {
          const f = UNARY.get(e.fn);
          if (f) {
            if (e.args.length !== 1) throw new Error(`${e.fn}() takes 1 argument`);
            this.fns.push(f[0]);
            this.dfns.push(f[1]);
            return emit(Op.Fn1, walk(e.args[0]!), this.fns.length - 1);
          }
          const o = e.fn === 'min' ? Op.Min : e.fn === 'max' ? Op.Max : e.fn === 'pow' ? Op.Pow : e.fn === 'atan2' ? Op.Atan2 : undefined;
          if (o === undefined) throw new Error(`unknown function ${e.fn}()`);
          let acc = walk(e.args[0]!);
          for (let k = 1; k < e.args.length; k++) acc = emit(o, acc, walk(e.args[k]!));
          return acc;
        }
      }
    };
    walk(expr);
    this.op = Int32Array.from(ops);
    this.a = Int32Array.from(as);
    this.b = Int32Array.from(bs);
    this.c = Float64Array.from(cs);
    this.val = new Float64Array(ops.length);
    this.adj = new Float64Array(ops.length);
    this.inputs = inputs;
    this.grad = new Float64Array(inputs.length);
    this.usesTime = usesTime;
  }

  /** Value at the iterate x and time t; fills `grad` with the exact partial derivatives. */
  evaluate(x: Float64Array, t: number): number {
    const { op, a, b, c, val, adj, grad, inputs } = this;
    const n = op.length;
    for (let k = 0; k < n; k++) {
      const ia = a[k]!;
      const ib = b[k]!;
      switch (op[k]) {
        case Op.Const:
          val[k] = c[k]!;
          break;
        case Op.Load:
          val[k] = x[inputs[ia]!]!;
          break;
        case Op.Time:
          val[k] = t;
          break;
        case Op.Neg:
          val[k] = -val[ia]!;
          break;
        case Op.Add:
          val[k] = val[ia]! + val[ib]!;
          break;
        case Op.Sub:
          val[k] = val[ia]! - val[ib]!;
          break;
        case Op.Mul:
          val[k] = val[ia]! * val[ib]!;
          break;
        case Op.Div:
          val[k] = val[ia]! / val[ib]!;
          break;
        case Op.Pow:
          val[k] = Math.pow(val[ia]!, val[ib]!);
          break;
        case Op.Fn1:
          val[k] = this.fns[ib]!(val[ia]!);
          break;
        case Op.Min:
          val[k] = Math.min(val[ia]!, val[ib]!);
          break;
        case Op.Max:
          val[k] = Math.max(val[ia]!, val[ib]!);
          break;
        case Op.Atan2:
          val[k] = Math.atan2(val[ia]!, val[ib]!);
          break;
      }
    }
    adj.fill(0);
    grad.fill(0);
    adj[n - 1] = 1;
    for (let k = n - 1; k >= 0; k--) {
      const g = adj[k]!;
      if (g === 0) continue;
      const ia = a[k]!;
      const ib = b[k]!;
      switch (op[k]) {
        case Op.Load:
          grad[ia] += g;
          break;
        case Op.Neg:
          adj[ia] -= g;
          break;
        case Op.Add:
          adj[ia] += g;
          adj[ib] += g;
          break;
        case Op.Sub:
          adj[ia] += g;
          adj[ib] -= g;
          break;
        case Op.Mul:
          adj[ia] += g * val[ib]!;
          adj[ib] += g * val[ia]!;
          break;
        case Op.Div: {
          const r = val[ib]!;
          adj[ia] += g / r;
          adj[ib] -= (g * val[k]!) / r;
          break;
        }
        case Op.Pow: {
          const x0 = val[ia]!;
          const y0 = val[ib]!;
          adj[ia] += g * (x0 === 0 ? (y0 === 1 ? 1 : 0) : (y0 * val[k]!) / x0);
          if (x0 > 0) adj[ib] += g * val[k]! * Math.log(x0);
          break;
        }
        case Op.Fn1:
          adj[ia] += g * this.dfns[ib]!(val[ia]!, val[k]!);
          break;
        case Op.Min:
          if (val[ia]! <= val[ib]!) adj[ia] += g;
          else adj[ib] += g;
          break;
        case Op.Max:
          if (val[ia]! >= val[ib]!) adj[ia] += g;
          else adj[ib] += g;
          break;
        case Op.Atan2: {
          const y0 = val[ia]!;
          const x0 = val[ib]!;
          const d = x0 * x0 + y0 * y0;
          adj[ia] += (g * x0) / d;
          adj[ib] -= (g * y0) / d;
          break;
        }
      }
    }
    return val[n - 1]!;
  }
}
