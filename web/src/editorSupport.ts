/**
 * Completion and live diagnostics for the netlist editor. Diagnostics come from the real parser
 * and elaborator (the messages `ncm check` prints), underlined from their line:column to the end
 * of the word there.
 */
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { parseNetlist } from '../../src/netlist/parse.js';
import { directives, elementLetters, paramsOf } from './vocabulary.js';

const LETTERS = elementLetters();
const DIRECTIVES = directives();

export function netlistCompletion(ctx: CompletionContext): CompletionResult | null {
  const word = ctx.matchBefore(/[.\w]*/);
  if (!word || (word.from === word.to && !ctx.explicit)) return null;
  const line = ctx.state.doc.lineAt(ctx.pos);
  if (line.number === 1) return null; // the title line is free text
  const before = line.text.slice(0, word.from - line.from);
  if (/^\s*$/.test(before)) {
    return {
      from: word.from,
      options: [
        ...LETTERS.map((w) => ({ label: w.label, detail: w.detail, type: 'class' })),
        ...DIRECTIVES.map((w) => ({ label: w.label, detail: w.detail, type: 'keyword' })),
      ],
      validFor: /^[.\w]*$/,
    };
  }
  // Inside `{...}`, a quoted expression, or on the value side of a `.param` line: parameter names.
  const open = (before.match(/[{']/g) ?? []).length - (before.match(/[}]/g) ?? []).length;
  const inParamLine = /^\s*\.param\b.*=/i.test(before);
  if (open <= 0 && !inParamLine) return null;
  const { ast } = parseNetlist(ctx.state.doc.toString(), { file: 'edit.cir' });
  const names = [...new Set(paramsOf(ast).map((p) => p.name))];
  return { from: word.from, options: names.map((n) => ({ label: n, detail: '.param', type: 'variable' })), validFor: /^\w*$/ };
}

/** A diagnostic of the library as a CodeMirror one: from line:column to the end of the word there. */
export function toCmDiagnostic(doc: Text, d: Diagnostic): CmDiagnostic {
  const lineNo = Math.min(Math.max(d.loc.line, 1), doc.lines);
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max(d.loc.column - 1, 0), line.to);
  const rest = line.text.slice(from - line.from);
  const word = /^\S+/.exec(rest)?.[0].length ?? 0;
  const to = word > 0 ? from + word : Math.min(from + 1, doc.length);
  return { from, to: Math.max(to, from), severity: d.severity, message: formatDiagnostic(d), source: 'ncm check' };
}
