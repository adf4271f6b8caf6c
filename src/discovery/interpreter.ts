/**
 * The inner loop of symbolic regression: a postfix program evaluated over whole typed-array columns.
 * One switch per token, then a tight loop over the rows; every buffer is allocated once, up front, so an
 * evaluation allocates nothing. Variable columns are referenced, not copied; constant subtrees stay
 * scalars until they meet a column.
 */
import { CONST_BASE, OP, OPERATORS, VAR_BASE } from './operators.js';

export class Interpreter {
  readonly rows: number;
  private readonly columns: readonly Float64Array[];
  /** pool[k] is owned by stack position k. */
  private readonly pool: Float64Array[];
  private readonly refs: Array<Float64Array | null>;
  private readonly scal: Float64Array;
  /** Token-times-rows work done so far (node evaluations), for throughput figures. */
  nodeEvaluations = 0;
  /** The value of the last program when it had no variable at all. */
  scalarResult = 0;

  constructor(columns: readonly Float64Array[], maxLength: number) {
    this.columns = columns;
    this.rows = columns[0]?.length ?? 0;
    this.pool = Array.from({ length: maxLength + 1 }, () => new Float64Array(this.rows));
    this.refs = new Array<Float64Array | null>(maxLength + 1).fill(null);
    this.scal = new Float64Array(maxLength + 1);
  }

  /**
   * Evaluates tokens[0..length) with the given constants. Returns the result column (owned by the
   * interpreter or a feature column: read it before the next call), or null when the program is
   * constant (its value is then in `scalarResult`).
   */
  evaluate(tokens: Int32Array, length: number, consts: Float64Array): Float64Array | null {
    const n = this.rows;
    const refs = this.refs;
    const scal = this.scal;
    let sp = 0;
    for (let t = 0; t < length; t++) {
      const tok = tokens[t]!;
      if (tok >= CONST_BASE) {
        refs[sp] = null;
        scal[sp] = consts[tok - CONST_BASE]!;
        sp++;
        continue;
      }
      if (tok >= VAR_BASE) {
        refs[sp] = this.columns[tok - VAR_BASE]!;
        sp++;
        continue;
      }
      if (OPERATORS[tok]!.arity === 1) {
        const a = refs[sp - 1]!;
        if (a === null) {
          scal[sp - 1] = unaryScalar(tok, scal[sp - 1]!);
        } else {
          const out = this.pool[sp - 1]!;
          unaryColumn(tok, a, out, n);
          refs[sp - 1] = out;
        }
        continue;
      }
      const a = refs[sp - 2]!;
      const b = refs[sp - 1]!;
      sp--;
      const out = this.pool[sp - 1]!;
      if (a === null && b === null) scal[sp - 1] = binaryScalar(tok, scal[sp - 1]!, scal[sp]!);
      else if (b === null) {
        binaryColumnScalar(tok, a, scal[sp]!, out, n);
        refs[sp - 1] = out;
      } else if (a === null) {
        binaryScalarColumn(tok, scal[sp - 1]!, b, out, n);
        refs[sp - 1] = out;
      } else {
        binaryColumns(tok, a, b, out, n);
        refs[sp - 1] = out;
      }
    }
    this.nodeEvaluations += length * n;
    if (refs[0] === null) {
      this.scalarResult = scal[0]!;
      return null;
    }
    return refs[0]!;
  }
}

export function unaryScalar(op: number, a: number): number {
  switch (op) {
    case OP.sin: return Math.sin(a);
    case OP.cos: return Math.cos(a);
    case OP.exp: return Math.exp(a);
    case OP.log: return Math.log(a);
    case OP.sqrt: return Math.sqrt(a);
    case OP.square: return a * a;
    case OP.cube: return a * a * a;
    case OP.neg: return -a;
    case OP.inv: return 1 / a;
    case OP.abs: return Math.abs(a);
    case OP.tanh: return Math.tanh(a);
    default: throw new RangeError(`not a unary operator: ${op}`);
  }
}

export function binaryScalar(op: number, a: number, b: number): number {
  switch (op) {
    case OP['+']: return a + b;
    case OP['-']: return a - b;
    case OP['*']: return a * b;
    case OP['/']: return a / b;
    case OP.pow: return Math.pow(a, b);
    default: throw new RangeError(`not a binary operator: ${op}`);
  }
}

function unaryColumn(op: number, a: Float64Array, o: Float64Array, n: number): void {
  switch (op) {
    case OP.sin: for (let i = 0; i < n; i++) o[i] = Math.sin(a[i]!); return;
    case OP.cos: for (let i = 0; i < n; i++) o[i] = Math.cos(a[i]!); return;
    case OP.exp: for (let i = 0; i < n; i++) o[i] = Math.exp(a[i]!); return;
    case OP.log: for (let i = 0; i < n; i++) o[i] = Math.log(a[i]!); return;
    case OP.sqrt: for (let i = 0; i < n; i++) o[i] = Math.sqrt(a[i]!); return;
    case OP.square: for (let i = 0; i < n; i++) { const v = a[i]!; o[i] = v * v; } return;
    case OP.cube: for (let i = 0; i < n; i++) { const v = a[i]!; o[i] = v * v * v; } return;
    case OP.neg: for (let i = 0; i < n; i++) o[i] = -a[i]!; return;
    case OP.inv: for (let i = 0; i < n; i++) o[i] = 1 / a[i]!; return;
    case OP.abs: for (let i = 0; i < n; i++) o[i] = Math.abs(a[i]!); return;
    case OP.tanh: for (let i = 0; i < n; i++) o[i] = Math.tanh(a[i]!); return;
    default: throw new RangeError(`not a unary operator: ${op}`);
  }
}

function binaryColumns(op: number, a: Float64Array, b: Float64Array, o: Float64Array, n: number): void {
  switch (op) {
    case OP['+']: for (let i = 0; i < n; i++) o[i] = a[i]! + b[i]!; return;
    case OP['-']: for (let i = 0; i < n; i++) o[i] = a[i]! - b[i]!; return;
    case OP['*']: for (let i = 0; i < n; i++) o[i] = a[i]! * b[i]!; return;
    case OP['/']: for (let i = 0; i < n; i++) o[i] = a[i]! / b[i]!; return;
    case OP.pow: for (let i = 0; i < n; i++) o[i] = Math.pow(a[i]!, b[i]!); return;
    default: throw new RangeError(`not a binary operator: ${op}`);
  }
}

function binaryColumnScalar(op: number, a: Float64Array, b: number, o: Float64Array, n: number): void {
  switch (op) {
    case OP['+']: for (let i = 0; i < n; i++) o[i] = a[i]! + b; return;
    case OP['-']: for (let i = 0; i < n; i++) o[i] = a[i]! - b; return;
    case OP['*']: for (let i = 0; i < n; i++) o[i] = a[i]! * b; return;
    case OP['/']: for (let i = 0; i < n; i++) o[i] = a[i]! / b; return;
    case OP.pow: for (let i = 0; i < n; i++) o[i] = Math.pow(a[i]!, b); return;
    default: throw new RangeError(`not a binary operator: ${op}`);
  }
}

export function binaryScalarColumn(op: number, a: number, b: Float64Array, o: Float64Array, n: number): void {
  switch (op) {
    case OP['+']: for (let i = 0; i < n; i++) o[i] = a + b[i]!; return;
    case OP['-']: for (let i = 0; i < n; i++) o[i] = a - b[i]!; return;
    case OP['*']: for (let i = 0; i < n; i++) o[i] = a * b[i]!; return;
    case OP['/']: for (let i = 0; i < n; i++) o[i] = a / b[i]!; return;
    case OP.pow: for (let i = 0; i < n; i++) o[i] = Math.pow(a, b[i]!); return;
    default: throw new RangeError(`not a binary operator: ${op}`);
  }
}
