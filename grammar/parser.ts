/**
 * The netlist grammar as a chevrotain CST parser. Each rule reads like the grammar in
 * grammar/README.md. The grammar is deliberately generic at the line level (a line is a head word
 * followed by items) because SPICE decides what a word means by its position; src/netlist turns
 * the CST into a typed AST and explains every misplaced word in terms of the element it belongs to.
 */
import { CstParser, EOF, Lexer, type IOrAlt, type IParserErrorMessageProvider, type TokenType, type IToken } from 'chevrotain';
import {
  allTokens, BareExpressionKey, Comma, Directive, Equals, Identifier, LBrace, LParen, Minus, Newline, NumberLiteral, ParamKeyword,
  ParamLBrace, ParamQuote, ParamRBrace, Plus, Power, QuoteClose, QuoteOpen, RBrace, RParen, Slash, Star, StringLiteral, Word,
} from './tokens.js';

function describeToken(t: IToken): string {
  if (t.tokenType === EOF) return 'end of file';
  if (t.tokenType === Newline || t.tokenType.CATEGORIES?.includes(Newline)) return 'end of line';
  return `'${t.image}'`;
}

function label(t: TokenType): string {
  if (t === EOF) return 'end of file';
  return t.LABEL ?? t.name;
}

function expectedList(paths: TokenType[][][]): string {
  const seen = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) seen.add(label(path[0]));
  // Expression starts and value starts read better as one phrase than as a token list.
  if (seen.has('a number') && seen.has('a parameter name')) return 'a number, a parameter name, a function call or an expression in parentheses';
  if (seen.has('a name or value') && seen.has("'{'")) return 'a value (a number, a name, a {expression} or a quoted string)';
  const names = [...seen];
  if (names.length <= 1) return names[0] ?? 'something else';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** Messages in the form "expected X, found Y" (the position is added by the caller). */
export const netlistErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${label(expected)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    return `expected ${expectedList(expectedPathsPerAlt)}, found ${describeToken(actual[0]!)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    return `expected ${expectedList([expectedIterationPaths])}, found ${describeToken(actual[0]!)}`;
  },
};

const NOT_NEWLINE = allTokens.filter((t) => t !== Newline && !t.CATEGORIES?.includes(Newline) && t.GROUP !== Lexer.SKIPPED);
const STRAY_STARTS = NOT_NEWLINE.filter((t) => t !== ParamKeyword && t !== Directive && t !== Word);

/** Defined (true) by the CLI bundle (scripts/bundle.mjs): tests and tsx keep chevrotain's grammar checks. */
declare const NCM_BUNDLE: boolean | undefined;

export class NetlistParser extends CstParser {
  // Alternatives arrays are built once and reused: chevrotain would otherwise allocate them (and
  // their closures) on every call, which is most of the garbage of a 100,000-line netlist.
  private alts1?: IOrAlt<unknown>[];
  private alts2?: IOrAlt<unknown>[];
  private alts3?: IOrAlt<unknown>[];
  private alts4?: IOrAlt<unknown>[];
  private alts5?: IOrAlt<unknown>[];
  private alts6?: IOrAlt<unknown>[];
  private alts7?: IOrAlt<unknown>[];
  private alts8?: IOrAlt<unknown>[];

  constructor() {
    // The bundle skips chevrotain's grammar validations (production setting): the grammar does not
    // change at run time, and the tests, which run from source, validate it on every run.
    const skipValidations = typeof NCM_BUNDLE !== 'undefined' && NCM_BUNDLE;
    super(allTokens, { recoveryEnabled: true, errorMessageProvider: netlistErrorMessages, maxLookahead: 2, skipValidations });
    this.performSelfAnalysis();
  }

  /** netlist := ( Newline | statement | stray )* */
  netlist = this.RULE('netlist', () => {
    this.MANY(() => {
      this.OR((this.alts1 ??= [
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.SUBRULE(this.stray) },
      ]));
    });
  });

  /**
   * stray := <a token no statement starts with> <any token>*   (to the end of the line)
   * Keeps a stray `)` or `=` from ending the parse: src/netlist reports it and the next line is
   * read normally.
   */
  stray = this.RULE('stray', () => {
    this.OR(STRAY_STARTS.map((t) => ({ ALT: () => this.CONSUME(t) })));
    this.MANY(() => this.OR2(NOT_NEWLINE.map((t) => ({ ALT: () => this.CONSUME2(t) }))));
  });

  /** statement := paramLine | directiveLine | elementLine */
  statement = this.RULE('statement', () => {
    this.OR((this.alts2 ??= [
      { ALT: () => this.SUBRULE(this.paramLine) },
      { ALT: () => this.SUBRULE(this.directiveLine) },
      { ALT: () => this.SUBRULE(this.elementLine) },
    ]));
  });

  /** paramLine := '.param' ( Identifier '=' expression )* */
  paramLine = this.RULE('paramLine', () => {
    this.CONSUME(ParamKeyword);
    this.MANY(() => this.SUBRULE(this.paramAssignment));
  });

  paramAssignment = this.RULE('paramAssignment', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  /** directiveLine := Directive item*     (.tran 1n 1u, .cv Vm 0 0.2 rate=20mV/us, .subckt ...) */
  directiveLine = this.RULE('directiveLine', () => {
    this.CONSUME(Directive);
    this.MANY(() => this.SUBRULE(this.item));
  });

  /** elementLine := Word item*     (R1 a b 5k, V1 in 0 PULSE(0 1 1n), RDYN1 s0 s1 RC=5 ...) */
  elementLine = this.RULE('elementLine', () => {
    this.CONSUME(Word);
    this.MANY(() => this.SUBRULE(this.item));
  });

  /**
   * item := Word arguments? ( '=' value )?  |  braced  |  String
   * value := Word arguments? | braced | String      (inlined below, labelled value*: one rule call
   *                                                 less per `key=value`, the commonest item)
   * covers `a`, `5k`, `rc=5`, `PULSE(0 1 2n)`, `v(a,b)`, `v(n)=0.1`, `{2*rc}`, `"file.cir"`.
   */
  item = this.RULE('item', () => {
    this.OR((this.alts3 ??= [
      {
        ALT: () => {
          this.CONSUME(Word);
          this.OPTION(() => this.SUBRULE(this.arguments));
          this.OPTION2(() => {
            this.CONSUME(Equals);
            this.OR2((this.alts8 ??= [
              {
                ALT: () => {
                  this.CONSUME2(Word, { LABEL: 'valueWord' });
                  this.OPTION3(() => this.SUBRULE2(this.arguments, { LABEL: 'valueArguments' }));
                },
              },
              { ALT: () => this.SUBRULE2(this.braced, { LABEL: 'valueBraced' }) },
              { ALT: () => this.CONSUME2(StringLiteral, { LABEL: 'valueString' }) },
            ]));
          });
        },
      },
      { ALT: () => this.SUBRULE(this.braced) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.SUBRULE(this.bareExpression) },
    ]));
  });

  /** bareExpression := ( 'I=' | 'V=' ) expression     (ngspice B source without braces: I=V(a)*2) */
  bareExpression = this.RULE('bareExpression', () => {
    this.CONSUME(BareExpressionKey);
    this.SUBRULE(this.expression);
  });

  /** arguments := '(' ( item ','? )* ')' */
  arguments = this.RULE('arguments', () => {
    this.CONSUME(LParen);
    this.MANY(() => {
      this.SUBRULE(this.item);
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RParen);
  });

  /** braced := '{' expression '}' | "'" expression "'" */
  braced = this.RULE('braced', () => {
    this.OR((this.alts4 ??= [
      {
        ALT: () => {
          this.CONSUME(LBrace);
          this.SUBRULE(this.expression);
          this.CONSUME(RBrace);
        },
      },
      {
        ALT: () => {
          this.CONSUME(QuoteOpen);
          this.SUBRULE2(this.expression);
          this.CONSUME(QuoteClose);
        },
      },
    ]));
  });

  /**
   * expression := operand ( ( '+' | '-' | '*' | '/' | '^' ) operand )*
   * A flat chain: src/netlist/items.ts applies precedence (^ right-associative and above unary
   * minus, then * /, then + -), so that `{rc}` costs three rule calls instead of six.
   */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.OR(
        (this.alts5 ??= [
          { ALT: () => this.CONSUME(Plus) },
          { ALT: () => this.CONSUME(Minus) },
          { ALT: () => this.CONSUME(Star) },
          { ALT: () => this.CONSUME(Slash) },
          { ALT: () => this.CONSUME(Power) },
        ]),
      );
      this.SUBRULE2(this.operand);
    });
  });

  /**
   * operand := ( '-' | '+' )* ( Number | Identifier ( '(' ( expression ( ',' expression )* )? ')' )?
   *                           | '(' expression ')' | '{' expression '}' | "'" expression "'" )
   */
  operand = this.RULE('operand', () => {
    this.MANY(() => this.OR((this.alts6 ??= [{ ALT: () => this.CONSUME(Minus) }, { ALT: () => this.CONSUME(Plus) }])));
    this.OR2(
      (this.alts7 ??= [
        { ALT: () => this.CONSUME(NumberLiteral) },
        {
          ALT: () => {
            this.CONSUME(Identifier);
            this.OPTION(() => {
              this.CONSUME(LParen);
              this.OPTION2(() => {
                this.SUBRULE(this.expression);
                this.MANY2(() => {
                  this.CONSUME(Comma);
                  this.SUBRULE2(this.expression);
                });
              });
              this.CONSUME(RParen);
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME2(LParen);
            this.SUBRULE3(this.expression);
            this.CONSUME2(RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(ParamLBrace);
            this.SUBRULE4(this.expression);
            this.CONSUME(ParamRBrace);
          },
        },
        {
          ALT: () => {
            this.CONSUME(ParamQuote);
            this.SUBRULE5(this.expression);
            this.CONSUME2(ParamQuote);
          },
        },
      ]),
    );
  });
}

/** One parser instance is reused (chevrotain parsers are stateful but reset on `input =`). */
export const netlistParser = new NetlistParser();
