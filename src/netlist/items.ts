/**
 * First step from the chevrotain CST: the generic pieces of a line (words, `key=value`,
 * `name(args)`, `{expressions}`, strings) and expression trees. A line that the parser had to repair
 * (inserted or skipped tokens) is reported by the parser already; `BrokenLine` tells the caller to
 * drop it instead of reporting follow-on errors about the repair.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { BinaryOperator, Expr, Loc } from './ast.js';
import type { Diagnostic } from '../diagnostics.js';
import { parseSpiceNumber } from './numbers.js';

export interface WordItem {
  kind: 'word';
  text: string;
  loc: Loc;
  /** `name(args)`: present for calls such as `PULSE(...)` and `v(a,b)`. */
  args?: Item[];
  /** `key=value`: present for assignments. */
  assigned?: Item;
}
export interface ExprItem {
  kind: 'expr';
  expr: Expr;
  loc: Loc;
}
export interface StringItem {
  kind: 'string';
  text: string;
  loc: Loc;
}
export type Item = WordItem | ExprItem | StringItem;

/** Thrown inside the conversion of one line when the parser repaired it; caught per line. */
export class BrokenLine extends Error {}

const NONE: never[] = [];

export class CstReader {
  /** Lines before the chunk being read (the text is parsed in chunks of whole lines). */
  lineOffset = 0;
  /** False when the parser repaired nothing: then no token or node needs checking. */
  checking = true;

  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {}

  loc(t: IToken): Loc {
    return { file: this.file, line: (t.startLine ?? 1) + this.lineOffset, column: t.startColumn ?? 1 };
  }

  token(t: IToken): IToken {
    if (t.isInsertedInRecovery) throw new BrokenLine();
    return t;
  }

  node(n: CstNode): CstNode {
    if (n.recoveredNode) throw new BrokenLine();
    return n;
  }

  /** Throws BrokenLine if the parser inserted a token anywhere under this node. */
  intact(n: CstNode): CstNode {
    this.node(n);
    for (const list of Object.values(n.children)) {
      for (const c of list) {
        if ('image' in c) this.token(c);
        else this.intact(c);
      }
    }
    return n;
  }

  tokens(n: CstNode, key: string): IToken[] {
    const list = (n.children[key] as IToken[] | undefined) ?? NONE;
    if (this.checking) for (const t of list) this.token(t);
    return list as IToken[];
  }

  nodes(n: CstNode, key: string): CstNode[] {
    const list = (n.children[key] as CstNode[] | undefined) ?? NONE;
    if (this.checking) for (const c of list) this.node(c);
    return list as CstNode[];
  }

  /** item := Word arguments? ('=' value)? | braced | String */
  item(n: CstNode): Item {
    this.node(n);
    const word = this.tokens(n, 'Word')[0];
    if (word) {
      const out: WordItem = { kind: 'word', text: word.image, loc: this.loc(word) };
      const args = this.nodes(n, 'arguments')[0];
      if (args) out.args = this.nodes(args, 'item').map((i) => this.item(i));
      if (this.tokens(n, 'Equals').length > 0) out.assigned = this.assignedValue(n);
      return out;
    }
    const braced = this.nodes(n, 'braced')[0];
    if (braced) return this.braced(braced);
    const str = this.tokens(n, 'StringLiteral')[0];
    if (str) return { kind: 'string', text: str.image.slice(1, -1), loc: this.loc(str) };
    throw new BrokenLine();
  }

  /** The `value` part of `key=value` (labelled value* in the grammar). */
  private assignedValue(n: CstNode): Item {
    const word = this.tokens(n, 'valueWord')[0];
    if (word) {
      const out: WordItem = { kind: 'word', text: word.image, loc: this.loc(word) };
      const args = this.nodes(n, 'valueArguments')[0];
      if (args) out.args = this.nodes(args, 'item').map((i) => this.item(i));
      return out;
    }
    const braced = this.nodes(n, 'valueBraced')[0];
    if (braced) return this.braced(braced);
    const str = this.tokens(n, 'valueString')[0];
    if (str) return { kind: 'string', text: str.image.slice(1, -1), loc: this.loc(str) };
    throw new BrokenLine();
  }

  braced(n: CstNode): ExprItem {
    const open = this.tokens(n, 'LBrace')[0] ?? this.tokens(n, 'QuoteOpen')[0];
    const inner = this.nodes(n, 'expression')[0];
    if (!open || !inner) throw new BrokenLine();
    this.tokens(n, 'RBrace');
    this.tokens(n, 'QuoteClose');
    return { kind: 'expr', expr: this.expression(inner), loc: this.loc(open) };
  }

  /**
   * expression := operand (op operand)*, with precedence applied here: `^` (right-associative,
   * binding tighter than a leading sign: -2^2 = -4), then `*` `/`, then `+` `-`, left to right.
   */
  expression(n: CstNode): Expr {
    this.node(n);
    const operands = this.nodes(n, 'operand');
    const ops = OPERATOR_KEYS.flatMap((k) => this.tokens(n, k));
    if (ops.length > 1) ops.sort((a, b) => a.startOffset - b.startOffset);
    if (operands.length !== ops.length + 1) throw new BrokenLine();
    if (ops.length === 0) return this.signed(operands[0]!, undefined);
    let next = 0; // index of the next operand; operator i sits between operand i and i+1
    const power = (): Expr => {
      const at = next++;
      const exponent = ops[at]?.image === '^' || ops[at]?.image === '**' ? (() => power())() : undefined;
      return this.signed(operands[at]!, exponent === undefined ? undefined : { exponent, op: ops[at]! });
    };
    const level = (symbols: string[], inner: () => Expr): Expr => {
      let acc = inner();
      while (next - 1 < ops.length && symbols.includes(ops[next - 1]!.image)) {
        const op = ops[next - 1]!;
        acc = { kind: 'binary', op: op.image as BinaryOperator, left: acc, right: inner(), loc: this.loc(op) };
      }
      return acc;
    };
    const term = (): Expr => level(['*', '/'], power);
    return level(['+', '-'], term);
  }

  /** An operand: its primary, raised to `power` if one follows, then its leading signs. */
  private signed(n: CstNode, power: { exponent: Expr; op: IToken } | undefined): Expr {
    this.node(n);
    let e = this.primary(n);
    if (power) e = { kind: 'binary', op: '^', left: e, right: power.exponent, loc: this.loc(power.op) };
    const signs = [...this.tokens(n, 'Minus'), ...this.tokens(n, 'Plus')];
    if (signs.length > 1) signs.sort((a, b) => b.startOffset - a.startOffset);
    for (const sign of signs) e = { kind: 'unary', op: sign.image as '-' | '+', arg: e, loc: this.loc(sign) };
    return e;
  }

  private primary(n: CstNode): Expr {
    const num = this.tokens(n, 'NumberLiteral')[0];
    if (num) {
      const value = parseSpiceNumber(num.image);
      if (value === undefined) {
        this.diagnostics.push({ severity: 'error', message: `malformed number '${num.image}'`, loc: this.loc(num) });
        throw new BrokenLine();
      }
      return { kind: 'number', value, loc: this.loc(num) };
    }
    const id = this.tokens(n, 'Identifier')[0];
    const inner = this.nodes(n, 'expression').map((e) => this.expression(e));
    if (id) {
      if (this.tokens(n, 'LParen').length > 0) return { kind: 'call', fn: id.image.toLowerCase(), args: inner, loc: this.loc(id) };
      return { kind: 'param', name: id.image.toLowerCase(), loc: this.loc(id) };
    }
    if (inner.length !== 1) throw new BrokenLine();
    return inner[0]!;
  }
}

const OPERATOR_KEYS = ['Plus', 'Minus', 'Star', 'Slash', 'Power'];

export function describeItem(item: Item): string {
  switch (item.kind) {
    case 'string':
      return `"${item.text}"`;
    case 'expr':
      return 'an expression in braces';
    case 'word':
      if (item.assigned) return `'${item.text}=...'`;
      if (item.args) return `'${item.text}(...)'`;
      return `'${item.text}'`;
  }
}
