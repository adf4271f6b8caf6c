/**
 * `parseNetlist`: text to typed AST plus every diagnostic (lexer, parser, line shape). Never throws.
 */
import type { IToken } from 'chevrotain';
import type { NetlistCstNode } from '../../grammar/cst.js';
import { netlistLexer, StringLiteral } from '../../grammar/tokens.js';
import { netlistParser } from '../../grammar/parser.js';
import type { Diagnostic } from '../diagnostics.js';
import type { NameRef, NetlistAst, ParamAssignment, StatementAst } from './ast.js';
import { buildDirective } from './directiveLines.js';
import { buildElement } from './elementLines.js';
import { BrokenLine, CstReader } from './items.js';
import { MAX_PAREN_NESTING, MAX_SUBCKT_NESTING } from './limits.js';
import { LineContext } from './lineTools.js';

export interface ParseOptions {
  /** File name used in every location. */
  file: string;
  /** False for `.include`d files, which have no title line (ngspice). Default true. */
  hasTitle?: boolean;
}

/**
 * Blanks the title line and ngspice `.control ... .endc` blocks with spaces, keeping every offset,
 * line and column of the rest intact.
 */
function prepare(text: string, opts: ParseOptions, diagnostics: Diagnostic[]): { title: string; lines: string[] } {
  const lines = text.split('\n');
  let title = '';
  if (opts.hasTitle !== false && lines.length > 0) {
    title = lines[0]!.replace(/\r$/, '').trim();
    lines[0] = ' '.repeat(lines[0]!.length);
  }
  let controlStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // Only dot lines matter here (and, inside a .control block, every line is blanked anyway).
    const first = raw.search(/\S/);
    if (controlStart < 0 && (first < 0 || raw.charCodeAt(first) !== 46 /* . */)) continue;
    const l = raw.slice(first < 0 ? raw.length : first).toLowerCase();
    if (controlStart < 0 && /^\.control\b/.test(l)) {
      controlStart = i;
      diagnostics.push({
        severity: 'warning',
        message: "ngspice '.control' block ignored: nanocircuit runs the analyses given as dot commands (.op, .tran, .cv, .chrono, .ac, .protocol)",
        loc: { file: opts.file, line: i + 1, column: lines[i]!.indexOf('.') + 1 },
      });
    }
    if (controlStart >= 0) {
      const end = /^\.endc\b/.test(l);
      lines[i] = lines[i]!.replace(/[^\r]/g, ' ');
      if (end) controlStart = -1;
    } else if (/^\.end(?![a-z0-9_])/.test(l)) {
      // ngspice reads nothing after .end.
      for (let j = i + 1; j < lines.length; j++) lines[j] = lines[j]!.replace(/[^\r]/g, ' ');
      break;
    }
  }
  blankDeepNesting(lines, opts.file, diagnostics);
  return { title, lines };
}

/**
 * Blanks each line whose parentheses or braces nest deeper than MAX_PAREN_NESTING, with an error at
 * the first bracket past the limit: the parser recurses once per level. Nesting is counted per
 * physical line (a `+` continuation starts again at 0, which only under-counts).
 */
function blankDeepNesting(lines: string[], file: string, diagnostics: Diagnostic[]): void {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.indexOf('(') < 0 && raw.indexOf('{') < 0) continue;
    let depth = 0;
    for (let k = 0; k < raw.length; k++) {
      const c = raw.charCodeAt(k);
      if (c === 40 /* ( */ || c === 123 /* { */) {
        if (++depth > MAX_PAREN_NESTING) {
          diagnostics.push({
            severity: 'error',
            message: `parentheses nested more than ${MAX_PAREN_NESTING} deep: simplify the expression or split it into .param lines (the line is ignored)`,
            loc: { file, line: i + 1, column: k + 1 },
          });
          lines[i] = raw.replace(/[^\r]/g, ' ');
          break;
        }
      } else if (c === 41 /* ) */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
    }
  }
}

/** Physical lines per chunk: small, so that tokens and CST die young and the GC copies little. */
const CHUNK_LINES = 100;

/**
 * Splits the text into runs of whole lines, cut only before a line that starts a new statement
 * (not a `+` continuation, a comment or a blank line, which may precede a continuation).
 */
function* chunks(lines: string[]): Generator<{ text: string; firstLine: number }> {
  let start = 0;
  for (let i = CHUNK_LINES; i < lines.length; i++) {
    if (i - start < CHUNK_LINES) continue;
    const l = lines[i]!.trimStart();
    if (l === '' || l === '\r' || l[0] === '+' || l[0] === '*') continue;
    yield { text: lines.slice(start, i).join('\n') + '\n', firstLine: start + 1 };
    start = i;
  }
  yield { text: lines.slice(start).join('\n'), firstLine: start + 1 };
}

interface OpenSubckt {
  name: string;
  ports: NameRef[];
  params: ParamAssignment[];
  loc: NameRef['loc'];
  body: StatementAst[];
  /** A `.lib <section>` block rather than a `.subckt`. */
  lib?: boolean;
}

export function parseNetlist(text: string, opts: ParseOptions): { ast: NetlistAst; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { title, lines } = prepare(text, opts, diagnostics);
  const file = opts.file;

  const reader = new CstReader(file, diagnostics);
  const ctx = new LineContext(diagnostics);
  const top: StatementAst[] = [];
  const stack: OpenSubckt[] = [];
  let tooDeep = false;
  const current = (): StatementAst[] => (stack.length ? stack[stack.length - 1]!.body : top);
  let ended = false;

  for (const chunk of chunks(lines)) {
    if (ended) break;
    const lineOffset = chunk.firstLine - 1;
    reader.lineOffset = lineOffset;
    const lexed = netlistLexer.tokenize(chunk.text);
    const chunkErrors: Diagnostic[] = [];
    for (const e of lexed.errors) {
      chunkErrors.push({ severity: 'error', message: e.message, loc: { file, line: (e.line ?? 1) + lineOffset, column: e.column ?? 1 } });
    }
    netlistParser.input = lexed.tokens;
    // chevrotain types a rule's result as a plain CstNode; the netlist rule builds a NetlistCstNode.
    const cst = netlistParser.netlist() as NetlistCstNode;
    const lastToken = lexed.tokens[lexed.tokens.length - 1];
    for (const e of netlistParser.errors) {
      const t: IToken | undefined = Number.isNaN(e.token.startOffset) ? ((e as { previousToken?: IToken }).previousToken ?? lastToken) : e.token;
      const line = t?.startLine && !Number.isNaN(t.startLine) ? t.startLine : 1;
      const column = t?.startColumn && !Number.isNaN(t.startColumn) ? t.startColumn : 1;
      chunkErrors.push({ severity: 'error', message: e.message, loc: { file, line: line + lineOffset, column } });
    }
    diagnostics.push(...chunkErrors);
    // Without parser errors nothing was repaired: skip the per-line check for inserted tokens.
    reader.checking = netlistParser.errors.length > 0;
    const { statements, strays } = reader.netlist(cst.children);

    // Tokens left over after the parser's own recovery on a line are not a second error.
    const linesWithErrors = new Set(chunkErrors.map((d) => d.loc.line));
    for (const stray of strays) {
      const t = reader.stray(stray.children);
      if (linesWithErrors.has((t.startLine ?? 0) + lineOffset)) continue;
      const what = t.tokenType === StringLiteral ? `string ${t.image}` : `'${t.image}'`;
      ctx.error(reader.loc(t), `unexpected ${what}: expected a name, a number or a {expression} (the rest of the line is ignored)`);
    }

  for (const st of statements) {
    try {
      const line = reader.statement(st.children);
      if (line.kind === 'param') {
        if (line.assignments.length === 0) ctx.error(reader.loc(line.head), '.param: expected name=value after .param, found end of line');
        current().push({ kind: 'param', assignments: line.assignments, loc: reader.loc(line.head) });
        continue;
      }
      const head = { name: line.head.image, loc: reader.loc(line.head) };
      if (line.kind === 'element') {
        const el = buildElement(ctx, head, line.items);
        if (el) current().push(el);
        continue;
      }
      const d = buildDirective(ctx, head, line.items);
      switch (d.kind) {
        case 'statement':
          current().push(d.statement);
          break;
        case 'subckt-open':
          if (stack.length >= MAX_SUBCKT_NESTING) {
            // An unnamed placeholder keeps .subckt/.ends paired; it and its body are dropped.
            if (!tooDeep) ctx.error(d.loc, `.subckt ${d.name} is nested more than ${MAX_SUBCKT_NESTING} definitions deep: define subcircuits side by side`);
            tooDeep = true;
            stack.push({ name: '', ports: [], params: [], loc: d.loc, body: [] });
          } else stack.push({ name: d.name, ports: d.ports, params: d.params, loc: d.loc, body: [] });
          break;
        case 'lib-open':
          stack.push({ name: d.name, ports: [], params: [], loc: d.loc, body: [], lib: true });
          break;
        case 'lib-close': {
          const open = stack[stack.length - 1];
          if (!open?.lib) {
            ctx.error(d.loc, open ? `.endl inside .subckt ${open.name}: expected .ends first` : '.endl without a matching .lib <section>');
            break;
          }
          stack.pop();
          if (d.name && d.name.name.toLowerCase() !== open.name.toLowerCase()) {
            ctx.error(d.name.loc, `.endl ${d.name.name} closes .lib ${open.name}: expected '.endl ${open.name}' or '.endl'`);
          }
          current().push({ kind: 'lib-section', name: open.name, body: open.body, loc: open.loc });
          break;
        }
        case 'subckt-close': {
          if (stack[stack.length - 1]?.lib) {
            ctx.error(d.loc, `.ends inside .lib ${stack[stack.length - 1]!.name}: expected .endl`);
            break;
          }
          const open = stack.pop();
          if (!open) {
            ctx.error(d.loc, '.ends without a matching .subckt');
            break;
          }
          if (d.name && open.name && d.name.name.toLowerCase() !== open.name.toLowerCase()) {
            ctx.error(d.name.loc, `.ends ${d.name.name} closes .subckt ${open.name}: expected '.ends ${open.name}' or '.ends'`);
          }
          if (open.name) current().push({ kind: 'subckt', name: open.name, ports: open.ports, params: open.params, body: open.body, loc: open.loc });
          break;
        }
        case 'end':
          ended = true;
          break;
        case 'invalid':
          break;
      }
    } catch (e) {
      if (!(e instanceof BrokenLine)) throw e;
    }
    if (ended) break; // ngspice ignores everything after .end
  }
  }
  for (const open of stack.reverse()) {
    if (open.lib) ctx.error(open.loc, `.lib ${open.name} is never closed: expected .endl before the end of the file`);
    else ctx.error(open.loc, `.subckt ${open.name || '(unnamed)'} is never closed: expected .ends before the end of the file`);
  }
  // Lexer, parser and line errors come from separate passes: present them in file order.
  diagnostics.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  const parseErrors = diagnostics.filter((d) => d.severity === 'error').length;
  return { ast: { file, title, statements: top, parseErrors }, diagnostics };
}

