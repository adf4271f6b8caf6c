/**
 * The netlist grammar as a chevrotain CST parser. Each rule reads like the grammar in
 * grammar/README.md. The grammar is deliberately generic at the line level (a line is a head word
 * followed by items) because SPICE decides what a word means by its position; src/netlist turns
 * the CST into a typed AST and explains every misplaced word in terms of the element it belongs to.
 */
import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type TokenType, type IToken } from 'chevrotain';
import {
  allTokens, Comma, Directive, Equals, Identifier, LBrace, LParen, Minus, Newline, NumberLiteral, ParamKeyword,
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

export class NetlistParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider: netlistErrorMessages, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  /** netlist := ( Newline | statement )* */
  netlist = this.RULE('netlist', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Newline) }, { ALT: () => this.SUBRULE(this.statement) }]);
    });
  });

  /** statement := paramLine | directiveLine | elementLine */
  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.paramLine) },
      { ALT: () => this.SUBRULE(this.directiveLine) },
      { ALT: () => this.SUBRULE(this.elementLine) },
    ]);
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
   * covers `a`, `5k`, `rc=5`, `PULSE(0 1 2n)`, `v(a,b)`, `v(n)=0.1`, `{2*rc}`, `"file.cir"`.
   */
  item = this.RULE('item', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Word);
          this.OPTION(() => this.SUBRULE(this.arguments));
          this.OPTION2(() => {
            this.CONSUME(Equals);
            this.SUBRULE(this.value);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.braced) },
      { ALT: () => this.CONSUME(StringLiteral) },
    ]);
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

  /** value := Word arguments? | braced | String */
  value = this.RULE('value', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Word);
          this.OPTION(() => this.SUBRULE(this.arguments));
        },
      },
      { ALT: () => this.SUBRULE(this.braced) },
      { ALT: () => this.CONSUME(StringLiteral) },
    ]);
  });

  /** braced := '{' expression '}' | "'" expression "'" */
  braced = this.RULE('braced', () => {
    this.OR([
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
    ]);
  });

  /** expression := term ( ('+' | '-') term )* */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Minus) }]);
      this.SUBRULE2(this.term);
    });
  });

  /** term := unary ( ('*' | '/') unary )* */
  term = this.RULE('term', () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Star) }, { ALT: () => this.CONSUME(Slash) }]);
      this.SUBRULE2(this.unary);
    });
  });

  /** unary := ('-' | '+') unary | power        (so -2^2 = -4) */
  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(Minus) }, { ALT: () => this.CONSUME(Plus) }]);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  /** power := primary ( '^' unary )?        (right associative: 2^3^2 = 2^9) */
  power = this.RULE('power', () => {
    this.SUBRULE(this.primary);
    this.OPTION(() => {
      this.CONSUME(Power);
      this.SUBRULE(this.unary);
    });
  });

  /** primary := Number | Identifier ( '(' expression ( ',' expression )* ')' )? | '(' expression ')' | '{' expression '}' | "'" expression "'" */
  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      {
        ALT: () => {
          this.CONSUME(Identifier);
          this.OPTION(() => {
            this.CONSUME(LParen);
            this.OPTION2(() => {
              this.SUBRULE(this.expression);
              this.MANY(() => {
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
    ]);
  });
}

/** One parser instance is reused (chevrotain parsers are stateful but reset on `input =`). */
export const netlistParser = new NetlistParser();

export type { CstNode };
