/**
 * Every token of the netlist language, in one place.
 *
 * SPICE is line oriented and positional, so the main lexer mode knows very little: words, `=`,
 * parentheses, strings, braces, line ends. Meaning (node, value, source name) comes from the position
 * of a word on its line and is given by src/netlist. Expressions get real tokens in two extra modes:
 * `expr` (inside `{...}` or `'...'` on an ordinary line) and `param` (the rest of a `.param` line).
 *
 * Line structure follows ngspice: `+` at the start of a line continues the previous line (comment
 * lines may sit in between), `*` at the start of a line comments it out, `;` and `$` comment to the
 * end of the line. The title line is blanked out before lexing (see src/netlist/parse.ts), so
 * positions stay exact.
 */
import { createToken, Lexer, type TokenType, type CustomPatternMatcherFunc } from 'chevrotain';

/** Characters a word is made of: anything printable but separators, quotes, braces and comment starts. */
const WORD_CHARS = String.raw`\w.+\-!#%&:<>?@\[\]^|~/\\*\u00b5\u03bc\u00c0-\u024f\u2126`;

// ---------------------------------------------------------------- line structure (all modes)

/** `+` continuing the previous line, possibly after comment or blank lines: joins the lines. */
export const Continuation = createToken({
  name: 'Continuation',
  pattern: /(?:\r?\n[ \t]*(?:\*[^\r\n]*)?)*\r?\n[ \t]*\+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** End of a line: ends a statement. */
export const Newline = createToken({ name: 'Newline', label: 'end of line', pattern: /\r?\n/, line_breaks: true });

/** End of line inside `{...}`: leaves expression mode so one unclosed brace costs one error. */
export const ExprNewline = createToken({
  name: 'ExprNewline',
  label: 'end of line',
  pattern: /\r?\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [Newline],
});

/** End of a `.param` line. */
export const ParamNewline = createToken({
  name: 'ParamNewline',
  label: 'end of line',
  pattern: /\r?\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [Newline],
});

export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\v\u00a0]+/, group: Lexer.SKIPPED });

/** `; comment` and ngspice's `$ comment` to the end of the line. */
export const EolComment = createToken({ name: 'EolComment', pattern: /[;$][^\r\n]*/, group: Lexer.SKIPPED });

/** `*` comments out a line only when it is the first non-blank character of the line. */
const matchStarComment: CustomPatternMatcherFunc = (text, offset) => {
  if (text.charCodeAt(offset) !== 42 /* * */) return null;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (c !== 32 && c !== 9) return null;
  }
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
};
export const StarComment = createToken({
  name: 'StarComment',
  pattern: { exec: matchStarComment },
  start_chars_hint: ['*'],
  line_breaks: false,
  group: Lexer.SKIPPED,
});

// ---------------------------------------------------------------- main mode

/** `.param` switches to expression tokens for the rest of its line. */
export const ParamKeyword = createToken({ name: 'ParamKeyword', label: "'.param'", pattern: /\.param\b/i, push_mode: 'param' });

/** Any other dot command: `.tran`, `.cv`, `.subckt`, `.end`, ... (checked by name in src/netlist). */
export const Directive = createToken({ name: 'Directive', label: 'a directive', pattern: /\.[A-Za-z_][A-Za-z0-9_]*/ });

export const LParen = createToken({ name: 'LParen', label: "'('", pattern: '(' });
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: ')' });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: ',' });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: '=' });

/** A double-quoted string on one line (file names of `.include`). */
export const StringLiteral = createToken({ name: 'StringLiteral', label: 'a quoted string', pattern: /"[^"\r\n]*"/ });

/** `{` opens an expression wherever a number may go. */
export const LBrace = createToken({ name: 'LBrace', label: "'{'", pattern: '{', push_mode: 'expr' });
/** `'` opens an expression too (ngspice's quoted-expression form). */
export const QuoteOpen = createToken({ name: 'QuoteOpen', label: "a quote (')", pattern: "'", push_mode: 'expr' });

/** Index of the first non-blank character of the line holding `offset`, following `+` continuations back. */
function statementStart(text: string, offset: number): number {
  let end = offset;
  for (;;) {
    let i = end - 1;
    while (i >= 0 && text.charCodeAt(i) !== 10) i--;
    let j = i + 1;
    while (j < end && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    const c = text.charCodeAt(j);
    // A continuation or a comment line in between: the statement began on an earlier line.
    if ((c === 43 /* + */ || c === 42 /* * */) && i > 0) {
      end = i;
      continue;
    }
    return j;
  }
}

/**
 * ngspice's bare behavioural expression, `B1 a 0 I=V(a)*2` (no braces): on a line whose head
 * starts with B, `I=` or `V=` after a blank, not followed by `{` or a quote, switches to
 * expression tokens for the rest of the line (the mode of `.param`). Braced forms keep the
 * ordinary path.
 */
const matchBareExpressionKey: CustomPatternMatcherFunc = (text, offset) => {
  const k = text.charCodeAt(offset) | 32;
  if (k !== 105 /* i */ && k !== 118 /* v */) return null;
  const before = text.charCodeAt(offset - 1);
  if (before !== 32 && before !== 9) return null;
  let j = offset + 1;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  if (text.charCodeAt(j) !== 61 /* = */) return null;
  let v = j + 1;
  while (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9) v++;
  const next = text.charCodeAt(v);
  if (Number.isNaN(next) || next === 123 /* { */ || next === 39 /* ' */ || next === 10 || next === 13) return null;
  if ((text.charCodeAt(statementStart(text, offset)) | 32) !== 98 /* b */) return null;
  return [text.slice(offset, j + 1)] as unknown as RegExpExecArray;
};
export const BareExpressionKey = createToken({
  name: 'BareExpressionKey',
  label: "'I=' or 'V='",
  pattern: { exec: matchBareExpressionKey },
  start_chars_hint: ['I', 'i', 'V', 'v'],
  line_breaks: false,
  push_mode: 'param',
});

/** Element names, node names, numbers with suffixes, keywords: position decides which. */
export const Word = createToken({ name: 'Word', label: 'a name or value', pattern: new RegExp(`[${WORD_CHARS}]+`) });

// ---------------------------------------------------------------- expression tokens

export const RBrace = createToken({ name: 'RBrace', label: "'}'", pattern: '}', pop_mode: true });
export const QuoteClose = createToken({ name: 'QuoteClose', label: "closing '", pattern: "'", pop_mode: true });

/** Grouping braces and quotes inside a `.param` line (no mode change there). */
export const ParamLBrace = createToken({ name: 'ParamLBrace', label: "'{'", pattern: '{' });
export const ParamRBrace = createToken({ name: 'ParamRBrace', label: "'}'", pattern: '}' });
export const ParamQuote = createToken({ name: 'ParamQuote', label: "a quote (')", pattern: "'" });

/** A number with optional SPICE suffix and unit letters: `1e-6`, `10n`, `0.08uF`, `1meg`. */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  label: 'a number',
  pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[A-Za-z\u00b5\u03bc\u2126]*/,
});
export const Identifier = createToken({ name: 'Identifier', label: 'a parameter name', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });
export const Plus = createToken({ name: 'Plus', label: "'+'", pattern: '+' });
export const Minus = createToken({ name: 'Minus', label: "'-'", pattern: '-' });
/** `^` and `**` both raise to a power. */
export const Power = createToken({ name: 'Power', label: "'^'", pattern: /\^|\*\*/ });
export const Star = createToken({ name: 'Star', label: "'*'", pattern: '*' });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: '/' });

const expressionTokens: TokenType[] = [NumberLiteral, Identifier, Plus, Minus, Power, Star, Slash, LParen, RParen, Comma];

export const lexerDefinition = {
  modes: {
    main: [Continuation, Newline, Whitespace, EolComment, StarComment, ParamKeyword, Directive, LParen, RParen, Comma, Equals, StringLiteral, LBrace, QuoteOpen, BareExpressionKey, Word],
    expr: [Continuation, ExprNewline, Whitespace, EolComment, RBrace, QuoteClose, ...expressionTokens],
    param: [Continuation, ParamNewline, Whitespace, EolComment, Equals, ParamLBrace, ParamRBrace, ParamQuote, ...expressionTokens],
  },
  defaultMode: 'main',
};

/** All token types, for the parser. */
export const allTokens: TokenType[] = [
  Continuation, Newline, ExprNewline, ParamNewline, Whitespace, EolComment, StarComment, ParamKeyword, Directive,
  LParen, RParen, Comma, Equals, StringLiteral, LBrace, QuoteOpen, Word, RBrace, QuoteClose, ParamLBrace, ParamRBrace,
  ParamQuote, NumberLiteral, Identifier, Plus, Minus, Power, Star, Slash, BareExpressionKey,
];

/** Defined (true) by the CLI bundle (scripts/bundle.mjs): tests and tsx keep chevrotain's lexer checks. */
declare const NCM_BUNDLE: boolean | undefined;

export const netlistLexer = new Lexer(lexerDefinition, {
  positionTracking: 'onlyStart',
  ensureOptimizations: false,
  // The bundle skips the checks of the token patterns (about 8 ms of every start): the patterns do
  // not change at run time, and the tests, which run from source, check them on every run.
  skipValidations: typeof NCM_BUNDLE !== 'undefined' && NCM_BUNDLE,
  errorMessageProvider: {
    buildUnexpectedCharactersMessage(fullText, startOffset, length) {
      const found = fullText.slice(startOffset, startOffset + length);
      if (found.startsWith('"')) return 'unterminated string: expected a closing \'"\' on the same line';
      return `unexpected character${length > 1 ? 's' : ''} '${found}'`;
    },
    buildUnableToPopLexerModeMessage(token) {
      return `unexpected '${token.image}'`;
    },
  },
});
