/**
 * First step from the chevrotain CST: the generic pieces of a line (words, `key=value`,
 * `name(args)`, `{expressions}`, strings) and expression trees. A line that the parser had to repair
 * (inserted or skipped tokens) is reported by the parser already; `BrokenLine` tells the caller to
 * drop it instead of reporting follow-on errors about the repair.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
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

export class CstReader {
  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {}

  loc(t: IToken): Loc {
    return { file: this.file, line: t.startLine ?? 1, column: t.startColumn ?? 1 };
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
    return ((n.children[key] as IToken[] | undefined) ?? []).map((t) => this.token(t));
  }

  nodes(n: CstNode, key: string): CstNode[] {
    return ((n.children[key] as CstNode[] | undefined) ?? []).map((c) => this.node(c));
  }

  /** item := Word arguments? ('=' value)? | braced | String */
  item(n: CstNode): Item {
    this.node(n);
    const word = this.tokens(n, 'Word')[0];
    if (word) {
      const out: WordItem = { kind: 'word', text: word.image, loc: this.loc(word) };
      const args = this.nodes(n, 'arguments')[0];
      if (args) out.args = this.nodes(args, 'item').map((i) => this.item(i));
      const value = this.nodes(n, 'value')[0];
      if (value) out.assigned = this.item(value);
      else if (this.tokens(n, 'Equals').length > 0) throw new BrokenLine();
      return out;
    }
    const braced = this.nodes(n, 'braced')[0];
    if (braced) return this.braced(braced);
    const str = this.tokens(n, 'StringLiteral')[0];
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

  /** Folds `a op b op c` left to right; operators come back sorted by position. */
  private chain(n: CstNode, operandKey: string, opKeys: string[], operand: (c: CstNode) => Expr): Expr {
    const operands = this.nodes(n, operandKey).map(operand);
    const ops = opKeys.flatMap((k) => this.tokens(n, k)).sort((a, b) => a.startOffset - b.startOffset);
    if (operands.length !== ops.length + 1) throw new BrokenLine();
    let acc = operands[0]!;
    ops.forEach((op, i) => {
      acc = { kind: 'binary', op: op.image as BinaryOperator, left: acc, right: operands[i + 1]!, loc: this.loc(op) };
    });
    return acc;
  }

  expression(n: CstNode): Expr {
    return this.chain(this.node(n), 'term', ['Plus', 'Minus'], (c) => this.term(c));
  }

  private term(n: CstNode): Expr {
    return this.chain(n, 'unary', ['Star', 'Slash'], (c) => this.unary(c));
  }

  private unary(n: CstNode): Expr {
    const sign = this.tokens(n, 'Minus')[0] ?? this.tokens(n, 'Plus')[0];
    if (sign) {
      const inner = this.nodes(n, 'unary')[0];
      if (!inner) throw new BrokenLine();
      return { kind: 'unary', op: sign.image as '-' | '+', arg: this.unary(inner), loc: this.loc(sign) };
    }
    const power = this.nodes(n, 'power')[0];
    if (!power) throw new BrokenLine();
    const base = this.nodes(power, 'primary')[0];
    if (!base) throw new BrokenLine();
    const left = this.primary(base);
    const op = this.tokens(power, 'Power')[0];
    if (!op) return left;
    const exponent = this.nodes(power, 'unary')[0];
    if (!exponent) throw new BrokenLine();
    return { kind: 'binary', op: '^', left, right: this.unary(exponent), loc: this.loc(op) };
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

/** The first token under a CST node (for locations of whole lines). */
export function firstToken(n: CstElement): IToken | undefined {
  if ('image' in n) return n;
  let best: IToken | undefined;
  for (const list of Object.values(n.children)) {
    for (const c of list) {
      const t = firstToken(c);
      if (t && !Number.isNaN(t.startOffset) && (!best || t.startOffset < best.startOffset)) best = t;
    }
  }
  return best;
}

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
