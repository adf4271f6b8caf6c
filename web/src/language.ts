/**
 * Highlighting of netlists in CodeMirror from the grammar's own lexer (grammar/tokens.ts): the
 * tokens the parser sees are the tokens the editor colours, so there is no second grammar. SPICE
 * is positional: the first word of a line is an element name, a word before `=` a keyword. Text
 * the lexer skips is whitespace or a comment; the title line (line 1) is not lexed at all.
 */
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { netlistLexer, NumberLiteral } from '../../grammar/tokens.js';

const NUMBER = new RegExp(`^(?:${(NumberLiteral.PATTERN as RegExp).source})$`);

const CLASS_OF_TOKEN: Record<string, string> = {
  ParamKeyword: 'nl-directive',
  Directive: 'nl-directive',
  NumberLiteral: 'nl-number',
  Identifier: 'nl-param',
  StringLiteral: 'nl-string',
  LBrace: 'nl-brace',
  RBrace: 'nl-brace',
  QuoteOpen: 'nl-brace',
  QuoteClose: 'nl-brace',
  ParamLBrace: 'nl-brace',
  ParamRBrace: 'nl-brace',
  Plus: 'nl-operator',
  Minus: 'nl-operator',
  Power: 'nl-operator',
  Star: 'nl-operator',
  Slash: 'nl-operator',
  Equals: 'nl-operator',
};

const marks = new Map<string, Decoration>();
const mark = (cls: string): Decoration => {
  let m = marks.get(cls);
  if (!m) marks.set(cls, (m = Decoration.mark({ class: cls })));
  return m;
};

/** Comment ranges in text the lexer skipped: `*` first on a line, `;` or `$` to the line end. */
function commentsIn(text: string, from: number, to: number, add: (a: number, b: number, cls: string) => void): void {
  let i = from;
  while (i < to) {
    const c = text[i];
    const atLineStart = c === '*' && /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, i - 200), i));
    if (c === ';' || c === '$' || atLineStart) {
      let end = text.indexOf('\n', i);
      if (end < 0 || end > to) end = to;
      add(i, end, 'nl-comment');
      i = end;
    } else i++;
  }
}

export function highlightRanges(text: string): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  const add = (a: number, b: number, cls: string) => {
    if (b > a) out.push([a, b, cls]);
  };
  const firstBreak = text.indexOf('\n');
  const titleEnd = firstBreak < 0 ? text.length : firstBreak;
  add(0, titleEnd, 'nl-title');
  const { tokens } = netlistLexer.tokenize(' '.repeat(titleEnd) + text.slice(titleEnd));
  let pos = titleEnd;
  let lineStart = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const start = t.startOffset;
    const end = start + t.image.length;
    commentsIn(text, pos, start, add);
    pos = end;
    const name = t.tokenType.name;
    if (name === 'Newline' || name === 'ExprNewline' || name === 'ParamNewline') {
      lineStart = true;
      continue;
    }
    let cls = CLASS_OF_TOKEN[name];
    if (name === 'Word') {
      if (lineStart) cls = 'nl-element';
      else if (NUMBER.test(t.image)) cls = 'nl-number';
      else if (tokens[k + 1]?.tokenType.name === 'Equals') cls = 'nl-keyword';
    }
    if (cls) add(start, end, cls);
    lineStart = false;
  }
  commentsIn(text, pos, text.length, add);
  return out;
}

function decorate(view: EditorView): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  for (const [from, to, cls] of highlightRanges(view.state.doc.toString())) b.add(from, to, mark(cls));
  return b.finish();
}

export function netlistHighlighting(): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorate(view);
      }
      update(u: ViewUpdate) {
        if (u.docChanged) this.decorations = decorate(u.view);
      }
    },
    { decorations: (v) => v.decorations },
  );
}
