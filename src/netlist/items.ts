/**
 * First step from the chevrotain CST (read through its generated types, grammar/cst.d.ts): the generic pieces of a line (words, `key=value`,
 * `name(args)`, `{expressions}`, strings) and expression trees. A line that the parser had to repair
 * (inserted or skipped tokens) is reported by the parser already; `BrokenLine` tells the caller to
 * drop it instead of reporting follow-on errors about the repair.
 */
import type { CstNode, IToken } from 'chevrotain';
import type {
  ArgumentsCstChildren, BareExpressionCstChildren, BracedCstChildren, DirectiveLineCstChildren, ElementLineCstChildren, ExpressionCstChildren, ItemCstChildren,
  ItemCstNode, NetlistCstChildren, NetlistCstVisitor, OperandCstChildren, OperandCstNode, ParamAssignmentCstChildren, ParamLineCstChildren,
  StatementCstChildren, StatementCstNode, StrayCstChildren, StrayCstNode,
} from '../../grammar/cst.js';
import { netlistParser } from '../../grammar/parser.js';
import type { BinaryOperator, Expr, Loc, ParamAssignment } from './ast.js';
import { MAX_EXPRESSION_DEPTH } from './limits.js';
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

/** One statement line of the CST, read: its head token and its generic items. */
export type LineCst =
  | { kind: 'param'; head: IToken; assignments: ParamAssignment[] }
  | { kind: 'directive' | 'element'; head: IToken; items: Item[] };

const NONE: never[] = [];

/** chevrotain's CST visitor base for this parser: `validateVisitor` checks every rule has a method. */
const BaseVisitor = netlistParser.getBaseCstVisitorConstructor<undefined, unknown>();

/**
 * Reads the CST through the generated types of grammar/cst.d.ts: one method per grammar rule,
 * each taking that rule's typed children. Sub-nodes go through `kids`, which rejects a node the
 * parser built during error recovery.
 */
export class CstReader extends BaseVisitor implements NetlistCstVisitor<undefined, unknown> {
  /** Lines before the chunk being read (the text is parsed in chunks of whole lines). */
  lineOffset = 0;
  /** False when the parser repaired nothing: then no token or node needs checking. */
  checking = true;

  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super();
    this.validateVisitor();
  }

  loc(t: IToken): Loc {
    return { file: this.file, line: (t.startLine ?? 1) + this.lineOffset, column: t.startColumn ?? 1 };
  }

  private token(t: IToken): IToken {
    if (t.isInsertedInRecovery) throw new BrokenLine();
    return t;
  }

  /** The children of a node, unless the parser built the node while recovering from an error. */
  private kids<C>(n: { children: C; recoveredNode?: boolean }): C {
    if (n.recoveredNode) throw new BrokenLine();
    return n.children;
  }

  /** Throws BrokenLine if the parser inserted a token anywhere under this node. */
  intact<N extends CstNode>(n: N): N {
    if (n.recoveredNode) throw new BrokenLine();
    for (const list of Object.values(n.children)) {
      for (const c of list) {
        if ('image' in c) this.token(c);
        else this.intact(c);
      }
    }
    return n;
  }

  /** A token list of typed children (absent = empty), each checked when the chunk was repaired. */
  private tokens(list: IToken[] | undefined): IToken[] {
    if (!list) return NONE;
    if (this.checking) for (const t of list) this.token(t);
    return list;
  }

  /** A node list of typed children (absent = empty), each checked when the chunk was repaired. */
  private nodes<N extends CstNode>(list: N[] | undefined): N[] {
    if (!list) return NONE;
    if (this.checking) for (const c of list) if (c.recoveredNode) throw new BrokenLine();
    return list;
  }

  /** netlist := ( Newline | statement | stray )*: the statements and the stray lines, in order. */
  netlist(c: NetlistCstChildren): { statements: StatementCstNode[]; strays: StrayCstNode[] } {
    return { statements: c.statement ?? NONE, strays: c.stray ?? NONE };
  }

  /** stray := <a token no statement starts with> <any token>*: its first token, for the message. */
  stray(c: StrayCstChildren): IToken {
    return Object.values(c).flat()[0] as IToken;
  }

  /** statement := paramLine | directiveLine | elementLine (a repaired line is checked whole first). */
  statement(c: StatementCstChildren): LineCst {
    const repaired = this.checking;
    if (c.paramLine) return this.paramLine(this.kids(repaired ? this.intact(c.paramLine[0]!) : c.paramLine[0]!));
    if (c.directiveLine) return this.directiveLine(this.kids(repaired ? this.intact(c.directiveLine[0]!) : c.directiveLine[0]!));
    if (c.elementLine) return this.elementLine(this.kids(repaired ? this.intact(c.elementLine[0]!) : c.elementLine[0]!));
    throw new BrokenLine();
  }

  paramLine(c: ParamLineCstChildren): LineCst {
    const head = this.tokens(c.ParamKeyword)[0]!;
    const assignments = this.nodes(c.paramAssignment).map((a) => this.paramAssignment(this.kids(a)));
    return { kind: 'param', head, assignments };
  }

  paramAssignment(c: ParamAssignmentCstChildren): ParamAssignment {
    const id = this.tokens(c.Identifier)[0];
    const expr = this.nodes(c.expression)[0];
    if (!id || !expr) throw new BrokenLine();
    return { name: id.image.toLowerCase(), expr: this.bounded(this.expression(this.kids(expr))), loc: this.loc(id) };
  }

  directiveLine(c: DirectiveLineCstChildren): LineCst {
    const head = this.tokens(c.Directive)[0];
    if (!head) throw new BrokenLine();
    return { kind: 'directive', head, items: this.items(c.item) };
  }

  elementLine(c: ElementLineCstChildren): LineCst {
    const head = this.tokens(c.Word)[0];
    if (!head) throw new BrokenLine();
    return { kind: 'element', head, items: this.items(c.item) };
  }

  private items(list: ItemCstNode[] | undefined): Item[] {
    return this.nodes(list).map((i) => this.item(this.kids(i)));
  }

  /** item := Word arguments? ('=' value)? | braced | String */
  item(c: ItemCstChildren): Item {
    const word = this.tokens(c.Word)[0];
    if (word) {
      const out: WordItem = { kind: 'word', text: word.image, loc: this.loc(word) };
      const args = this.nodes(c.arguments)[0];
      if (args) out.args = this.arguments(this.kids(args));
      if (this.tokens(c.Equals).length > 0) out.assigned = this.assignedValue(c);
      return out;
    }
    const braced = this.nodes(c.braced)[0];
    if (braced) return this.braced(this.kids(braced));
    const str = this.tokens(c.StringLiteral)[0];
    if (str) return { kind: 'string', text: str.image.slice(1, -1), loc: this.loc(str) };
    const bare = this.nodes(c.bareExpression)[0];
    if (bare) return this.bareExpression(this.kids(bare));
    throw new BrokenLine();
  }

  /** bareExpression := ('I=' | 'V=') expression: read as `I={expression}` (ngspice's B syntax without braces). */
  bareExpression(c: BareExpressionCstChildren): WordItem {
    const key = this.tokens(c.BareExpressionKey)[0];
    const inner = this.nodes(c.expression)[0];
    if (!key || !inner) throw new BrokenLine();
    const valueLoc = this.loc(key);
    return { kind: 'word', text: key.image[0]!, loc: valueLoc, assigned: { kind: 'expr', expr: this.expression(this.kids(inner)), loc: { ...valueLoc, column: valueLoc.column + key.image.length } } };
  }

  /** arguments := '(' ( item ','? )* ')' */
  arguments(c: ArgumentsCstChildren): Item[] {
    return this.items(c.item);
  }

  /** The `value` part of `key=value` (labelled value* in the grammar). */
  private assignedValue(c: ItemCstChildren): Item {
    const word = this.tokens(c.valueWord)[0];
    if (word) {
      const out: WordItem = { kind: 'word', text: word.image, loc: this.loc(word) };
      const args = this.nodes(c.valueArguments)[0];
      if (args) out.args = this.arguments(this.kids(args));
      return out;
    }
    const braced = this.nodes(c.valueBraced)[0];
    if (braced) return this.braced(this.kids(braced));
    const str = this.tokens(c.valueString)[0];
    if (str) return { kind: 'string', text: str.image.slice(1, -1), loc: this.loc(str) };
    throw new BrokenLine();
  }

  braced(c: BracedCstChildren): ExprItem {
    const open = this.tokens(c.LBrace)[0] ?? this.tokens(c.QuoteOpen)[0];
    const inner = this.nodes(c.expression)[0];
    if (!open || !inner) throw new BrokenLine();
    this.tokens(c.RBrace);
    this.tokens(c.QuoteClose);
    return { kind: 'expr', expr: this.bounded(this.expression(this.kids(inner))), loc: this.loc(open) };
  }

  /**
   * The expression if its tree is at most MAX_EXPRESSION_DEPTH deep (measured without recursion);
   * else an error at its deepest operator: every later pass (evaluation, compilation) recurses.
   */
  private bounded(e: Expr): Expr {
    const stack: [Expr, number][] = [[e, 1]];
    while (stack.length) {
      const [x, d] = stack.pop()!;
      if (d > MAX_EXPRESSION_DEPTH) {
        this.diagnostics.push({
          severity: 'error',
          message: `expression nested more than ${MAX_EXPRESSION_DEPTH} operations deep: split it into several .param lines`,
          loc: x.loc,
        });
        throw new BrokenLine();
      }
      if (x.kind === 'unary') stack.push([x.arg, d + 1]);
      else if (x.kind === 'binary') stack.push([x.left, d + 1], [x.right, d + 1]);
      else if (x.kind === 'call') for (const a of x.args) stack.push([a, d + 1]);
    }
    return e;
  }

  /**
   * expression := operand (op operand)*, with precedence applied here: `^` (right-associative,
   * binding tighter than a leading sign: -2^2 = -4), then `*` `/`, then `+` `-`, left to right.
   */
  expression(c: ExpressionCstChildren): Expr {
    const operands = this.nodes(c.operand);
    const ops = [...this.tokens(c.Plus), ...this.tokens(c.Minus), ...this.tokens(c.Star), ...this.tokens(c.Slash), ...this.tokens(c.Power)];
    if (ops.length > 1) ops.sort((a, b) => a.startOffset - b.startOffset);
    if (operands.length !== ops.length + 1) throw new BrokenLine();
    if (ops.length === 0) return this.signed(operands[0]!, undefined);
    // `power` below recurses once per `^` of a chain.
    const powers = ops.filter((o) => o.image === '^' || o.image === '**');
    if (powers.length > MAX_EXPRESSION_DEPTH) {
      this.diagnostics.push({ severity: 'error', message: `expression nested more than ${MAX_EXPRESSION_DEPTH} operations deep: split it into several .param lines`, loc: this.loc(powers[MAX_EXPRESSION_DEPTH]!) });
      throw new BrokenLine();
    }
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
  private signed(n: OperandCstNode, power: { exponent: Expr; op: IToken } | undefined): Expr {
    const c = this.kids(n);
    let e = this.operand(c);
    if (power) e = { kind: 'binary', op: '^', left: e, right: power.exponent, loc: this.loc(power.op) };
    const signs = [...this.tokens(c.Minus), ...this.tokens(c.Plus)];
    if (signs.length > 1) signs.sort((a, b) => b.startOffset - a.startOffset);
    for (const sign of signs) e = { kind: 'unary', op: sign.image as '-' | '+', arg: e, loc: this.loc(sign) };
    return e;
  }

  /** operand's primary (its leading signs are applied by `signed`, after any power). */
  operand(c: OperandCstChildren): Expr {
    const num = this.tokens(c.NumberLiteral)[0];
    if (num) {
      const value = parseSpiceNumber(num.image);
      if (value === undefined) {
        this.diagnostics.push({ severity: 'error', message: `malformed number '${num.image}'`, loc: this.loc(num) });
        throw new BrokenLine();
      }
      return { kind: 'number', value, loc: this.loc(num) };
    }
    const id = this.tokens(c.Identifier)[0];
    const inner = this.nodes(c.expression).map((e) => this.expression(this.kids(e)));
    if (id) {
      if (this.tokens(c.LParen).length > 0) return { kind: 'call', fn: id.image.toLowerCase(), args: inner, loc: this.loc(id) };
      return { kind: 'param', name: id.image.toLowerCase(), loc: this.loc(id) };
    }
    if (inner.length !== 1) throw new BrokenLine();
    return inner[0]!;
  }
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
